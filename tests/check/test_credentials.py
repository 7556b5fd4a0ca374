"""No real-looking AWS keys and only placeholder account IDs."""

from __future__ import annotations

import pytest
from docscheck.credentials import PLACEHOLDER_ACCOUNT_IDS, line_problems

from check.harness import cases_for, check_case


@pytest.mark.parametrize("case", cases_for("aws-credentials", "account-id"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


@pytest.mark.parametrize(
    "line",
    [
        "AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "arn:aws:iam::123456789012:role/x and 111122223333 and 444455556666",
        "MessageRetentionPeriod: 1209600",
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html",
        "sha256:0123456789ab0123456789ab0123456789ab0123456789ab0123456789ab0123",
        "epoch millis 1764201600000",
    ],
)
def test_clean_lines(line):
    assert line_problems(line) == []


@pytest.mark.parametrize(
    ("line", "check_id"),
    [
        ("ASIATESTTESTTESTTEST", "aws-credentials"),
        ("arn:aws:sns:us-east-1:000000000000:t", "account-id"),
        ("000011112222.dkr.ecr.us-east-1.amazonaws.com", "account-id"),
    ],
)
def test_suspicious_lines(line, check_id):
    assert [c for c, _ in line_problems(line)] == [check_id]


def test_placeholders_are_the_documented_ones():
    assert {"123456789012", "111122223333", "444455556666"} <= PLACEHOLDER_ACCOUNT_IDS
