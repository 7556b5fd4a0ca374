"""Python samples compile and pass ruff; boto3 samples run against moto and do what they say.

Files under docs/examples/boto3/ are linted with the repository's ruff settings and run, all in
one subprocess (moto_runner.py), with fake credentials and no network. Inline python fences are
compiled and linted too, leniently for names defined elsewhere (they are often excerpts).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .fences import Sample, samples_of
from .findings import Finding, check

FENCE_IGNORES = ("F401", "F811", "F821", "F841", "E402", "I001")
RUNNER = Path(__file__).with_name("moto_runner.py")


def compile_problem(text: str, name: str) -> tuple[int, str] | None:
    try:
        compile(text, name, "exec", dont_inherit=True)
    except SyntaxError as error:
        return error.lineno or 1, f"does not compile: {error.msg}"
    return None


def ruff_command(ctx) -> list[str]:
    ruff = ctx.tool("ruff")
    return [ruff] if ruff else [sys.executable, "-m", "ruff"]


def run_ruff(ctx, paths: list[str], ignores: tuple[str, ...] = ()) -> list[dict]:
    if not paths:
        return []
    command = [*ruff_command(ctx), "check", "--output-format", "json", "--no-cache", "--quiet"]
    config = ctx.root / "pyproject.toml"
    if config.is_file():
        command += ["--config", str(config)]
    if ignores:
        command += ["--ignore", ",".join(ignores)]
    process = subprocess.run([*command, "--", *paths], cwd=ctx.root, capture_output=True, text=True, check=False)
    try:
        return json.loads(process.stdout or "[]")
    except json.JSONDecodeError:
        return [
            {
                "filename": paths[0],
                "location": {"row": 1},
                "code": "ruff",
                "message": f"ruff did not run: {(process.stderr or process.stdout).strip()[:200]}",
            }
        ]


@check("python", "Python samples compile and pass ruff (files strictly, inline fences as excerpts)")
def check_python(ctx):
    samples = samples_of(ctx, "python")
    findings = []
    files, fences = {}, {}
    scratch = ctx.tmpdir() / "python"
    scratch.mkdir(exist_ok=True)
    for number, sample in enumerate(samples):
        problem = compile_problem(sample.text, sample.name)
        if problem:
            findings.append(Finding(sample.path, sample.at(problem[0]), "python", problem[1]))
            continue
        if sample.origin == "file" and sample.file is not None:
            files[str(sample.file)] = sample
        else:
            path = scratch / f"fence_{number}.py"
            path.write_text(sample.text, encoding="utf-8")
            fences[str(path)] = sample
    for mapping, ignores in ((files, ()), (fences, FENCE_IGNORES)):
        for item in run_ruff(ctx, list(mapping), ignores):
            sample = mapping.get(item.get("filename")) or mapping.get(str(Path(item.get("filename", "")).resolve()))
            if sample is None:
                continue
            row = (item.get("location") or {}).get("row") or 1
            findings.append(
                Finding(sample.path, sample.at(row), "python", f"ruff {item.get('code')}: {item.get('message')}")
            )
    return findings


def boto3_samples(ctx) -> list[Sample]:
    folder = ctx.examples_dir / "boto3"
    return [s for s in samples_of(ctx, "python") if s.file is not None and s.file.parent == folder]


@check(
    "python-run",
    "boto3 samples run against moto (no network, fake credentials), leave a reader's same-named topics and "
    "queues alone, and fan_out.py delivers to every queue",
    slow=True,
)
def check_python_run(ctx):
    samples = [s for s in boto3_samples(ctx) if compile_problem(s.text, s.name) is None]
    if not samples:
        return []
    out = ctx.tmpdir() / "moto-results.json"
    process = subprocess.run(
        [sys.executable, str(RUNNER), str(out), *(str(s.file) for s in samples)],
        cwd=ctx.root,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if not out.is_file():
        detail = (process.stderr or process.stdout).strip().splitlines()[-1:] or [f"exit {process.returncode}"]
        return [Finding(samples[0].path, 1, "python-run", f"the moto runner failed: {detail[0]}")]
    by_file = {str(s.file): s for s in samples}
    findings = []
    for result in json.loads(out.read_text(encoding="utf-8")):
        if not result["ok"]:
            sample = by_file[result["path"]]
            findings.append(Finding(sample.path, sample.at(result["line"]), "python-run", result["message"]))
    return findings
