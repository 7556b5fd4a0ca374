"""GitHub Actions workflows in pages, against the schema check-jsonschema ships."""

from __future__ import annotations

import pytest
from docscheck.github_workflows import load_workflow, workflow_problems

from check.harness import cases_for, check_case


@pytest.mark.parametrize("case", cases_for("github-workflow"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


def test_on_stays_a_key():
    data = load_workflow("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: 'true'\n")
    assert "on" in data and True not in data
    assert workflow_problems(data) == []
