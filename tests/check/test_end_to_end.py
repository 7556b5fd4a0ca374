"""End to end: plant one problem of each kind in a copy of the site; the checker names each one."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PLANTED_PAGE = """

## Planted problems { #planted-problems }

A [missing page](planted-missing-page.md) and a [missing anchor](index.md#planted-no-such-anchor).

```mermaid
flowchart LR
    accTitle: Planted
    accDescr: A diagram with a syntax error.
    a --> b
    b --> c planted
```

*In words:* nothing, it is broken.
{ .diagram-description }
"""

BROKEN_TEMPLATE = """AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Topic:
    Type: AWS::SNS::Topik
"""

UNKNOWN_ACTION_POLICY = """{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObjekt",
      "Resource": "arn:aws:s3:::example-bucket/*"
    }
  ]
}
"""


def copy_site(target: Path) -> Path:
    """docs, overrides, scripts and the top-level files (mkdocs.yml, check-allowlist.yml, pages
    included from the root such as CONTRIBUTING.md); node_modules is linked, not copied."""
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "vendor"))
    for path in REPO.iterdir():
        if path.is_file():
            shutil.copyfile(path, target / path.name)
    (target / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    return target


def test_planted_problems_are_each_named(tmp_path):
    root = copy_site(tmp_path / "site")
    index = root / "docs" / "index.md"
    original_lines = index.read_text(encoding="utf-8").rstrip("\n").count("\n") + 1
    index.write_text(index.read_text(encoding="utf-8").rstrip("\n") + PLANTED_PAGE, encoding="utf-8")
    lines = index.read_text(encoding="utf-8").splitlines()
    link_line = next(n for n, line in enumerate(lines, 1) if "planted-missing-page.md" in line)
    bad_diagram_line = next(n for n, line in enumerate(lines, 1) if "c planted" in line)
    assert link_line > original_lines
    (root / "docs/examples/cloudformation").mkdir(parents=True, exist_ok=True)
    (root / "docs/examples/cloudformation/planted-broken.yaml").write_text(BROKEN_TEMPLATE, encoding="utf-8")
    (root / "docs/examples/iam").mkdir(parents=True, exist_ok=True)
    (root / "docs/examples/iam/planted-unknown-action.json").write_text(UNKNOWN_ACTION_POLICY, encoding="utf-8")

    result = subprocess.run(
        [sys.executable, str(root / "scripts" / "check.py"), "--root", str(root), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)

    def named(predicate) -> bool:
        return any(predicate(f) for f in findings)

    problems = {
        "broken link": named(
            lambda f: (
                f["path"] == "docs/index.md" and f["line"] == link_line and "planted-missing-page.md" in f["message"]
            )
        ),
        "broken anchor": named(
            lambda f: (
                f["path"] == "docs/index.md" and f["line"] == link_line and "planted-no-such-anchor" in f["message"]
            )
        ),
        "invalid diagram": named(
            lambda f: f["check"] == "diagram" and f["path"] == "docs/index.md" and f["line"] == bad_diagram_line
        ),
        "invalid template": named(
            lambda f: (
                f["check"] == "cfn-lint"
                and f["line"] == 4
                and f["path"] == "docs/examples/cloudformation/planted-broken.yaml"
            )
        ),
        "unknown action": named(
            lambda f: (
                f["check"] == "iam-policy"
                and f["line"] == 6
                and f["path"] == "docs/examples/iam/planted-unknown-action.json"
                and "s3:GetObjekt" in f["message"]
            )
        ),
    }
    missing = [name for name, found in problems.items() if not found]
    listing = "\n".join(f"{f['path']}:{f['line']}: [{f['check']}] {f['message']}" for f in findings)
    assert not missing, f"not reported: {missing}\nall findings:\n{listing}"
