"""The question-bank check: what question_bank.py finds, at the line, for every page."""

from __future__ import annotations

import pytest

from check.harness import cases_for, check_case


@pytest.mark.parametrize("case", cases_for("question-bank"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)
