"""buildspec files against the buildspec schema."""

from __future__ import annotations

import pytest
from docscheck.buildspec import buildspec_problems

from check.harness import cases_for, check_case


@pytest.mark.parametrize("case", cases_for("buildspec"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


def test_yes_no_and_on_failure():
    good = {
        "version": 0.2,
        "env": {"git-credential-helper": True},
        "phases": {"build": {"on-failure": "CONTINUE", "commands": ["make"]}},
    }
    assert buildspec_problems(good) == []
    bad = {"version": 0.2, "phases": {"build": {"on-failure": "IGNORE", "commands": ["make"]}}}
    assert [path for path, _ in buildspec_problems(bad)] == [("phases", "build", "on-failure")]


def test_runtime_versions_only_in_install():
    bad = {"version": 0.2, "phases": {"build": {"runtime-versions": {"python": 3.12}}}}
    assert buildspec_problems(bad)[0][1].startswith("unknown key 'runtime-versions'")
