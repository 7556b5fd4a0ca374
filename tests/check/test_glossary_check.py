"""The glossary checks (scripts/docscheck/glossary.py) on the fixtures in tests/fixtures/glossary/."""

from __future__ import annotations

from pathlib import Path

import pytest
from docscheck import glossary
from docscheck.findings import Finding

from .harness import REPO, cases_for, check_case

GLOSSARY_FIXTURES = REPO / "tests" / "fixtures" / "glossary"


@pytest.mark.parametrize("case", cases_for("glossary"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


def test_the_hook_is_imported_by_path_and_shared():
    hook = glossary.load_hook(REPO)
    assert hook is not None and hook.SOURCE_FILE == "reference/glossary.yml"
    assert glossary.load_hook(REPO) is hook
    assert glossary.load_hook(Path("/nonexistent")) is hook  # falls back to this repository's hook


def test_findings_come_from_the_hooks_rules_with_page_lines():
    hook = glossary.load_hook(REPO)
    page = (GLOSSARY_FIXTURES / "bad-reference.md").read_text(encoding="utf-8")
    findings = glossary.glossary_findings(
        hook,
        GLOSSARY_FIXTURES / "support" / "docs" / "reference" / "glossary.yml",
        "docs/reference/glossary.yml",
        [("patterns/bad.md", "docs/patterns/bad.md", page)],
    )
    assert (
        Finding(
            "docs/patterns/bad.md",
            9,
            "glossary",
            "unknown glossary term 'g:no-such-term': no entry has the id 'no-such-term'",
        )
        in findings
    )
    unused = sorted(f.message for f in findings if f.check == "glossary-unused")
    assert unused == [
        "entry 'dead-letter-queue' (Dead-letter queue) is used on no page",
        "entry 'sqs' (SQS) is used on no page",
        "entry 'stack' (Stack) is used on no page",
        "entry 'trust-policy' (Trust policy) is used on no page",
    ]
