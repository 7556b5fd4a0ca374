"""CloudFormation templates pass cfn-lint: the files under docs/examples/cloudformation/ and
every inline fence that is a whole template. cfn-lint runs once, over all of them."""

from __future__ import annotations

import json
import subprocess
import sys

from .fences import samples_of
from .findings import Finding, check

CFN_LINT = "import sys; from cfnlint.runner import main; sys.argv[0] = 'cfn-lint'; sys.exit(main())"
LEVELS = ("Error", "Warning")


def run_cfn_lint(paths: list[str], cwd: str | None = None) -> tuple[list[dict], str]:
    """Run cfn-lint over ``paths``; returns (matches as cfn-lint's JSON objects, error text)."""
    if not paths:
        return [], ""
    process = subprocess.run(
        [sys.executable, "-c", CFN_LINT, "--format", "json", "--", *paths],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        matches = json.loads(process.stdout or "[]")
    except json.JSONDecodeError:
        text = (process.stderr or process.stdout).strip()
        return [], text.splitlines()[-1] if text else f"exit {process.returncode}"
    return matches, ""


@check("cfn-lint", "CloudFormation templates (files and inline whole templates) pass cfn-lint")
def check_cloudformation(ctx):
    samples = [s for s in samples_of(ctx, "cloudformation") if not s.parse_error]
    if not samples:
        return []
    scratch = ctx.tmpdir() / "cfn"
    scratch.mkdir(exist_ok=True)
    by_path = {}
    for number, sample in enumerate(samples):
        if sample.file is not None and sample.origin == "file":
            path = str(sample.file)
        else:
            suffix = ".json" if sample.lang == "json" else ".yaml"
            path = str(scratch / f"fence-{number}{suffix}")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(sample.text)
        by_path[path] = sample
    matches, error = run_cfn_lint(list(by_path), cwd=str(ctx.root))
    if error:
        return [Finding(samples[0].path, 1, "cfn-lint", f"cfn-lint did not run: {error}")]
    findings = []
    for match in matches:
        if match.get("Level") not in LEVELS:
            continue
        sample = by_path.get(match.get("Filename"))
        if sample is None:
            continue
        line = match.get("Location", {}).get("Start", {}).get("LineNumber", 1) or 1
        rule = match.get("Rule", {}).get("Id", "")
        findings.append(Finding(sample.path, sample.at(line), "cfn-lint", f"{rule} {match.get('Message', '')}".strip()))
    return findings
