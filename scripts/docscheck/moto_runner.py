"""Run boto3 samples against moto, offline, in one process: ``python moto_runner.py OUT.json FILE...``.

Executed as a script by python_code.py (it does not import docscheck). Each sample runs as
``__main__`` inside a fresh ``mock_aws()``, with fake credentials and every non-loopback
connection and DNS lookup refused, so a sample that would reach AWS fails instead. Samples with
an observable outcome to assert (see ``OUTCOMES``) are then imported and their demo function
called; the assertion's problems are reported like failures. Every sample that passed then runs
twice more: once to learn the names of the topics and queues it creates, and once in an account
that already holds a topic and a queue of each of those names, which must come through unchanged.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import runpy
import signal
import socket
import sys
import traceback

FAKE_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}
LOCAL_HOSTS = {"127.0.0.1", "::1", "localhost"}
SECONDS_PER_SAMPLE = 60


class NetworkBlocked(OSError):
    pass


def block_network() -> None:
    real_connect, real_connect_ex, real_getaddrinfo = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.getaddrinfo,
    )

    def allowed(address) -> bool:
        return not isinstance(address, tuple) or str(address[0]) in LOCAL_HOSTS

    def connect(self, address):
        if self.family != getattr(socket, "AF_UNIX", None) and not allowed(address):
            raise NetworkBlocked(f"network access blocked while running a sample: {address!r}")
        return real_connect(self, address)

    def connect_ex(self, address):
        if self.family != getattr(socket, "AF_UNIX", None) and not allowed(address):
            raise NetworkBlocked(f"network access blocked while running a sample: {address!r}")
        return real_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if host is not None and str(host) not in LOCAL_HOSTS:
            raise NetworkBlocked(f"DNS lookup blocked while running a sample: {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.getaddrinfo = getaddrinfo


def _timeout(signum, frame):
    raise TimeoutError(f"the sample ran longer than {SECONDS_PER_SAMPLE} s")


def failure_line(path: str, error: BaseException) -> int:
    line = 1
    for frame in traceback.extract_tb(error.__traceback__):
        if os.path.abspath(frame.filename) == os.path.abspath(path):
            line = frame.lineno or line
    if (
        isinstance(error, SyntaxError)
        and error.lineno
        and os.path.abspath(error.filename or "") == os.path.abspath(path)
    ):
        line = error.lineno
    return line


# ----- virtual time and a record of API calls -------------------------------------------------
class Recorder:
    """Every AWS API call a sample makes, and a clock that sleeps instantly.

    Under moto, delivery is synchronous: a sample's waits (``time.sleep``, SQS long polling)
    only slow the check down. Sleeping advances a virtual clock instead, which
    ``time.time``/``time.monotonic`` include, and a ReceiveMessage that would have waited
    returns at once and moves the clock on by its WaitTimeSeconds.
    """

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, dict]] = []
        self.offset = 0.0

    def install(self) -> None:
        import time

        import botocore.client

        real_time, real_monotonic = time.time, time.monotonic
        time.sleep = lambda seconds: setattr(self, "offset", self.offset + max(float(seconds), 0.0))
        time.time = lambda: real_time() + self.offset
        time.monotonic = lambda: real_monotonic() + self.offset
        real_call = botocore.client.BaseClient._make_api_call
        recorder = self

        def make_api_call(client, operation_name, api_params):
            service = client.meta.service_model.service_name
            recorder.calls.append((service, operation_name, dict(api_params)))
            wait = 0
            if service == "sqs" and operation_name == "ReceiveMessage":
                api_params = dict(api_params)
                wait = int(api_params.get("WaitTimeSeconds") or 0)
                api_params["WaitTimeSeconds"] = 0
            response = real_call(client, operation_name, api_params)
            if wait and not response.get("Messages"):
                recorder.offset += wait
            return response

        botocore.client.BaseClient._make_api_call = make_api_call

    def params(self, service: str, operation: str) -> list[dict]:
        return [params for s, o, params in self.calls if s == service and o == operation]


RECORDER = Recorder()


# ----- outcome assertions ---------------------------------------------------------------------
def _body(message: str) -> str:
    """The published text: an SNS envelope (raw delivery off) carries it in "Message"."""
    try:
        data = json.loads(message)
    except (TypeError, ValueError):
        return message
    if isinstance(data, dict) and data.get("Type") == "Notification" and "Message" in data:
        return str(data["Message"])
    return message


def assert_fan_out(namespace: dict) -> list[str]:
    """run_demo(region) -> {queue name: [bodies]}: every subscribed queue got a published message.

    The subscriptions and publishes are read from the API calls the demo made, so the check
    holds whatever the demo cleans up afterwards.
    """
    run_demo = namespace.get("run_demo")
    if not callable(run_demo):
        return ["defines no run_demo(region) function"]
    RECORDER.calls.clear()
    result = run_demo("us-east-1")
    if not isinstance(result, dict) or not all(
        isinstance(key, str) and isinstance(value, list) and all(isinstance(m, str) for m in value)
        for key, value in result.items()
    ):
        return [f"run_demo must return dict[str, list[str]], got {type(result).__name__}"]
    published = {str(p.get("Message")) for p in RECORDER.params("sns", "Publish")}
    queues = [
        str(p.get("Endpoint", "")).rsplit(":", 1)[-1]
        for p in RECORDER.params("sns", "Subscribe")
        if str(p.get("Protocol", "")).lower() == "sqs"
    ]
    problems = []
    if not published:
        problems.append("run_demo published nothing to SNS")
    if not queues:
        problems.append("run_demo subscribed no SQS queue to a topic")

    def received_by(name: str):
        for key, value in result.items():
            if key == name or key.rstrip("/").endswith(("/" + name, ":" + name)):
                return value
        return None

    for name in queues:
        received = received_by(name)
        if received is None:
            problems.append(f"queue {name!r} is subscribed but missing from run_demo's result")
            continue
        bodies = {_body(message) for message in received}
        if not bodies & published:
            problems.append(f"queue {name!r} received none of the published messages")
        strangers = bodies - published
        if strangers:
            problems.append(f"queue {name!r} received {len(strangers)} message(s) that were never published")
    return problems


OUTCOMES = {"fan_out.py": assert_fan_out}


# ----- a reader's own resources ----------------------------------------------------------------
# CreateTopic returns an existing topic of the same name, and CreateQueue an existing queue when
# the attributes given do not differ. A sample that creates resources with fixed names therefore
# adopts a reader's topic or queue of that name, changes it, and deletes it when it cleans up.
# So each sample runs a second time in an account that already holds a topic and a queue of every
# name its first run created (each with a policy, attributes and a message of its own), and those
# must come through unchanged.
def created_names() -> tuple[list[str], list[str]]:
    topics = [str(p.get("Name")) for p in RECORDER.params("sns", "CreateTopic") if p.get("Name")]
    queues = [str(p.get("QueueName")) for p in RECORDER.params("sqs", "CreateQueue") if p.get("QueueName")]
    return list(dict.fromkeys(topics)), list(dict.fromkeys(queues))


def plant_topic(sns, name: str) -> str:
    """A reader's own topic: a display name and an access policy of its own."""
    attributes = {"DisplayName": "a reader's topic"}
    if name.endswith(".fifo"):
        attributes["FifoTopic"] = "true"
    arn = sns.create_topic(Name=name, Attributes=attributes)["TopicArn"]
    policy = readers_policy("sns:Publish", arn)
    sns.set_topic_attributes(TopicArn=arn, AttributeName="Policy", AttributeValue=json.dumps(policy))
    return arn


