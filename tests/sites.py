"""Building and serving copies of the site, for the tests."""

from __future__ import annotations

import functools
import http.server
import os
import re
import socket
import subprocess
import sys
import threading
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import pytest
from docscheck.source import find_fences

REPO = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass(frozen=True)
class BuiltSite:
    """A built copy of the site; `base_url` is where it is served, or a file:// URL."""

    root: Path
    base_url: str

    @property
    def is_offline(self) -> bool:
        return self.base_url.startswith("file:")

    @property
    def allowed_prefix(self) -> str:
        """Where this build's own requests go: its origin, or any file from disk."""
        return "file://" if self.is_offline else self.base_url

    def url(self, path: str = "") -> str:
        """Address of a page given as on the hosted site (`patterns/fan-out/`). From disk a
        folder does not open its index.html by itself, and the offline copy writes a page as
        `patterns/fan-out.html` (a section's landing page stays `patterns/index.html`)."""
        if self.is_offline and (path == "" or path.endswith("/")):
            as_file = path.rstrip("/") + ".html"
            path = as_file if path and (self.root / as_file).is_file() else path + "index.html"
        return self.base_url + path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_site(site_dir: Path, *, site_url: str, config: Path | None = None, root: Path = REPO) -> None:
    """Run the strict hosted build the Makefile runs in `root` (this repository, or a copy of it);
    fail the test with MkDocs' own output."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("OFFLINE", None)
    command = [*MKDOCS, "build", "--strict", "--site-dir", str(site_dir)]
    if config is not None:
        command += ["--config-file", str(config)]
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)


@dataclass(frozen=True)
class OfflineDownload:
    """What `make offline` leaves in DIST: the folder a reader opens and the zip they download."""

    folder: Path
    archive: Path


def make_offline(dist: Path) -> OfflineDownload:
    """`make offline` into `dist` (no site_url, as opened from disk); the names are the Makefile's."""
    env = {**os.environ, "SITE_URL": "", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        ["make", "--no-print-directory", "offline", f"DIST={dist}"], cwd=REPO, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.fail(f"make offline failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    archives = list(dist.glob("*.zip"))
    if len(archives) != 1 or not archives[0].with_suffix("").is_dir():
        pytest.fail(
            f"make offline should leave one zip and its folder in {dist}: {sorted(dist.iterdir())}", pytrace=False
        )
    return OfflineDownload(archives[0].with_suffix(""), archives[0])


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files; answers a missing one with `not_found_page`, as GitHub Pages does."""

    not_found_page: Path | None = None

    def log_message(self, format, *args):  # noqa: A002 - signature set by the base class
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404 or self.not_found_page is None:
            return super().send_error(code, message, explain)
        body = self.not_found_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@functools.cache
def _served(directory: str, port: int, not_found_page: Path | None) -> http.server.ThreadingHTTPServer:
    handler_class = type("Handler", (QuietHandler,), {"not_found_page": not_found_page})
    handler = functools.partial(handler_class, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def serve(directory: Path, port: int, not_found_page: Path | None = None) -> str:
    """Serve a directory on loopback for the rest of the run; return its base URL."""
    _served(str(directory), port, not_found_page)
    return f"http://127.0.0.1:{port}/"


def html_pages(site_root: Path) -> list[Path]:
    """Every page of a build, 404 included; assets and vendor files are not pages."""
    return sorted(p for p in site_root.rglob("*.html") if "assets" not in p.relative_to(site_root).parts)


def svg_labels(svg: str) -> list[str]:
    """The text of each <text> element of an SVG drawing, its words joined (Mermaid puts each
    word in a <tspan> of its own), outside <style>, <title> and <desc>."""
    root = ElementTree.fromstring(svg)
    labels = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "text":
            text = re.sub(r"\s+", " ", "".join(element.itertext())).strip()
            if text:
                labels.append(text)
    return labels


def mermaid_sources(markdown: str) -> list[str]:
    """The source of each ```mermaid fence of a Markdown text, in order (the checker's parser)."""
    fences, _ = find_fences(markdown.splitlines())
    return [fence.text for fence in fences if fence.lang == "mermaid"]
