"""`mkdocs serve` previews diagrams in the browser, from the same source with the same Mermaid
and configuration as the build-time drawing: both hold the same labels and nodes."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request
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
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:  # until the server answers: the first build is done
            if server.poll() is not None:
                pytest.fail(f"mkdocs serve stopped:\n{server.stderr.read()}", pytrace=False)
            try:
                urllib.request.urlopen(base_url + PAGE, timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"mkdocs serve did not answer within {START_TIMEOUT_S} s", pytrace=False)
                time.sleep(0.2)
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
