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
from docscheck.moto_runner import account_state, plant_queue, plant_topic

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


def their_resources(sns, sqs, names: list[str]) -> None:
    """A topic and a queue of each name, each with a policy, attributes (and a message) of its own:
    the same readers' resources `make check` plants beside every boto3 sample."""
    for name in names:
        plant_topic(sns, name)
        plant_queue(sqs, name)


def clients():
    return boto3.client("sns", region_name=REGION), boto3.client("sqs", region_name=REGION)


def test_run_leaves_other_resources_unchanged_and_deletes_its_own(sample):
    sns, sqs = clients()
    roles = list(sample["EXPECTED"])
    # The fixed names of earlier versions, and names that share the sample's prefix.
    their_resources(sns, sqs, ["order-events", *roles])
    their_resources(sns, sqs, [f"{sample['RUN_PREFIX']}-{role}" for role in ["order-events", *roles]])
    their_resources(sns, sqs, [f"{RUN_ID}0-{role}" for role in ["order-events", *roles]])
    before = account_state()

    received = sample["run_demo"](REGION, RUN_ID)

    assert {
        name: sorted(json.loads(sample["body_of"](b))["type"] for b in bodies) for name, bodies in received.items()
    } == {sample["queue_name"](RUN_ID, role): sorted(types) for role, types in sample["EXPECTED"].items()}
    after = account_state()
    assert after == before  # theirs unchanged (policies, attributes, subscriptions, messages); ours gone


def test_two_runs_pick_different_names(sample):
    assert sample["new_run_id"]() != sample["new_run_id"]()
    assert sample["new_run_id"]().startswith(sample["RUN_PREFIX"] + "-")


@pytest.mark.parametrize("taken", ["topic", "billing-queue", "audit-queue"])
def test_a_taken_name_stops_the_run_before_it_touches_anything(sample, taken):
    sns, sqs = clients()
    if taken == "topic":
        plant_topic(sns, sample["topic_name"](RUN_ID))
    else:
        plant_queue(sqs, sample["queue_name"](RUN_ID, taken))
    before = account_state()

    with pytest.raises(sample["NameTaken"], match="already exists; this demo does not touch it"):
        sample["run_demo"](REGION, RUN_ID)

    # What the run created before it stopped is gone; what was there is as it was.
    assert account_state() == before


def test_main_reports_every_queue(sample, capsys):
    assert sample["main"]() == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Names start with fan-out-demo-")
    assert lines[1:] == [
        "billing-queue: 1 message(s) ['refund'] [OK]",
        "analytics-queue: 2 message(s) ['order_placed', 'refund'] [OK]",
        "audit-queue: 2 message(s) ['order_placed', 'refund'] [OK]",
    ]
