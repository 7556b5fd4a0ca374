"""Output formats and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from docscheck import output
from docscheck.findings import Finding

REPO = Path(__file__).resolve().parents[2]
CHECK = [sys.executable, str(REPO / "scripts" / "check.py")]
FINDINGS = [Finding("docs/a.md", 3, "build", "broken: 100% wrong,\nreally")]


def test_human():
    assert output.human(FINDINGS) == "docs/a.md:3: [build] broken: 100% wrong,\nreally\n"
    assert output.summary(FINDINGS, 5, 1.23).startswith("FAILED: 1 finding in 1 file(s) (build: 1)")
    assert output.summary([], 5, 1.23) == "OK: no findings (5 checks in 1.2 s)"


def test_json():
    assert json.loads(output.as_json(FINDINGS)) == [
        {"path": "docs/a.md", "line": 3, "check": "build", "message": "broken: 100% wrong,\nreally"}
    ]


def test_github_annotations_are_escaped():
    assert output.github(FINDINGS) == "::error file=docs/a.md,line=3,title=build::broken: 100%25 wrong,%0Areally\n"


def site(tmp_path: Path, page: str) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "docs" / "index.md").write_text(page)
    return tmp_path


def test_cli_list_and_usage_errors(tmp_path):
    listed = subprocess.run([*CHECK, "--list"], capture_output=True, text=True, check=False)
    assert listed.returncode == 0 and "mermaid-a11y " in listed.stdout and "external-links" in listed.stdout
    unknown = subprocess.run([*CHECK, "--only", "nope"], capture_output=True, text=True, check=False)
    assert unknown.returncode == 2 and "unknown check id 'nope'" in unknown.stderr
    no_site = subprocess.run([*CHECK, "--root", str(tmp_path)], capture_output=True, text=True, check=False)
    assert no_site.returncode == 2
    bad_flag = subprocess.run([*CHECK, "--format", "xml"], capture_output=True, text=True, check=False)
    assert bad_flag.returncode == 2


def test_cli_formats_and_exit_codes(tmp_path):
    root = site(tmp_path, "# Home\n\nAccount 000011112222.\n\nAnd 000011113333.\n")
    human = subprocess.run(
        [*CHECK, "--root", str(root), "--only", "account-id", "--timings"], capture_output=True, text=True, check=False
    )
    assert human.returncode == 1
    lines = human.stdout.splitlines()
    assert lines[0].startswith("docs/index.md:3: [account-id] 000011112222")
    assert lines[1].startswith("docs/index.md:5: [account-id] 000011113333")
    assert lines[2].startswith("FAILED: 2 findings")
    assert any(line.strip().startswith("account-id") and line.endswith(" s") for line in lines[3:])
    as_json = subprocess.run(
        [*CHECK, "--root", str(root), "--only", "account-id", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert [f["line"] for f in json.loads(as_json.stdout)] == [3, 5]
    gh = subprocess.run(
        [*CHECK, "--root", str(root), "--only", "account-id", "--format", "github"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert gh.stdout.startswith("::error file=docs/index.md,line=3,title=account-id::")
    clean = subprocess.run(
        [*CHECK, "--root", str(root), "--skip", "account-id", "--only", "account-id,mermaid-a11y"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert clean.returncode == 0 and clean.stdout.startswith("OK: no findings")


def test_a_crashing_check_is_a_finding_not_a_pass(tmp_path, monkeypatch):
    from docscheck import load_checks
    from docscheck.context import Options
    from docscheck.runner import run

    def boom(ctx):
        raise RuntimeError("kaput")

    check = load_checks()["account-id"]
    monkeypatch.setattr(check, "function", boom)
    report = run(site(tmp_path, "# Home\n"), Options(only=["account-id"]))
    assert [(f.path, f.check) for f in report.findings] == [("scripts/docscheck/credentials.py", "account-id")]
    assert "RuntimeError: kaput" in report.findings[0].message
