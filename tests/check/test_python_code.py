"""Python samples: compile, ruff, and boto3 samples run under moto with their outcome asserted."""

from __future__ import annotations

import pytest
from docscheck.python_code import compile_problem

from check.harness import cases_for, check_case


@pytest.mark.parametrize("case", cases_for("python", "python-run"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


def test_compile_problem():
    assert compile_problem("x = 1\n", "a.py") is None
    assert compile_problem("def f(:\n", "a.py")[0] == 1
