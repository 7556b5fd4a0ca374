"""External links: opt-in, concurrent but polite, retried, cached; the default run makes no request."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from docscheck.context import Options
from docscheck.external_links import LinkChecker, check_with_cache
from docscheck.runner import UsageError, run, select_checks

REPO = Path(__file__).resolve().parents[2]


class Handler(http.server.BaseHTTPRequestHandler):
    hits: dict[str, int] = {}
    starts: list[tuple[str, float]] = []
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def _answer(self, body: bool):
        with self.lock:
            self.hits[self.path] = self.hits.get(self.path, 0) + 1
            self.starts.append((self.path, time.monotonic()))
            count = self.hits[self.path]
        status = {
            "/ok": 200,
            "/missing": 404,
            "/busy": 429,
            "/flaky": 500 if count == 1 else 200,
            "/down": 503,
        }.get(self.path, 200)
        if self.path == "/no-head":
            status = 405 if self.command == "HEAD" else 200
        if self.path == "/slow":
            time.sleep(1.0)
        self.send_response(status)
        self.send_header("Content-Length", "2" if body else "0")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self):  # noqa: N802 - http.server's naming
        self._answer(body=False)

    def do_GET(self):  # noqa: N802
        self._answer(body=True)


@pytest.fixture()
def server():
    Handler.hits, Handler.starts = {}, []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def checker(**kwargs) -> LinkChecker:
    options = {"workers": 4, "per_host_delay": 0.0, "timeout": 0.5, "retries": 2, "backoff": 0.01}
    options.update(kwargs)
    return LinkChecker(**options)


def test_statuses(server):
    urls = [f"{server}{path}" for path in ("/ok", "/missing", "/busy", "/flaky", "/no-head", "/slow", "/down")]
    results = checker().check_all(urls)
    assert results[f"{server}/ok"].ok
    assert not results[f"{server}/missing"].ok and results[f"{server}/missing"].status == 404
    busy = results[f"{server}/busy"]
    assert busy.retry_later and not busy.ok and busy.attempts == 1  # 429: try later, not broken, no hammering
    assert results[f"{server}/flaky"].ok and results[f"{server}/flaky"].attempts == 2  # retried after a 500
    assert results[f"{server}/no-head"].ok  # HEAD refused, GET answered
    slow = results[f"{server}/slow"]
    assert not slow.ok and slow.attempts == 3 and slow.error  # timed out, retried, then given up
    assert not results[f"{server}/down"].ok and results[f"{server}/down"].attempts == 3


def test_one_request_at_a_time_per_host_with_a_delay(server):
    delay = 0.2
    urls = [f"{server}/ok?{n}" for n in range(4)]
    checker(per_host_delay=delay).check_all(urls)
    starts = sorted(t for _, t in Handler.starts)
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert len(starts) == 4 and min(gaps) >= delay * 0.9


def test_cache_keeps_answers_for_a_while_but_not_429(server, tmp_path):
    cache = tmp_path / ".cache" / "external-links.json"
    urls = [f"{server}/ok", f"{server}/missing", f"{server}/busy"]
    first = check_with_cache(urls, checker(), cache, ttl=3600, now=1000.0)
    assert first[f"{server}/ok"].ok and not first[f"{server}/ok"].cached
    stored = json.loads(cache.read_text())
    assert set(stored) == {f"{server}/ok", f"{server}/missing"}  # 429 is not an answer to keep
    hits_before = dict(Handler.hits)
    second = check_with_cache(urls, checker(), cache, ttl=3600, now=2000.0)
    assert second[f"{server}/ok"].cached and second[f"{server}/missing"].cached
    assert Handler.hits["/ok"] == hits_before["/ok"]  # served from the cache
    assert Handler.hits["/busy"] == hits_before["/busy"] + 1  # asked again
    third = check_with_cache(urls, checker(), cache, ttl=3600, now=1000.0 + 7200)
    assert not third[f"{server}/ok"].cached  # expired


def test_external_links_are_opt_in():
    assert "external-links" not in {check.id for check in select_checks()}
    assert "external-links" in {check.id for check in select_checks(external=True)}
    with pytest.raises(UsageError):
        select_checks(only=["external-links"])


def test_external_check_reports_broken_links_at_their_source_line(server, tmp_path, monkeypatch):
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\nsite_url: https://example.com/\n")
    (root / "docs" / "index.md").write_text(
        f"# Home\n\nA [good link]({server}/ok) and\na [broken one]({server}/missing).\n"
    )
    from docscheck import external_links

    real_request = external_links.LinkChecker._request

    def loopback_only(self, url, method):
        assert url.startswith(server), f"the test must not reach {url}"
        return real_request(self, url, method)

    monkeypatch.setattr(external_links.LinkChecker, "_request", loopback_only)
    report = run(root, Options(only=["external-links"], external=True))
    assert [(f.path, f.line, f.check) for f in report.findings] == [("docs/index.md", 4, "external-links")]
    assert "HTTP 404" in report.findings[0].message
    assert (root / ".cache" / "external-links.json").is_file()


SITECUSTOMIZE = """
import os, socket
LOG = os.environ["NETWORK_GUARD_LOG"]
LOCAL = {"127.0.0.1", "::1", "localhost", None}
def _log(text):
    with open(LOG, "a") as handle:
        handle.write(text + "\\n")
