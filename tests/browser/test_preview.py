"""`mkdocs serve` previews diagrams in the browser, from the same source with the same Mermaid
and configuration as the build-time drawing: both hold the same labels and nodes."""

from __future__ import annotations

import os
import queue
import subprocess
import threading
import time
from collections import Counter

import pytest
from page_probes import settle
from sites import MKDOCS, REPO, free_port, svg_labels

PAGE = "contributing/diagrams/"
START_TIMEOUT_S = 120


@pytest.fixture(scope="module")
def preview_server():
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "SITE_URL": base_url, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("OFFLINE", None)
    server = subprocess.Popen(
        [*MKDOCS, "serve", "--strict", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    # MkDocs logs "Serving on <address>" once its first build is done and it listens: wait for
    # that line. A thread reads the log, so the pipe never fills while the tests run.
    lines: queue.Queue[str | None] = queue.Queue()

    def read_log() -> None:
        for line in server.stderr:
            lines.put(line)
        lines.put(None)  # the server stopped

    threading.Thread(target=read_log, daemon=True).start()
    try:
        deadline, log = time.monotonic() + START_TIMEOUT_S, []
        while not (log and "Serving on" in log[-1]):
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"mkdocs serve did not serve within {START_TIMEOUT_S} s:\n{''.join(log)}", pytrace=False)
            if line is None:
                pytest.fail(f"mkdocs serve stopped:\n{''.join(log)}", pytrace=False)
            log.append(line)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=30)


DRAWINGS = """() => [...document.querySelectorAll("figure.diagram svg")].map((svg) => svg.outerHTML)"""


def contents(svgs: list[str]) -> list[tuple[Counter, int]]:
    """What each drawing holds: its labels, and its number of nodes."""
    return [(Counter(svg_labels(svg)), svg.count('class="node')) for svg in svgs]


def test_the_preview_and_the_build_draw_the_same_diagrams(preview_server, hosted_site, make_probe):
    probe = make_probe(preview_server)
    page = probe.open(preview_server + PAGE)
    expected = (hosted_site.root / PAGE / "index.html").read_text(encoding="utf-8").count('<figure class="diagram"')
    page.wait_for_function(f"() => document.querySelectorAll('figure.diagram svg').length === {expected}")
    settle(page)
    previewed = page.evaluate(DRAWINGS)
    built = make_probe(hosted_site.base_url)
    built.open(hosted_site.url(PAGE))
    published = built.page.evaluate(DRAWINGS)
    assert len(previewed) == len(published) == expected >= 3
    assert contents(previewed) == contents(published)
    assert all(nodes > 0 for _, nodes in contents(published) if nodes)
    # The preview loads Mermaid from the site (never a CDN) and shows no error.
    assert probe.console_errors == [] and probe.blocked == []
    assert not page.locator(".diagram-error").count()