def plant_queue(sqs, name: str) -> str:
    """A reader's own queue: an attribute, an access policy and a message of its own."""
    attributes = {"VisibilityTimeout": "77"}
    if name.endswith(".fifo"):
        attributes["FifoQueue"] = "true"
    url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps(readers_policy("sqs:SendMessage", arn))})
    extra = {"MessageGroupId": "reader"} if name.endswith(".fifo") else {}
    sqs.send_message(QueueUrl=url, MessageBody="a reader's message", **extra)
    return url


def readers_policy(action: str, arn: str) -> dict:
    statement = {
        "Sid": "ReadersOwnStatement",
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
        "Action": action,
        "Resource": arn,
    }
    return {"Version": "2012-10-17", "Statement": [statement]}


def plant_readers_resources(topics: list[str], queues: list[str]) -> None:
    import boto3

    sns = boto3.client("sns", region_name="us-east-1")
    sqs = boto3.client("sqs", region_name="us-east-1")
    for name in topics:
        plant_topic(sns, name)
    for name in queues:
        plant_queue(sqs, name)


def account_state() -> dict[str, object]:
    """Every topic and queue with its attributes and subscriptions (topics) or messages (queues)."""
    import boto3

    sns = boto3.client("sns", region_name="us-east-1")
    sqs = boto3.client("sqs", region_name="us-east-1")
    state: dict[str, object] = {}
    for page in sns.get_paginator("list_topics").paginate():
        for topic in page["Topics"]:
            arn = topic["TopicArn"]
            subscriptions = sns.list_subscriptions_by_topic(TopicArn=arn)["Subscriptions"]
            state[f"topic {arn.rsplit(':', 1)[-1]!r}"] = {
                "attributes": sns.get_topic_attributes(TopicArn=arn)["Attributes"],
                "subscriptions": sorted(s["Endpoint"] for s in subscriptions),
            }
    for url in sqs.list_queues().get("QueueUrls", []):
        state[f"queue {url.rsplit('/', 1)[-1]!r}"] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])[
            "Attributes"
        ]
    return state


