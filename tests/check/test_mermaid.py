"""Mermaid diagrams carry single-line accTitle and accDescr (whether they draw is the build's check)."""

from __future__ import annotations

import pytest
from docscheck.mermaid import accessibility_problems

from check.harness import cases_for, check_case


@pytest.mark.parametrize("case", cases_for("mermaid-a11y"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


def test_accessibility_lines_in_any_order():
    assert accessibility_problems("flowchart LR\n accDescr: d\n accTitle: t\n a-->b\n") == []
    assert accessibility_problems("") == [(1, "empty diagram")]


@pytest.mark.parametrize("case", cases_for("mermaid-shapes"), ids=str)
def test_shape_fixture(case, tmp_path):
    check_case(case, tmp_path)
