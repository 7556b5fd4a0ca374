"""check-allowlist.yml: exceptions with a reason, that still match something."""

from __future__ import annotations

import pytest
from docscheck.allowlist import load_allowlist
from docscheck.findings import Finding

from check.harness import cases_for, check_case


@pytest.mark.parametrize("case", cases_for("allowlist"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


def test_entries_match_by_check_path_glob_line_and_text():
    entries, problems = load_allowlist(
        "- check: build\n  path: docs/*.md\n  line: 3\n  match: anchor\n  reason: r\n", {"build"}
    )
    assert problems == []
    (entry,) = entries
    assert entry.matches(Finding("docs/a.md", 3, "build", "no anchor '#x'"))
    assert not entry.matches(Finding("docs/a.md", 4, "build", "no anchor '#x'"))
    assert not entry.matches(Finding("docs/a.md", 3, "mermaid", "no anchor '#x'"))
    assert not entry.matches(Finding("docs/sub/a.md", 3, "build", "other"))


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("check: build\n", "must be a YAML list"),
        ("- just a string\n", "must be a mapping"),
        ("- check: build\n  path: x\n  reason: ''\n", "no reason"),
        ("- check: build\n  path: x\n  reason: r\n  colour: red\n", "unknown key(s) colour"),
        ("- check: build\n  reason: r\n", "no path"),
        ("- [unclosed\n", "not valid YAML"),
    ],
)
def test_malformed_entries(text, part):
    _, problems = load_allowlist(text, {"build"})
    assert problems and part in problems[0].message