def assert_leaves_readers_resources_alone(path: str, output: io.StringIO) -> list[str]:
    """Run the sample twice: the second run must leave alone what has the first run's names."""
    from moto import mock_aws

    with mock_aws(), contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        RECORDER.calls.clear()
        with contextlib.suppress(SystemExit):  # this run already passed above; it only records names
            runpy.run_path(path, run_name="__main__")
    topics, queues = created_names()
    if not topics and not queues:
        return []
    with mock_aws(), contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        plant_readers_resources(topics, queues)
        before = account_state()
        problem = ""
        try:
            runpy.run_path(path, run_name="__main__")
        except SystemExit as error:
            if error.code not in (None, 0):
                problem = f"exits with status {error.code}"
        except Exception as error:  # noqa: BLE001 - any failure of the second run is the finding
            problem = f"raises {type(error).__name__}"
        after = account_state()
    changed = [key for key, value in before.items() if after.get(key) != value]
    if changed:
        return [
            f"changed or deleted {', '.join(changed)}, which existed before it ran: CreateTopic and "
            "CreateQueue return an existing topic or queue of the same name, so give every run names "
            "of its own and touch only what it created"
        ]
    if problem:
        names = ", ".join([*topics, *queues])
        return [
            f"{problem} when a topic or queue named like its previous run's ({names}) exists: "
            "give every run names of its own"
        ]
    return []


def run_step(result: dict, path: str, what: str, seconds: int, step) -> None:
    """One more check of a sample that passed so far, bounded in time: its problems, or what it
    raised, become the sample's failure."""
    signal.alarm(seconds)
    try:
        problems = step()
        if problems:
            result.update(ok=False, message="; ".join(problems))
    except BaseException as error:  # noqa: BLE001 - a sample may raise anything; report it
        message = f"{what} raised {type(error).__name__}: {error}"
        result.update(ok=False, line=failure_line(path, error), message=message)
    finally:
        signal.alarm(0)


def run_sample(path: str) -> dict:
    from moto import mock_aws

    result = {"path": path, "ok": True, "line": 1, "message": ""}
    output = io.StringIO()
    signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(SECONDS_PER_SAMPLE)
    try:
        with mock_aws(), contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            runpy.run_path(path, run_name="__main__")
    except SystemExit as error:
        if error.code not in (None, 0):
            result.update(ok=False, message=f"exited with status {error.code}")
    except BaseException as error:  # noqa: BLE001 - a sample may raise anything; report it
        result.update(
            ok=False,
            line=failure_line(path, error),
            message=f"raised {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}".rstrip(": "),
        )
    finally:
        signal.alarm(0)
    name = os.path.basename(path)
    if result["ok"] and name in OUTCOMES:

        def outcome() -> list[str]:
            with mock_aws(), contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
                namespace = runpy.run_path(path, run_name="sample_under_test")
                return [f"outcome: {problem}" for problem in OUTCOMES[name](namespace)]

        run_step(result, path, "outcome check", SECONDS_PER_SAMPLE, outcome)
    if result["ok"]:
        run_step(
            result,
            path,
            "re-run beside existing resources",
            SECONDS_PER_SAMPLE * 2,
            lambda: assert_leaves_readers_resources_alone(path, output),
        )
    if not result["ok"]:
        tail = output.getvalue().strip().splitlines()[-3:]
        if tail:
            result["message"] += " | output: " + " / ".join(tail)
    return result


def main(argv: list[str]) -> int:
    out_file, paths = argv[0], argv[1:]
    for key in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL"):
        os.environ.pop(key, None)
    os.environ.update(FAKE_ENV)
    block_network()
    RECORDER.install()
    results = [run_sample(path) for path in paths]
    with open(out_file, "w", encoding="utf-8") as handle:
        json.dump(results, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
