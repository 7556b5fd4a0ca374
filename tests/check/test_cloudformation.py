"""CloudFormation templates pass cfn-lint (run once over every template)."""

from __future__ import annotations

import pytest
from docscheck.cloudformation import run_cfn_lint

from check.harness import FIXTURES, cases_for, check_case


@pytest.mark.parametrize("case", cases_for("cfn-lint"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


def test_one_run_for_many_templates():
    paths = [str(FIXTURES / "cfn-lint" / name) for name in ("good.yaml", "bad-type.yaml", "bad-property.yaml")]
    matches, error = run_cfn_lint(paths)
    assert not error
    assert {m["Filename"].rsplit("/", 1)[-1] for m in matches} == {"bad-type.yaml", "bad-property.yaml"}
