"""Step Functions state machines against statelint, with findings on the right lines."""

from __future__ import annotations

import pytest
from docscheck.state_machine import path_in, problems

from check.harness import cases_for, check_case


@pytest.mark.parametrize("case", cases_for("state-machine"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


def test_path_in_follows_names_with_spaces_and_dots():
    data = {"States": {"Check order": {"Retry": [{"IntervalSeconds": "5"}]}, "v1.2 step": {"Next": "x"}}}
    assert path_in(data, ".States.Check order.Retry[0].IntervalSeconds is x") == (
        "States",
        "Check order",
        "Retry",
        0,
        "IntervalSeconds",
    )
    assert path_in(data, ".States.v1.2 step.Next") == ("States", "v1.2 step", "Next")


def test_path_in_reads_a_state_named_without_states():
    data = {"States": {"Done": {"Type": "Succeed"}}}
    assert path_in(data, ".Done") == ("States", "Done")


def test_path_in_stops_at_what_it_cannot_find():
    data = {"States": {"A": {"Retry": []}}}
    assert path_in(data, ".States.A.Retry[3].MaxAttempts") == ("States", "A", "Retry")
    assert path_in(data, ".Nowhere") == ()


def test_a_valid_machine_has_no_problems():
    assert problems({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}) == []
