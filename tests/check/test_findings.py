"""The registry: every check is registered once, documented, and has good and bad fixtures."""

from __future__ import annotations

import pytest
from docscheck import CHECK_MODULES, load_checks
from docscheck.findings import Finding, sort_findings

from check.harness import FIXTURES, load_cases

# Checks whose fixtures would need the network; covered by their own tests instead.
NO_FIXTURES = {"external-links": "needs HTTP servers; tests/check/test_external_links.py serves them on loopback"}


def test_every_module_registers_checks():
    registry = load_checks()
    modules = {check.module.rsplit(".", 1)[-1] for check in registry.values()}
    assert modules == set(CHECK_MODULES)


def test_check_ids_are_kebab_case_and_described():
    for check_id, check in load_checks().items():
        assert check_id == check.id
        assert check_id.replace("-", "").isalnum() and check_id == check_id.lower()
        assert len(check.description) > 20


def all_cases():
    return [
        case
        for folder in sorted(FIXTURES.iterdir())
        if (folder / "fixture.yml").is_file()
        for case in load_cases(folder.name)
    ]


@pytest.mark.parametrize("check_id", sorted(load_checks()))
def test_every_check_has_good_and_bad_fixtures(check_id):
    """tests/fixtures/<check-id>/ (or another folder whose fixture.yml runs the check) has both."""
    if check_id in NO_FIXTURES:
        pytest.skip(NO_FIXTURES[check_id])
    cases = [case for case in all_cases() if check_id in case.checks]
    good = [case for case in cases if case.name.startswith("good") and not case.expected]
    bad = [
        case
        for case in cases
        if case.name.startswith("bad") and any(e.get("check", case.check_id) == check_id for e in case.expected)
    ]
    assert good, f"no good fixture runs {check_id} (tests/fixtures/{check_id}/good.*)"
    assert bad, f"no bad fixture expects a {check_id} finding (tests/fixtures/{check_id}/bad*.*)"
    assert all(case.expected for case in cases if case.name.startswith("bad"))


def test_every_fixture_folder_belongs_to_a_check():
    registry = load_checks()
    for folder in FIXTURES.iterdir():
        if (folder / "fixture.yml").is_file():
            for case in load_cases(folder.name):
                unknown = set(case.checks) - set(registry)
                assert not unknown, f"tests/fixtures/{folder.name}: {case.name} runs unknown checks {unknown}"


def test_findings_sort_and_deduplicate():
    a = Finding("docs/b.md", 3, "build", "x")
    b = Finding("docs/a.md", 10, "mermaid", "y")
    assert sort_findings([a, b, a]) == [b, a]
    assert a.human() == "docs/b.md:3: [build] x"
    assert a.as_dict() == {"path": "docs/b.md", "line": 3, "check": "build", "message": "x"}
