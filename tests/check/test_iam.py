"""IAM policies: parliament, plus structure rules by kind (identity, resource, trust)."""

from __future__ import annotations

import pytest
from docscheck.iam import classify, parliament_problems, structure_problems

from check.harness import cases_for, check_case


@pytest.mark.parametrize("case", cases_for("iam-policy", "iam-structure"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}
RESOURCE = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}],
}
IDENTITY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}


def test_classify_by_explicit_kind_then_name_then_content():
    assert classify(IDENTITY, explicit="iam-trust") == "trust"
    assert classify(IDENTITY, name="trust-policy-x.json") == "trust"
    assert classify(TRUST, name="s3-bucket-policy.json") == "resource"
    assert (classify(TRUST), classify(RESOURCE), classify(IDENTITY)) == ("trust", "resource", "identity")


def test_well_formed_policies_have_no_structure_problem():
    assert structure_problems(TRUST, "trust") == []
    assert structure_problems(RESOURCE, "resource") == []
    assert structure_problems(IDENTITY, "identity") == []


def test_structure_rules():
    bad = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Bogus": 1}]}
    messages = [message for _, message in structure_problems(bad, "identity")]
    assert any("unknown statement element 'Bogus'" in m for m in messages)
    assert any("needs Resource" in m for m in messages)
    assert any("no Statement" in m for _, m in structure_problems({"Version": "2012-10-17"}, "identity"))
    not_action = {"Version": "2012-10-17", "Statement": [{**TRUST["Statement"][0], "NotAction": "s3:*"}]}
    assert any("exactly one of Action and NotAction" in m for _, m in structure_problems(not_action, "trust"))


def test_parliament_noise_suppressed_for_trust_policies_only():
    import json

    text = json.dumps(TRUST, indent=2)
    assert parliament_problems(text, "trust") == []
    assert any("neither Resource nor NotResource" in m for _, m in parliament_problems(text, "identity"))
