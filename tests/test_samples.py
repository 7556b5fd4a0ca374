"""Samples that create AWS resources leave a reader's own resources alone (run under moto).

docs/examples/boto3/fan_out.py creates a topic and queues, rewrites the queues' policies and
deletes everything at the end. These tests fill a mocked account with topics and queues first
(the names older versions of the sample used, names with the sample's prefix, and the exact
names a given run will pick) and check that all of them survive a run unchanged.
"""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import boto3
import pytest

moto = pytest.importorskip("moto")

SAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "boto3" / "fan_out.py"
REGION = "us-east-1"
RUN_ID = "fan-out-demo-0badc0de"


@pytest.fixture
def sample(monkeypatch):
    """The sample's functions, in a mocked account, with no real waiting."""
    for key in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/dev/null")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
    with moto.mock_aws():
        namespace = runpy.run_path(str(SAMPLE), run_name="sample_under_test")
        namespace["run_demo"].__globals__["SETTLE_SECONDS"] = 0.0
        monkeypatch.setattr(namespace["time"], "sleep", lambda seconds: None)
        yield namespace


def someone_elses_topic(sns, name: str) -> str:
    arn = sns.create_topic(Name=name, Attributes={"DisplayName": f"owned by someone else: {name}"})["TopicArn"]
    sns.set_topic_attributes(
        TopicArn=arn,
        AttributeName="Policy",
        AttributeValue=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "TheirOwnStatement",
                        "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                        "Action": "sns:Publish",
                        "Resource": arn,
                    }
                ],
            }
        ),
    )
    return arn


def someone_elses_queue(sqs, name: str) -> str:
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "TheirOwnStatement",
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                "Action": "sqs:SendMessage",
                "Resource": arn,
            }
        ],
    }
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps(policy), "VisibilityTimeout": "45"})
    sqs.send_message(QueueUrl=url, MessageBody=f"their message in {name}")
    return url


def snapshot(sns, sqs) -> dict:
    """Every topic and queue of the mocked account, with attributes, subscriptions and messages."""
    topics = {}
    for page in sns.get_paginator("list_topics").paginate():
        for topic in page["Topics"]:
            arn = topic["TopicArn"]
            attributes = sns.get_topic_attributes(TopicArn=arn)["Attributes"]
            subscriptions = sns.list_subscriptions_by_topic(TopicArn=arn)["Subscriptions"]
            topics[arn] = {"attributes": attributes, "subscriptions": subscriptions}
    queues = {}
    for url in sqs.list_queues().get("QueueUrls", []):
        attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        queues[url] = attributes
    return {"topics": topics, "queues": queues}


def their_resources(sns, sqs, names: list[str]) -> None:
    for name in names:
        someone_elses_topic(sns, name)
        someone_elses_queue(sqs, name)


def clients():
    return boto3.client("sns", region_name=REGION), boto3.client("sqs", region_name=REGION)


def test_run_leaves_other_resources_unchanged_and_deletes_its_own(sample):
    sns, sqs = clients()
    roles = list(sample["EXPECTED"])
    # The fixed names of earlier versions, and names that share the sample's prefix.
    their_resources(sns, sqs, ["order-events", *roles])
    their_resources(sns, sqs, [f"{sample['RUN_PREFIX']}-{role}" for role in ["order-events", *roles]])
    their_resources(sns, sqs, [f"{RUN_ID}0-{role}" for role in ["order-events", *roles]])
    before = snapshot(sns, sqs)

    received = sample["run_demo"](REGION, RUN_ID)

    assert {
        name: sorted(json.loads(sample["body_of"](b))["type"] for b in bodies) for name, bodies in received.items()
    } == {sample["queue_name"](RUN_ID, role): sorted(types) for role, types in sample["EXPECTED"].items()}
    after = snapshot(sns, sqs)
    assert after == before  # theirs unchanged (policies, attributes, subscriptions, messages); ours gone


def test_two_runs_pick_different_names(sample):
    assert sample["new_run_id"]() != sample["new_run_id"]()
    assert sample["new_run_id"]().startswith(sample["RUN_PREFIX"] + "-")


@pytest.mark.parametrize("taken", ["topic", "billing-queue", "audit-queue"])
def test_a_taken_name_stops_the_run_before_it_touches_anything(sample, taken):
    sns, sqs = clients()
    if taken == "topic":
        someone_elses_topic(sns, sample["topic_name"](RUN_ID))
    else:
        someone_elses_queue(sqs, sample["queue_name"](RUN_ID, taken))
    before = snapshot(sns, sqs)

    with pytest.raises(sample["NameTaken"], match="already exists; this demo does not touch it"):
        sample["run_demo"](REGION, RUN_ID)

    # What the run created before it stopped is gone; what was there is as it was.
    assert snapshot(sns, sqs) == before


def test_main_reports_every_queue(sample, capsys):
    assert sample["main"]() == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Names start with fan-out-demo-")
    assert lines[1:] == [
        "billing-queue: 1 message(s) ['refund'] [OK]",
        "analytics-queue: 2 message(s) ['order_placed', 'refund'] [OK]",
        "audit-queue: 2 message(s) ['order_placed', 'refund'] [OK]",
    ]
