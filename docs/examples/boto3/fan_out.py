"""Fan-out with Amazon SNS and Amazon SQS: one publish, three independent queues.

The script creates an SNS topic and three SQS queues, lets the topic send to each
queue (queue access policy), subscribes the queues (the billing subscription has a
filter policy on the message body), publishes two order events, then reads every
queue back and prints what each one received.

Delivery format: the billing and audit subscriptions use raw message delivery, so
their queues receive the published body unchanged. The analytics subscription keeps
the default SNS JSON envelope, and `body_of` unwraps it (the published body is in the
envelope's "Message" field). The script does both on purpose, to show the difference.

Run it offline under moto, or against a real account: it then creates billable
resources and deletes them at the end. Every name it uses carries a random run ID
(fan-out-demo-<8 hex digits>-...), it stops before touching a topic or queue that
already has one of its names, and it deletes only what it created itself. It exits
with status 1 if a queue did not receive exactly what the filter policies say it should.
"""

from __future__ import annotations

import json
import secrets
import sys
import time

import boto3

# --8<-- [start:expected]
# Two events are published. Billing filters on {"type": ["refund"]}; the other two
# queues have no filter policy and receive both.
EVENTS = [
    {"type": "order_placed", "orderId": "1001"},
    {"type": "refund", "orderId": "1001"},
]
EXPECTED = {
    "billing-queue": ["refund"],
    "analytics-queue": ["order_placed", "refund"],
    "audit-queue": ["order_placed", "refund"],
}
SETTLE_SECONDS = 5.0  # pause between subscribing and publishing
SUBSCRIPTION_ATTRIBUTES = {
    "billing-queue": {
        "RawMessageDelivery": "true",
        "FilterPolicyScope": "MessageBody",
        "FilterPolicy": json.dumps({"type": ["refund"]}),
    },
    "analytics-queue": {},  # defaults: SNS JSON envelope, no filter policy
    "audit-queue": {"RawMessageDelivery": "true"},
}
# --8<-- [end:expected]


# --8<-- [start:queue-policy]
def queue_policy(queue_arn: str, topic_arn: str) -> str:
    """Resource policy that lets SNS send to the queue, on behalf of one topic only."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "AllowTopicToSend",
                    "Effect": "Allow",
                    "Principal": {"Service": "sns.amazonaws.com"},
                    "Action": "sqs:SendMessage",
                    "Resource": queue_arn,
                    "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn}},
                }
            ],
        }
    )


# --8<-- [end:queue-policy]


# --8<-- [start:unwrap]
def body_of(sqs_body: str) -> str:
    """Return the published message, unwrapping the SNS envelope if there is one."""
    try:
        data = json.loads(sqs_body)
    except json.JSONDecodeError:
        return sqs_body
    if isinstance(data, dict) and data.get("Type") == "Notification" and "TopicArn" in data:
        return data["Message"]
    return sqs_body


# --8<-- [end:unwrap]


def drain(sqs, queue_url: str, wanted: int, timeout: float = 30.0) -> list[str]:
    """Read until `wanted` messages arrived (or `timeout` passed), then once more for extras.

    Delivery from SNS to SQS is asynchronous, so a real queue may still be empty right
    after the publish call returns. Every message read is deleted.
    """
    bodies: list[str] = []
    deadline = time.monotonic() + timeout
    while True:
        enough = len(bodies) >= wanted
        response = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=1 if enough else 5)
        messages = response.get("Messages", [])
        for message in messages:
            bodies.append(body_of(message["Body"]))
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
        if (enough and not messages) or time.monotonic() > deadline:
            return bodies


# --8<-- [start:create-new]
RUN_PREFIX = "fan-out-demo"


class NameTaken(RuntimeError):
    """A topic or queue with one of this run's names exists already: the demo leaves it alone."""


def new_run_id() -> str:
    """A fresh prefix for every name of one run, such as "fan-out-demo-3f9a1c2e"."""
    return f"{RUN_PREFIX}-{secrets.token_hex(4)}"


def topic_name(run_id: str) -> str:
    return f"{run_id}-order-events"


def queue_name(run_id: str, role: str) -> str:
    return f"{run_id}-{role}"  # role: a key of EXPECTED, such as "billing-queue"