_log(f"python-loaded {os.getpid()}")
_connect, _getaddrinfo = socket.socket.connect, socket.getaddrinfo
def connect(self, address):
    if isinstance(address, tuple) and str(address[0]) not in LOCAL:
        _log(f"connect {address!r}")
    return _connect(self, address)
def getaddrinfo(host, *args, **kwargs):
    if host not in LOCAL:
        _log(f"getaddrinfo {host!r}")
    return _getaddrinfo(host, *args, **kwargs)
socket.socket.connect, socket.getaddrinfo = connect, getaddrinfo
"""

NODE_GUARD = """
const fs = require("fs"), net = require("net"), dns = require("dns");
const LOG = process.env.NETWORK_GUARD_LOG;
fs.appendFileSync(LOG, `node-loaded ${process.pid}\\n`);
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  fs.appendFileSync(LOG, `node-connect ${JSON.stringify(args[0])}\\n`);
  return connect.apply(this, args);
};
const lookup = dns.lookup;
dns.lookup = function (host, ...rest) {
  fs.appendFileSync(LOG, `node-lookup ${host}\\n`);
  return lookup.call(this, host, ...rest);
};
"""


def test_default_run_makes_no_network_request(tmp_path):
    """Every process of a default run (checker, mkdocs, cfn-lint, moto) is watched: no request."""
    root = tmp_path / "site"
    docs = root / "docs"
    for folder in ("examples/cloudformation", "examples/boto3", "examples/iam"):
        (docs / folder).mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\nsite_url: https://example.com/\n")
    (docs / "index.md").write_text(
        "# Home\n\nSee [AWS](https://docs.aws.amazon.com/sns/latest/dg/welcome.html).\n\n"
        "```mermaid\nflowchart LR\n    accTitle: A\n    accDescr: B\n    a --> b\n```\n"
    )
    (docs / "examples/cloudformation/t.yaml").write_text("Resources:\n  T:\n    Type: AWS::SNS::Topic\n")
    (docs / "examples/iam/p.json").write_text(
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}\n'
    )
    (docs / "examples/boto3/list_topics.py").write_text(
        'import boto3\n\nprint(boto3.client("sns", region_name="us-east-1").list_topics())\n'
    )
    (root / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE)
    (guard / "guard.cjs").write_text(NODE_GUARD)
    log = tmp_path / "network.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(guard), os.environ.get("PYTHONPATH")])),
        "NODE_OPTIONS": f"--require {guard / 'guard.cjs'}",
        "NETWORK_GUARD_LOG": str(log),
    }
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "check.py"), "--root", str(root), "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    lines = log.read_text().splitlines()
    assert sum(line.startswith("python-loaded") for line in lines) >= 4  # checker, mkdocs, cfn-lint, moto
    requests = [line for line in lines if "loaded" not in line]
    assert requests == []
