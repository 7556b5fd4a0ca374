"""API payload samples against the service's model in botocore."""

from __future__ import annotations

import pytest
from docscheck.api_payloads import ApiInput, name_to_path, parse_declaration, payload_problems

from check.harness import cases_for, check_case


@pytest.mark.parametrize("case", cases_for("api-payload"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


def test_declaration():
    assert parse_declaration("api: elbv2 ModifyListener DefaultActions") == (
        ApiInput("elbv2", "ModifyListener", "DefaultActions"),
        "",
    )
    assert parse_declaration("api:  sqs   CreateQueue ") == (ApiInput("sqs", "CreateQueue"), "")
    api, problem = parse_declaration("api: sqs")
    assert api is None and "api: <service> <Operation> [<Member>]" in problem


def test_name_to_path():
    assert name_to_path(".pipeline.stages[0].actions[12].name") == ("pipeline", "stages", 0, "actions", 12, "name")
    assert name_to_path("[3].Type") == (3, "Type")
    assert name_to_path("") == ()
    assert name_to_path(".Attributes (key: Policy)") == ("Attributes",)


def test_bool_is_not_a_number_and_maximums_count():
    problems = payload_problems({"QueueName": "q", "MaxNumberOfMessages": True}, ApiInput("sqs", "CreateQueue"))
    assert [path for path, _ in problems] == [("MaxNumberOfMessages",)]  # not a CreateQueue member at all
    problems = payload_problems(
        {"QueueUrl": "https://example.com/q", "MaxNumberOfMessages": True}, ApiInput("sqs", "ReceiveMessage")
    )
    assert problems == [
        (
            ("MaxNumberOfMessages",),
            "MaxNumberOfMessages: true is a boolean; the model wants a whole number [sqs ReceiveMessage]",
        )
    ]
    pipeline = {"pipeline": {"name": "x" * 101}}
    messages = [message for _, message in payload_problems(pipeline, ApiInput("codepipeline", "CreatePipeline"))]
    assert "pipeline.name: longer than the maximum of 100 characters [codepipeline CreatePipeline]" in messages


def test_enum_values_in_lists_are_checked():
    problems = payload_problems(
        {"QueueUrl": "https://example.com/q", "MessageSystemAttributeNames": ["SenderId", "SenderID"]},
        ApiInput("sqs", "ReceiveMessage"),
    )
    assert [path for path, _ in problems] == [("MessageSystemAttributeNames", 1)]
    assert '"SenderID" is not one of' in problems[0][1]


def test_unknown_service():
    problems = payload_problems({}, ApiInput("sqss", "CreateQueue"))
    assert problems == [((), "botocore has no service 'sqss' (service names are the AWS CLI's, e.g. elbv2)")]