# Neither create call fails when the name is taken; each hands back the existing resource:
# - SNS CreateTopic is idempotent: for a topic name the account already has in the Region,
#   it returns that topic's ARN.
# - SQS CreateQueue returns the existing queue's URL unless the request sets an attribute
#   to a value the queue does not have (then it fails with QueueNameExists). This script
#   sets none at creation, so an existing queue of that name would always be returned.
# A script that went on would overwrite the policies of someone else's queues and, when it
# cleans up, delete their topic and queues. So look first and stop if the name is taken. The
# random run ID makes that rare; the check makes it harmless.
def create_new_topic(sns, name: str) -> str:
    for page in sns.get_paginator("list_topics").paginate():
        if any(topic["TopicArn"].rsplit(":", 1)[-1] == name for topic in page["Topics"]):
            raise NameTaken(f"topic {name!r} already exists; this demo does not touch it")
    return sns.create_topic(Name=name)["TopicArn"]


def create_new_queue(sqs, name: str) -> str:
    try:
        sqs.get_queue_url(QueueName=name)
    except sqs.exceptions.QueueDoesNotExist:
        return sqs.create_queue(QueueName=name)["QueueUrl"]
    raise NameTaken(f"queue {name!r} already exists; this demo does not touch it")


# --8<-- [end:create-new]


def run_demo(region: str = "us-east-1", run_id: str | None = None) -> dict[str, list[str]]:
    """Build the fan-out, publish EVENTS, and return queue name -> message bodies received.

    The queue names are this run's own: queue_name(run_id, role) for each role in EXPECTED.
    Whatever happens, the topic and the queues this run created are deleted at the end,
    and nothing else.
    """
    run_id = run_id or new_run_id()
    sns = boto3.client("sns", region_name=region)
    sqs = boto3.client("sqs", region_name=region)

    topic_arn = ""  # set once this run has created the topic
    queue_urls: dict[str, str] = {}  # queue name -> URL, for the queues this run created
    queue_arns: dict[str, str] = {}  # queue name -> ARN
    try:
        # --8<-- [start:create]
        topic_arn = create_new_topic(sns, topic_name(run_id))
        for role in EXPECTED:
            name = queue_name(run_id, role)
            url = create_new_queue(sqs, name)
            queue_urls[name] = url
            attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
            queue_arns[name] = attributes["Attributes"]["QueueArn"]
            # Without this policy SNS cannot deliver, and the publisher is not told.
            sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": queue_policy(queue_arns[name], topic_arn)})
        # --8<-- [end:create]

        # --8<-- [start:subscribe]
        for role in EXPECTED:
            sns.subscribe(
                TopicArn=topic_arn,
                Protocol="sqs",
                Endpoint=queue_arns[queue_name(run_id, role)],
                Attributes=SUBSCRIPTION_ATTRIBUTES[role],
                ReturnSubscriptionArn=True,
            )
        # --8<-- [end:subscribe]

        # --8<-- [start:publish]
        # A new subscription and queue policy can take a moment to take effect; publishing
        # in that window can lose the copy for that queue, so wait a little first.
        time.sleep(SETTLE_SECONDS)
        for event in EVENTS:
            sns.publish(TopicArn=topic_arn, Message=json.dumps(event))
        # --8<-- [end:publish]

        received: dict[str, list[str]] = {}
        for role, expected_types in EXPECTED.items():
            name = queue_name(run_id, role)
            received[name] = drain(sqs, queue_urls[name], len(expected_types))
        return received
    finally:
        # Clean up what this run created, so that a run against a real account leaves
        # nothing behind. Deleting the topic deletes its subscriptions too.
        for url in queue_urls.values():
            sqs.delete_queue(QueueUrl=url)
        if topic_arn:
            sns.delete_topic(TopicArn=topic_arn)


# --8<-- [start:main]
def main() -> int:
    run_id = new_run_id()
    print(f"Names start with {run_id}")
    received = run_demo(run_id=run_id)
    ok = True
    for role, expected_types in EXPECTED.items():
        types = sorted(json.loads(body)["type"] for body in received.get(queue_name(run_id, role), []))
        status = "OK" if types == sorted(expected_types) else "MISMATCH"
        ok = ok and status == "OK"
        print(f"{role}: {len(types)} message(s) {types} [{status}]")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
# --8<-- [end:main]
