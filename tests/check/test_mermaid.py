"""Mermaid diagrams parse with the site's own Mermaid, and carry accTitle and accDescr."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docscheck.mermaid import MERMAID_JS, accessibility_problems, error_line, parse_diagrams, summarize

from check.harness import cases_for, check_case

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("case", cases_for("mermaid", "mermaid-a11y"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


def test_the_parser_uses_the_file_the_site_serves():
    served = REPO / "node_modules" / MERMAID_JS
    results = parse_diagrams(
        shutil.which("node"),
        served,
        [
            {"id": "ok", "code": "flowchart LR\n  a --> b\n"},
            {"id": "bad", "code": "flowchart LR\n  a --> b c\n"},
        ],
    )
    assert [(r["id"], r["ok"]) for r in results] == [("ok", True), ("bad", False)]
    assert "Parse error on line 2" in results[1]["error"]


def test_error_line_counts_the_front_matter():
    assert error_line("flowchart LR\n  a\n", "Parse error on line 2:\n...") == 2
    assert error_line("---\ntitle: x\n---\nflowchart LR\n  a\n", "Parse error on line 2:") == 5
    assert error_line("x", "No diagram type detected") == 1


def test_summarize_keeps_the_gist():
    message = "Parse error on line 5:\n...b c\n-----^\nExpecting 'SEMI', 'NEWLINE', got 'NODE_STRING'"
    assert summarize(message) == "Parse error on line 5; expected SEMI, NEWLINE, got 'NODE_STRING'"


def test_accessibility_lines_in_any_order():
    assert accessibility_problems("flowchart LR\n accDescr: d\n accTitle: t\n a-->b\n") == []
    assert accessibility_problems("") == [(1, "empty diagram")]
