#!/usr/bin/env python3
"""Benchmark what a reader waits for: build time, page weight, browser speed, Lighthouse.

    python scripts/bench.py [--runs 3] [--scale-runs 1] [--lighthouse-runs 3]
                            [--skip build,pdf,scale,weight,speed,lighthouse] [--json PATH] [--deadline MINUTES]

Prints one table per section (figure | budget | pass/fail) and a summary, and exits 1 when a
budget is missed (a figure that could not be measured counts as missed). Everything runs on
127.0.0.1: the built site is served by Debian's nginx with gzip (files compressed ahead of
time, as a static host's cache serves them), and every browser sends any other address to a
closed proxy port. Every subprocess has a timeout, the whole run stops at --deadline, and the
servers are stopped on the way out.

Sections:
  build       median wall time of the strict hosted build, the offline build and scripts/check.py,
              and what diagrams cost a warm build (the cold cost comes from the 10x copy's first build)
  pdf         `make pdf` (a build, then headless Chromium prints the whole site) and the PDF's size
  scale       the same on a copy with ten times the content (scripts/bench_content.py)
  weight      bytes over the wire and requests per page, by type (as nginx sent them); not the
              combined page that `make pdf` prints
  speed       first contentful paint, diagrams shown (the gap after the first paint), search latency
  lighthouse  Lighthouse 12 performance and accessibility, mobile and desktop; each the median of
              --lighthouse-runs runs, as Lighthouse's own guidance on variability advises
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "scripts"), str(REPO / "tests")]

from bench_content import count_content, make_scaled_copy  # noqa: E402
from chromium import LAUNCH_ARGS, find_chromium  # noqa: E402
from page_probes import DIAGRAM_FONT_LOADED, MERMAID_REQUEST, settle  # noqa: E402
from sites import free_port, html_pages  # noqa: E402

SECTIONS = ("build", "pdf", "scale", "weight", "speed", "lighthouse")
SCALE = 10
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
NGINX = "/usr/sbin/nginx"
# Loopback is never proxied, so this sends every other address to a closed port: nothing leaves.
NO_INTERNET = "--proxy-server=127.0.0.1:9"
CHROMIUM = find_chromium() or "/usr/bin/chromium"
LIGHTHOUSE_CHROME_FLAGS = " ".join(
    ["--headless=new", *(flag for flag in LAUNCH_ARGS if flag != "--headless"), NO_INTERNET]
)
SEARCH_QUERIES = ("queue", "cloudtrail", "appspec", "lifecycle", "federation")
KB = 1000

# Budgets (issues 7 and 14).
BUILD_AND_CHECK_S = 60.0
SCALE_RATIO = 10.0
WARM_DIAGRAMS_S = 1.0
PDF_S = 30.0
PDF_BYTES = 5_000_000
PAGE_BYTES = 110 * KB
PRACTICE_BYTES = 40 * KB  # issue 16: the practice page's script and question data, on load
DIAGRAM_PAINT_GAP_MS = 0.0
SEARCH_RESULT_MS = 100.0
PERFORMANCE = 95
ACCESSIBILITY = 100

# Per subprocess, before the deadline shortens them.
BUILD_TIMEOUT_S = 300
PDF_TIMEOUT_S = 300
PRINT_PAGE = "print_page/"
PRACTICE_PAGE = "practice/"
# What the practice page loads for its modes, and where each question's script waits.
PRACTICE_FILES = ("practice/index.html", "assets/javascripts/practice.js", "assets/stylesheets/practice.css")
PRACTICE_SCRIPT = "assets/javascripts/practice.js"
PRACTICE_DATA = "assets/practice"
# A default exam draws 20 questions at random; its weight is measured over many seeded draws.
EXAM_QUESTIONS = 20
EXAM_DRAWS = 1000
EXAM_SEED = 16
SCALED_BUILD_TIMEOUT_S = 900
LIGHTHOUSE_TIMEOUT_S = 240
APT_TIMEOUT_S = 600


# ----- bookkeeping ------------------------------------------------------------------------------


@dataclass
class Row:
    """One figure of a section table; `passed` is None for a figure without a budget."""

    figure: str
    value: str
    budget: str = ""
    passed: bool | None = None


@dataclass
class Section:
    name: str
    rows: list[Row] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # tables and notes printed before the rows
    data: dict = field(default_factory=dict)  # every figure, for --json

    def figure(self, figure: str, value: str, budget: str = "", passed: bool | None = None) -> None:
        self.rows.append(Row(figure, value, budget, passed))


class Deadline:
    """The whole run's time limit; every subprocess timeout is cut to what is left of it."""

    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()

    def check(self) -> None:
        if self.left() <= 0:
            raise TimeoutError("the run's deadline has passed")

    def timeout(self, cap: float) -> float:
        self.check()
        return min(cap, self.left())


def progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = [
        " | ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in [headers, *rows]
    ]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def verdict(passed: bool | None) -> str:
    return {True: "pass", False: "FAIL", None: ""}[passed]


def kb(size: float) -> str:
    return f"{size / KB:.1f} kB"


def ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f} ms"


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} s"


# ----- build and scale --------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    returncode: int
    output: str


def run_bounded(command: list[str], timeout: float, **options) -> subprocess.CompletedProcess:
    """subprocess.run in a process group of its own, interrupted as a whole when the time is up.

    SIGINT first, so that Lighthouse closes the Chrome it launched (in a group of its own), then
    SIGKILL for whatever is left of the group (the checker's tools, a stuck build).
    """
    with subprocess.Popen(
        command, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
            raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def timed_run(command: list[str], cwd: Path, env: dict, timeout: float) -> Run:
    started = time.monotonic()
    try:
        done = run_bounded(command, timeout, cwd=cwd, env=env)
    except subprocess.TimeoutExpired:
        return Run(time.monotonic() - started, -1, f"timed out after {timeout:.0f} s")
    return Run(time.monotonic() - started, done.returncode, done.stdout + done.stderr)


def build_commands(root: Path, out: Path, site_url: str) -> dict[str, tuple[list[str], dict]]:
    """What `make build`, `make offline` and `make check` run, minus the install and zip steps.
    The builds are served here, so they get this server's address; the check builds for the
    published address, as `make check` does (its allowlist names links made for that one)."""
    env = {key: value for key, value in os.environ.items() if key not in ("OFFLINE", "SITE_URL")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    served = {**env, "SITE_URL": site_url}
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir"]
    return {
        "hosted build": ([*mkdocs, str(out / "hosted")], served),
        "offline build": ([*mkdocs, str(out / "offline")], {**served, "OFFLINE": "true"}),
        "check": ([sys.executable, "scripts/check.py"], env),
    }


def time_builds(
    root: Path, out: Path, site_url: str, runs: int, cap: float, deadline: Deadline
) -> dict[str, list[Run]]:
    """Each command `runs` times, interleaved so that a slow spell of the machine hits all alike."""
    results: dict[str, list[Run]] = {}
    for run in range(1, runs + 1):
        for name, (command, env) in build_commands(root, out, site_url).items():
            progress(f"{name} in {root.name}, run {run} of {runs}")
            results.setdefault(name, []).append(timed_run(command, root, env, deadline.timeout(cap)))
    return results


def spread(runs: list[Run]) -> str:
    """The median and, over several runs, their range: how noisy the machine was."""
    median = median_seconds(runs)
    if median is None or len(runs) < 2:
        return seconds(median)
    return f"{seconds(median)} ({min(r.seconds for r in runs):.1f}-{max(r.seconds for r in runs):.1f})"


def median_seconds(runs: list[Run]) -> float | None:
    """Median of the runs, or None when any failed (a failed build is not a fast one)."""
    return None if any(run.returncode for run in runs) else statistics.median(run.seconds for run in runs)


def failure_note(name: str, runs: list[Run]) -> list[str]:
    failed = next((run for run in runs if run.returncode), None)
    if failed is None:
        return []
    tail = "\n    ".join(failed.output.strip().splitlines()[-12:])
    return [f"{name} failed (exit {failed.returncode}):\n    {tail}"]


def build_section(runs: dict[str, list[Run]], count: int) -> Section:
    section = Section("build")
    medians = {name: median_seconds(results) for name, results in runs.items()}
    for name, median in medians.items():
        section.figure(f"{name} (median of {count})", spread(runs[name]), passed=None if median else False)
        section.details += failure_note(name, runs[name])
    total = sum_or_none(medians["hosted build"], medians["check"])
    section.figure(
        "hosted build + check",
        seconds(total),
        f"< {BUILD_AND_CHECK_S:.0f} s",
        total is not None and total < BUILD_AND_CHECK_S,
    )
    section.figure("hosted + offline build + check", seconds(sum_or_none(*medians.values())))
    add_diagram_costs(section, runs["hosted build"], "1x", budget=True)
    section.data = {name: {"median_s": medians[name], "runs_s": [r.seconds for r in rs]} for name, rs in runs.items()}
    section.data["diagram_costs"] = diagram_costs(runs["hosted build"])
    return section


def run_pdf(work: Path, deadline: Deadline) -> Section:
    """`make pdf` once (what it runs, minus the install steps): a build and the printing."""
    progress("make pdf")
    output = work / "pdf" / "aws-practice-notes.pdf"
    env = {key: value for key, value in os.environ.items() if key not in ("OFFLINE", "SITE_URL")}
    command = [sys.executable, "scripts/pdf.py", "--output", str(output)]
    run = timed_run(command, REPO, env, deadline.timeout(PDF_TIMEOUT_S))
    return pdf_section(run, output.stat().st_size if output.is_file() else None)


def pdf_section(run: Run, size: int | None) -> Section:
    """The whole-site PDF: its time and its size against their budgets; a failed run meets neither."""
    section = Section("pdf")
    done = run.returncode == 0 and size is not None
    section.figure(
        "make pdf (build + print)",
        seconds(run.seconds if done else None),
        f"<= {PDF_S:.0f} s",
        done and run.seconds <= PDF_S,
    )
    section.figure(
        "PDF size",
        f"{size / 1e6:.2f} MB" if done else "-",
        f"<= {PDF_BYTES / 1e6:.0f} MB",
        done and size <= PDF_BYTES,
    )
    section.details += failure_note("make pdf", [run])
    section.data = {"seconds": run.seconds if done else None, "bytes": size if done else None}
    return section


# The diagram hook's summary line (overrides/hooks/diagrams.py).
DIAGRAM_LOG = re.compile(
    r"Diagrams: (?P<total>\d+) on the site, (?P<drawn>\d+) drawn now, \d+ from the cache, in (?P<s>[\d.]+) s"
)


def diagram_costs(runs: list[Run]) -> list[tuple[int, int, float]]:
    """(diagrams, drawn now, seconds) of each build that logged its diagram step."""
    found = [DIAGRAM_LOG.search(run.output) for run in runs]
    return [(int(m["total"]), int(m["drawn"]), float(m["s"])) for m in found if m]


def add_diagram_costs(section: Section, runs: list[Run], label: str, budget: bool) -> None:
    costs = diagram_costs(runs)
    cold = [cost for cost in costs if cost[1]]
    warm = [cost for cost in costs if not cost[1]]
    if cold:
        total, drawn, spent = cold[0]
        section.figure(f"{label}: cold build, diagrams", f"{drawn} of {total} drawn in {spent:.2f} s")
    if warm or budget:
        slowest = max((cost[2] for cost in warm), default=None)
        section.figure(
            f"{label}: warm build, diagrams (slowest of {len(warm)})",
            "not measured" if slowest is None else f"{slowest:.2f} s",
            f"<= {WARM_DIAGRAMS_S:.0f} s" if budget else "",
            (slowest is not None and slowest <= WARM_DIAGRAMS_S) if budget else None,
        )


def sum_or_none(*values: float | None) -> float | None:
    return None if any(value is None for value in values) else sum(values)


def scale_section(runs: dict[str, list[Run]], count: int, baseline: dict | None, sizes: tuple) -> Section:
    section = Section("scale")
    before, after = sizes
    section.figure(
        "content 1x -> 10x",
        f"{before.pages}->{after.pages} pages, {before.diagrams}->{after.diagrams} diagrams, "
        f"{before.samples}->{after.samples} samples",
    )
    medians = {name: median_seconds(results) for name, results in runs.items()}
    for name, median in medians.items():
        one = (baseline or {}).get(name, {}).get("median_s")
        ratio = f" ({median / one:.1f}x of 1x)" if median and one else ""
        section.figure(
            f"{name} at 10x (median of {count})", spread(runs[name]) + ratio, passed=None if median else False
        )
        section.details += failure_note(f"{name} at 10x", runs[name])
    total = sum_or_none(medians["hosted build"], medians["check"])
    one_total = sum_or_none(*((baseline or {}).get(name, {}).get("median_s") for name in ("hosted build", "check")))
    ratio = total / one_total if total and one_total else None
    section.figure(
        "hosted build + check, 10x / 1x",
        "-" if ratio is None else f"{ratio:.1f}x",
        f"<= {SCALE_RATIO:.0f}x",
        ratio is not None and ratio <= SCALE_RATIO,
    )
    add_diagram_costs(section, runs["hosted build"], "10x", budget=False)
    check_ok = all(run.returncode == 0 for run in runs["check"])
    section.figure(
        "checker on the 10x copy", "no findings" if check_ok else "findings (see above)", "no findings", check_ok
    )
    section.data = {
        "content": {"before": asdict(before), "after": asdict(after)},
        **{name: {"median_s": medians[name], "runs_s": [r.seconds for r in rs]} for name, rs in runs.items()},
        "ratio_build_and_check": ratio,
    }
    return section


# ----- nginx --------------------------------------------------------------------------------------

# What the server sends compressed, one source for nginx's gzip_types and for the .gz copies
# written ahead of time: file suffix -> the MIME types nginx gives it (HTML is always compressed).
COMPRESSED_TYPES = {
    ".html": ("text/html",),
    ".css": ("text/css",),
    ".js": ("application/javascript", "text/javascript"),
    ".mjs": ("application/javascript", "text/javascript"),
    ".json": ("application/json",),
    ".svg": ("image/svg+xml",),
    ".xml": ("application/xml", "text/xml"),
}
GZIP_TYPES = " ".join(sorted({mime for mimes in COMPRESSED_TYPES.values() for mime in mimes} - {"text/html"}))

NGINX_CONF = """\
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  # Debian's list has no .mjs, and a browser runs a module only when it is served as JavaScript.
  types {{ application/javascript mjs; }}
  default_type application/octet-stream;
  # $bytes_sent is what went over the wire for each response: compressed body plus headers.
  log_format bench '$request_uri\\t$status\\t$bytes_sent\\t$sent_http_content_type';
  access_log {work}/access.log bench;
  client_body_temp_path {work}/client_body;
  proxy_temp_path {work}/proxy;
  fastcgi_temp_path {work}/fastcgi;
  uwsgi_temp_path {work}/uwsgi;
  scgi_temp_path {work}/scgi;
  # Each file is compressed once ahead of time, as a static host's cache holds it; gzip on
  # covers anything without a .gz copy.
  gzip_static on;
  gzip on;
  gzip_comp_level 6;
  gzip_types {gzip_types};
  server {{
    listen 127.0.0.1:{port};
    root {root};
    error_page 404 /404.html;
  }}
}}
"""


@dataclass
class Hit:
    path: str
    status: int
    bytes_sent: int
    content_type: str


def ensure_nginx() -> str | None:
    """Debian's nginx, installed with apt when missing and running as root; None when unavailable."""
    if Path(NGINX).is_file():
        return NGINX
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        progress("nginx is not installed and this is not root with apt: weight, speed and Lighthouse are skipped")
        return None
    progress("installing nginx with apt (without starting its service)")
    # policy-rc.d answering 101 stops the package from starting a server on port 80.
    policy = Path("/usr/sbin/policy-rc.d")
    created = not policy.exists()
    try:
        if created:
            policy.write_text("#!/bin/sh\nexit 101\n")
            policy.chmod(0o755)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run_bounded(["apt-get", "install", "-y", "-qq", "nginx"], APT_TIMEOUT_S, env=env)
    finally:
        if created:
            policy.unlink()
    return NGINX if Path(NGINX).is_file() else None


def precompress(root: Path) -> None:
    """Write a .gz copy next to each text file, for gzip_static (level 6, as nginx compresses).

    Compressing on every request would charge the page with server time that a static host
    (GitHub Pages behind its cache) spends once: for the 3.5 MB Mermaid that is about 0.1 s on
    this machine, taken from the same CPU the browser measures with.
    """
    for path in root.rglob("*"):
        if path.suffix in COMPRESSED_TYPES and path.is_file():
            with path.open("rb") as source, gzip.open(path.with_name(path.name + ".gz"), "wb", compresslevel=6) as out:
                shutil.copyfileobj(source, out)


class Nginx:
    """nginx serving one folder on loopback with gzip, its logs in a work folder; stop() ends it."""

    def __init__(self, binary: str, root: Path, work: Path, port: int):
        self.port = port
        work.mkdir(parents=True, exist_ok=True)
        conf = work / "nginx.conf"
        conf.write_text(NGINX_CONF.format(work=work, root=root, port=port, gzip_types=GZIP_TYPES))
        self.access_log = work / "access.log"
        self.access_log.touch()
        self._read = 0
        self.process = subprocess.Popen(
            [binary, "-c", str(conf), "-p", str(work), "-e", str(work / "error.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait_until_listening()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def _wait_until_listening(self, timeout: float = 10.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx stopped: {self.process.stderr.read().decode(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"nginx did not listen on port {self.port} within {timeout:.0f} s")

    def new_hits(self) -> list[Hit]:
        """Requests logged since the last call."""
        with self.access_log.open("rb") as log:
            log.seek(self._read)
            text = log.read().decode(errors="replace")
        complete = text[: text.rfind("\n") + 1]
        self._read += len(complete.encode())
        hits = []
        for line in complete.splitlines():
            path, status, sent, content_type = (line.split("\t") + [""] * 4)[:4]
            hits.append(Hit(path, int(status), int(sent), content_type))
        return hits

    def hits_when_quiet(self, quiet_s: float = 0.5, timeout_s: float = 15.0) -> list[Hit]:
        """Requests logged from now until none came for `quiet_s` (the browser's network went quiet)."""
        hits, last, end = [], time.monotonic(), time.monotonic() + timeout_s
        while time.monotonic() - last < quiet_s and time.monotonic() < end:
            time.sleep(0.1)
            new = self.new_hits()
            if new:
                hits += new
                last = time.monotonic()
        return hits

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


# ----- one browser pass over every page (weight and speed) -----------------------------------------

# Records, from inside the page, once per frame from the very first: how many diagrams the page
# holds so far (the parser adds them as it reads the HTML) and whether the diagram font, which
# the labels need (font-display: block), has loaded. From these: when every diagram was in the
# page, and when every one was drawn with its labels.
PAGE_PROBE = f"""
(() => {{
  const probe = (window.__bench = {{ ticks: [] }});
  const fontLoaded = {DIAGRAM_FONT_LOADED};
  const tick = () => {{
    const count = document.querySelectorAll("figure.diagram svg").length;
    const font = count > 0 && fontLoaded();
    probe.ticks.push([performance.now(), count, font]);
    const done = document.readyState === "complete" && (count === 0 || font);
    if (!done && probe.ticks.length < 2000) requestAnimationFrame(tick);
    else probe.done = true;
  }};
  requestAnimationFrame(tick);
}})();
"""


def is_mermaid(url: str) -> bool:
    return bool(MERMAID_REQUEST.search(url))


PAGE_TIMINGS = """() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return {
    ...window.__bench,
    diagrams: document.querySelectorAll("figure.diagram svg").length,
    fcp: paint ? paint.startTime : null,
  };
}"""


def weight_type(hit: Hit) -> str:
    if hit.path.endswith("search_index.json"):
        return "search index"
    kind = hit.content_type.split(";")[0].strip()
    if kind == "text/html":
        return "HTML"
    if kind == "text/css":
        return "CSS"
    if "javascript" in kind:
        return "JS"
    if kind.startswith("font/") or "woff" in kind:
        return "fonts"
    if kind.startswith("image/"):
        return "images"
    return "other"


WEIGHT_TYPES = ("HTML", "CSS", "JS", "fonts", "images", "search index", "other")


@dataclass
class PageLoad:
    path: str
    requests: int = 0
    bytes_by_type: dict[str, int] = field(default_factory=dict)  # on load, diagrams drawn
    search_bytes: int = 0  # what opening the search box and typing a letter downloads on top
    search_requests: int = 0
    mermaid_requested: bool = False
    diagrams: int = 0
    fcp_ms: float | None = None
    present_ms: float | None = None  # every diagram in the page (parsed)
    drawn_ms: float | None = None  # every diagram drawn with its labels
    error: str = ""

    @property
    def total(self) -> int:
        return sum(self.bytes_by_type.values())

    @property
    def paint_gap_ms(self) -> float | None:
        """How long the diagrams waited to be drawn once they were in the page (0: in the same
        frame, so with the first paint that shows them)."""
        if not self.diagrams:
            return 0.0
        if self.drawn_ms is None or self.present_ms is None:
            return None
        return self.drawn_ms - self.present_ms


def page_url_path(site: Path, html_file: Path) -> str:
    relative = html_file.relative_to(site).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def launch_browser(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[*LAUNCH_ARGS, NO_INTERNET])


def load_page(browser, server: Nginx, path: str) -> PageLoad:
    """One first visit (empty cache) of a page, measured from inside and from the server's log."""
    result = PageLoad(path)
    context = browser.new_context()
    try:
        context.add_init_script(PAGE_PROBE)
        page = context.new_page()
        server.new_hits()  # forget whatever came before
        page.goto(server.base_url + path, wait_until="load", timeout=30_000)
        # On a busy machine the load event can come before the first paint.
        page.wait_for_function(
            "() => performance.getEntriesByName('first-contentful-paint').length > 0", timeout=15_000
        )
        page.wait_for_function("() => window.__bench.done === true", timeout=15_000)
        record_timings(result, page.evaluate(PAGE_TIMINGS))
        page.wait_for_load_state("networkidle", timeout=30_000)
        settle(page)
        record_weight(result, server.new_hits())
        record_search_weight(result, open_search(page, server, "search index" in result.bytes_by_type))
    except Exception as error:  # a page that fails is reported, and the pass goes on
        result.error = str(error).splitlines()[0]
        record_weight(result, server.new_hits())
    finally:
        context.close()
    return result


def open_search(page, server: Nginx, index_loaded: bool) -> list[Hit]:
    """What the first search downloads beyond the page (nothing more when the page loaded it already)."""
    search = page.locator("input.md-search__input")

    def type_a_letter() -> None:
        search.click()
        page.keyboard.type("a")

    if index_loaded:
        type_a_letter()
    else:
        with page.expect_response(
            lambda response: response.url.endswith("/search_index.json"), timeout=15_000
        ) as index:
            type_a_letter()
        index.value.finished()
    return server.hits_when_quiet()


def record_timings(result: PageLoad, timings: dict) -> None:
    result.diagrams = timings["diagrams"]
    result.fcp_ms = timings["fcp"]
    complete = [(at, font) for at, count, font in timings["ticks"] if result.diagrams and count == result.diagrams]
    result.present_ms = complete[0][0] if complete else None
    result.drawn_ms = next((at for at, font in complete if font), None)


def record_search_weight(result: PageLoad, hits: list[Hit]) -> None:
    result.search_requests = len(hits)
    result.search_bytes = sum(hit.bytes_sent for hit in hits)


def record_weight(result: PageLoad, hits: list[Hit]) -> None:
    result.requests += len(hits)
    for hit in hits:
        kind = weight_type(hit)
        result.bytes_by_type[kind] = result.bytes_by_type.get(kind, 0) + hit.bytes_sent
    result.mermaid_requested = any(is_mermaid(hit.path) for hit in hits)
    failed = next((hit for hit in hits if hit.status >= 400), None)
    if failed and not result.error:
        result.error = f"HTTP {failed.status} for {failed.path}"


def load_every_page(browser, server: Nginx, site: Path, deadline: Deadline) -> list[PageLoad]:
    """Every page once; once the deadline has passed, the rest are reported as not loaded."""
    loads = []
    for html_file in html_pages(site):
        path = page_url_path(site, html_file)
        if path.startswith(PRINT_PAGE):  # the whole site in one page, to print: the pdf section's
            continue
        if deadline.left() <= 0:
            loads.append(PageLoad(path, error="not loaded: the run's deadline passed"))
            continue
        progress(f"loading /{path}")
        loads.append(load_page(browser, server, path))
    return loads


def heaviest(loads: list[PageLoad], with_diagrams: bool) -> PageLoad | None:
    candidates = [load for load in loads if bool(load.diagrams) == with_diagrams and not load.error]
    return max(candidates, key=lambda load: load.total, default=None)


def gzipped_size(path: Path) -> int:
    """What the server sends for a file: its precompressed copy (see precompress)."""
    compressed = path.with_name(path.name + ".gz")
    return (compressed if compressed.is_file() else path).stat().st_size


def exam_weights(question_bytes: list[int], script_bytes: int, questions: int, draws: int) -> list[int]:
    """What the practice script and the questions of `draws` seeded random exams weigh: each
    question is its own script (overrides/hooks/practice_page.py), loaded once if drawn."""
    rng = random.Random(EXAM_SEED)
    return sorted(
        script_bytes + sum(rng.sample(question_bytes, min(questions, len(question_bytes)))) for _ in range(draws)
    )


def practice_figures(section: Section, site: Path) -> None:
    """The practice page's own weight: its question list, script and style sheet on load; then
    what a default exam adds (the script and the questions it draws), and the whole bank."""
    if not (site / PRACTICE_FILES[0]).is_file():
        section.figure("practice page: question list, script and style sheet, on load", "no practice page", "", False)
        return
    on_load = sum(gzipped_size(site / name) for name in PRACTICE_FILES)
    section.figure(
        "practice page: question list, script and style sheet, on load",
        kb(on_load),
        f"<= {kb(PRACTICE_BYTES)}",
        on_load <= PRACTICE_BYTES,
    )
    question_bytes = [gzipped_size(path) for path in sorted((site / PRACTICE_DATA).glob("*.js"))]
    if not question_bytes:
        section.figure("practice: question data", "none found", "", False)
        return
    weights = exam_weights(question_bytes, gzipped_size(site / PRACTICE_SCRIPT), EXAM_QUESTIONS, EXAM_DRAWS)
    p95 = weights[int(len(weights) * 0.95) - 1]
    section.figure(
        f"practice: script and questions of a {EXAM_QUESTIONS}-question exam, 95th percentile of {EXAM_DRAWS} draws "
        f"(median {kb(statistics.median(weights))}, largest {kb(weights[-1])})",
        kb(p95),
        f"<= {kb(PRACTICE_BYTES)}",
        p95 <= PRACTICE_BYTES,
    )
    section.figure(
        f"practice: all {len(question_bytes)} questions, loaded only by a session that asks every one",
        kb(sum(question_bytes)),
    )


def weight_section(loads: list[PageLoad], site: Path | None = None) -> Section:
    section = Section("weight")
    headers = ["page", "diagrams", "requests", *WEIGHT_TYPES, "on load", "first search", "Mermaid"]
    rows = [
        [
            f"/{load.path}",
            str(load.diagrams),
            str(load.requests),
            *(kb(load.bytes_by_type.get(kind, 0)) for kind in WEIGHT_TYPES),
            kb(load.total),
            f"+{kb(load.search_bytes)} ({load.search_requests})",
            "requested" if load.mermaid_requested else "-",
        ]
        for load in loads
    ]
    section.details.append(
        "Bytes over the wire per page, first visit, gzip (kB = 1000 bytes); by type on load, "
        "then what opening search and typing a letter adds (requests):\n" + table(headers, rows)
    )
    section.details += [f"/{load.path}: {load.error}" for load in loads if load.error]
    for label, with_diagrams in (("text page", False), ("diagram page", True)):
        load = heaviest(loads, with_diagrams)
        if load:
            section.figure(
                f"heaviest {label}, on load: /{load.path}",
                f"{kb(load.total)}, {load.requests} requests",
                f"<= {kb(PAGE_BYTES)}",
                load.total <= PAGE_BYTES,
            )
    mermaid = [f"/{load.path}" for load in loads if load.mermaid_requested]
    section.figure("pages that request a Mermaid file", ", ".join(mermaid) or "none", "none", not mermaid)
    if site is not None:
        practice_figures(section, site)
    section.figure(
        "pages loaded without error",
        f"{sum(not load.error for load in loads)} of {len(loads)}",
        "all",
        all(not load.error for load in loads),
    )
    section.data = {
        "pages": [asdict(load) | {"total": load.total} for load in loads],
        "heaviest_text_page": (heaviest(loads, False) or PageLoad("")).path or None,
        "heaviest_diagram_page": (heaviest(loads, True) or PageLoad("")).path or None,
    }
    return section


def speed_section(loads: list[PageLoad], search_ms: list[float], search_error: str) -> Section:
    section = Section("speed")
    headers = ["page", "diagrams", "FCP", "diagrams in page", "diagrams drawn", "gap"]
    rows = [
        [
            f"/{load.path}",
            str(load.diagrams),
            ms(load.fcp_ms),
            ms(load.present_ms),
            ms(load.drawn_ms),
            ms(load.paint_gap_ms),
        ]
        for load in loads
    ]
    section.details.append(
        "Milliseconds from navigation start, first visit, checked every frame: diagrams in page = "
        "every diagram parsed into the page; drawn = and their font loaded:\n" + table(headers, rows)
    )
    measured_fcp = [load for load in loads if load.fcp_ms is not None]
    slowest_paint = max(measured_fcp, key=lambda load: load.fcp_ms, default=None)
    if slowest_paint:
        section.figure(f"slowest first contentful paint: /{slowest_paint.path}", ms(slowest_paint.fcp_ms))
    diagram_loads = [load for load in loads if load.diagrams]
    unmeasured = [f"/{load.path}" for load in diagram_loads if load.paint_gap_ms is None]
    widest = max(diagram_loads, key=lambda load: load.paint_gap_ms or 0.0, default=None)
    if widest:
        section.figure(
            f"largest wait between a diagram reaching the page and being drawn: /{widest.path}",
            f"not measured on {', '.join(unmeasured)}" if unmeasured else ms(widest.paint_gap_ms),
            f"<= {ms(DIAGRAM_PAINT_GAP_MS)}",
            not unmeasured and widest.paint_gap_ms <= DIAGRAM_PAINT_GAP_MS,
        )
    if search_ms:
        section.figure(
            f"search: keystroke -> first result, median of {len(search_ms)}", ms(statistics.median(search_ms))
        )
        section.figure(
            "search: keystroke -> first result, slowest",
            ms(max(search_ms)),
            f"<= {ms(SEARCH_RESULT_MS)}",
            max(search_ms) <= SEARCH_RESULT_MS,
        )
    else:
        section.figure(
            "search: keystroke -> first result", f"not measured: {search_error}", f"<= {ms(SEARCH_RESULT_MS)}", False
        )
    section.data = {
        "search_ms": search_ms,
        "search_error": search_error,
        "pages": [asdict(load) | {"paint_gap_ms": load.paint_gap_ms} for load in loads],
    }
    return section


# ----- search latency ---------------------------------------------------------------------------

# Marks the last keystroke (the event's own timestamp) and the first change of the result list
# after it; both on the page's clock.
SEARCH_PROBE = """() => {
  const probe = (window.__search = { key: null, result: null });
  document.addEventListener("keydown", (event) => { probe.key = event.timeStamp; probe.result = null; }, true);
  const list = document.querySelector(".md-search-result__list");
  new MutationObserver((records) => {
    probe.changes = (probe.changes || 0) + 1;
    const added = records.some((record) => [...record.addedNodes].some((node) => node.nodeType === 1));
    if (probe.key !== null && probe.result === null && added) probe.result = performance.now();
  }).observe(list, { childList: true });
}"""

# True once the result list has not changed for SEARCH_QUIET_FRAMES frames in a row: the results
# for what was typed so far are all in (Material fills the list in batches).
SEARCH_QUIET_FRAMES = 10
SEARCH_RESULTS_QUIET = f"""() => {{
  const probe = window.__search;
  const changes = probe.changes || 0;
  probe.quiet = changes === probe.seen ? (probe.quiet || 0) + 1 : 0;
  probe.seen = changes;
  return probe.quiet >= {SEARCH_QUIET_FRAMES};
}}"""


def search_latencies(browser, server: Nginx) -> list[float]:
    """For each query: type all but its last letter, let the results settle, time the last letter."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(server.base_url, wait_until="networkidle", timeout=30_000)
        page.evaluate(SEARCH_PROBE)
        search = page.locator("input.md-search__input")
        search.click()
        latencies = []
        for query in SEARCH_QUERIES:
            search.fill("")
            page.keyboard.type(query[:-1], delay=50)
            # The first query also waits for the worker to finish indexing.
            page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=15_000)
            page.wait_for_function(SEARCH_RESULTS_QUIET, polling="raf", timeout=15_000)
            page.keyboard.press(query[-1])
            page.wait_for_function("() => window.__search.result !== null", timeout=5_000)
            latencies.append(page.evaluate("() => window.__search.result - window.__search.key"))
        return latencies
    finally:
        context.close()


# ----- Lighthouse ---------------------------------------------------------------------------------


@dataclass
class LighthouseRun:
    page: str
    preset: str
    performance: float | None = None
    accessibility: float | None = None
    fcp_ms: float | None = None
    lcp_ms: float | None = None
    tbt_ms: float | None = None
    cls: float | None = None
    mermaid_loaded: bool = False
    external_requests: list[str] = field(default_factory=list)
    script_time: list[tuple[str, float, float]] = field(default_factory=list)  # (script, total, scripting) ms
    failed_accessibility: list[str] = field(default_factory=list)  # "audit-id (N elements, e.g. <first ones>)"
    benchmark_index: float | None = None
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    every_performance: list[int] = field(default_factory=list)  # of all the runs this one is the median of


def median_lighthouse(url: str, path: str, preset: str, out: Path, deadline: Deadline, runs: int) -> LighthouseRun:
    """The run with the median performance score of `runs` runs (Lighthouse varies run to run)."""
    results = [run_lighthouse(url, path, preset, out, deadline, attempt) for attempt in range(runs)]
    scored = sorted((run for run in results if run.performance is not None), key=lambda run: run.performance)
    if not scored:
        return results[-1]
    median = scored[(len(scored) - 1) // 2]
    median.every_performance = [run.performance for run in results if run.performance is not None]
    if len(scored) < len(results):
        median.warnings.append(f"{len(results) - len(scored)} of {len(results)} runs failed")
    return median


def run_lighthouse(url: str, path: str, preset: str, out: Path, deadline: Deadline, attempt: int = 0) -> LighthouseRun:
    result = LighthouseRun(path, preset)
    progress(f"Lighthouse {preset} on /{path} (run {attempt + 1})")
    report = out / f"lighthouse-{path.strip('/').replace('/', '-') or 'home'}-{preset}-{attempt + 1}.json"
    try:
        timeout = deadline.timeout(LIGHTHOUSE_TIMEOUT_S)
    except TimeoutError:
        result.error = "not run: the run's deadline passed"
        return result
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        f"--chrome-path={CHROMIUM}",
        f"--chrome-flags={LIGHTHOUSE_CHROME_FLAGS}",
        "--only-categories=performance,accessibility",
        "--quiet",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    try:
        done = run_bounded(command, timeout)
    except subprocess.TimeoutExpired:
        result.error = "timed out"
        return result
    if done.returncode != 0 or not report.is_file():
        result.error = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        return result
    read_lighthouse_report(result, json.loads(report.read_text()))
    return result


def read_lighthouse_report(result: LighthouseRun, report: dict) -> None:
    audits, categories = report["audits"], report["categories"]
    if report.get("runtimeError"):
        result.error = report["runtimeError"].get("message", "runtime error")
    score = categories["performance"]["score"]
    result.performance = None if score is None else round(score * 100)
    score = categories["accessibility"]["score"]
    result.accessibility = None if score is None else round(score * 100)
    result.fcp_ms = audits["first-contentful-paint"].get("numericValue")
    result.lcp_ms = audits["largest-contentful-paint"].get("numericValue")
    result.tbt_ms = audits["total-blocking-time"].get("numericValue")
    result.cls = audits["cumulative-layout-shift"].get("numericValue")
    requests = [item["url"] for item in (audits["network-requests"].get("details") or {}).get("items", [])]
    result.mermaid_loaded = any(is_mermaid(url) for url in requests)
    result.external_requests = [url for url in requests if not url.startswith(("http://127.0.0.1", "data:", "blob:"))]
    result.script_time = [
        (item["url"].rsplit("/", 1)[-1] or item["url"], item["total"], item.get("scripting", 0))
        for item in (audits["bootup-time"].get("details") or {}).get("items", [])[:4]
    ]
    result.failed_accessibility = [
        failed_audit(audits[ref["id"]])
        for ref in categories["accessibility"]["auditRefs"]
        if ref.get("weight") and audits[ref["id"]].get("score") not in (None, 1)
    ]
    result.benchmark_index = report.get("environment", {}).get("benchmarkIndex")
    result.warnings = report.get("runWarnings", [])


def failed_audit(audit: dict) -> str:
    """The audit's id and the first elements it flags, so the fix can start from the report."""
    items = (audit.get("details") or {}).get("items", [])
    snippets = [item["node"].get("snippet", "") for item in items[:3] if isinstance(item.get("node"), dict)]
    return f"{audit['id']} ({len(items)} elements, e.g. {' '.join(snippets)})" if snippets else audit["id"]


def lighthouse_targets(loads: list[PageLoad]) -> list[tuple[str, str]]:
    """(label, path) of the home page, the heaviest text page, the heaviest diagram page and
    the practice page (whose script works on load)."""
    targets = [("home", "")]
    for label, with_diagrams in (("heaviest text page", False), ("heaviest diagram page", True)):
        load = heaviest(loads, with_diagrams)
        if load is not None:
            targets.append((label, load.path))
    if any(load.path == PRACTICE_PAGE for load in loads) and ("heaviest text page", PRACTICE_PAGE) not in targets:
        targets.append(("practice page", PRACTICE_PAGE))
    return targets


def lighthouse_section(runs: list[tuple[str, LighthouseRun]]) -> Section:
    section = Section("lighthouse")
    headers = [
        "page",
        "preset",
        "performance: median (every run)",
        "accessibility",
        "FCP",
        "LCP",
        "TBT",
        "CLS",
        "Mermaid",
    ]
    rows = [
        [
            f"{label}: /{run.page}",
            run.preset,
            f"{run.performance} ({', '.join(map(str, run.every_performance))})"
            if run.every_performance
            else str(run.performance),
            str(run.accessibility),
            ms(run.fcp_ms),
            ms(run.lcp_ms),
            ms(run.tbt_ms),
            "-" if run.cls is None else f"{run.cls:.3f}",
            "requested" if run.mermaid_loaded else "-",
        ]
        for label, run in runs
    ]
    notes = [note for label, run in runs for note in lighthouse_notes(label, run)]
    # Lighthouse's CPU benchmark: its throttling assumes a fast desktop, so a low index lowers mobile scores.
    indexes = [run.benchmark_index for _, run in runs if run.benchmark_index]
    if indexes:
        notes.append(f"Lighthouse CPU benchmark index: {min(indexes):.0f} to {max(indexes):.0f}")
    notes += sorted({f"Lighthouse warning: {warning.split('. ')[0]}" for _, run in runs for warning in run.warnings})
    section.details += [table(headers, rows), "\n".join(notes)]
    for label, run in runs:
        if run.preset == "mobile":
            section.figure(
                f"{label} mobile performance",
                str(run.performance),
                f">= {PERFORMANCE}",
                not run.error and run.performance is not None and run.performance >= PERFORMANCE,
            )
    mermaid = [f"{label} {run.preset}" for label, run in runs if run.mermaid_loaded]
    section.figure("runs that load a Mermaid file", ", ".join(mermaid) or "none", "none", not mermaid)
    failing = [f"{label} {run.preset}" for label, run in runs if run.error or run.accessibility != ACCESSIBILITY]
    section.figure(
        "accessibility in every run",
        "100" if not failing else "below 100 or failed: " + ", ".join(failing),
        f"= {ACCESSIBILITY}",
        not failing,
    )
    external = sorted({url for _, run in runs for url in run.external_requests})
    section.figure("requests outside 127.0.0.1", ", ".join(external) or "none", "none", not external)
    section.data = {"runs": [asdict(run) | {"label": label} for label, run in runs]}
    return section


def lighthouse_notes(label: str, run: LighthouseRun) -> list[str]:
    """What dominates each run: the scripts costing most main-thread time, failed audits, errors."""
    if run.error:
        return [f"{label} {run.preset}: Lighthouse failed: {run.error}"]
    scripts = ", ".join(
        f"{name} {total:.0f} ms ({scripting:.0f} ms scripting)" for name, total, scripting in run.script_time
    )
    notes = [f"{label} {run.preset}: main-thread time by script: {scripts}"]
    notes += [f"{label} {run.preset}: accessibility audit failed: {audit}" for audit in run.failed_accessibility]
    return notes


# ----- the run ----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each 1x build and check (default: %(default)s)")
    parser.add_argument("--scale-runs", type=int, default=1, help="runs at 10x (default: %(default)s)")
    parser.add_argument(
        "--skip", default="", metavar="SECTION,...", help=f"sections to leave out: {','.join(SECTIONS)}"
    )
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=3,
        metavar="N",
        help="Lighthouse runs per page and preset; the median counts (default: %(default)s)",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write every figure to this JSON file")
    parser.add_argument(
        "--deadline",
        type=float,
        default=30,
        metavar="MINUTES",
        help="stop everything after this long (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    args.skip = {name.strip() for name in args.skip.split(",") if name.strip()}
    unknown = args.skip - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {', '.join(sorted(unknown))}; known: {', '.join(SECTIONS)}")
    return args


def not_run(name: str, reason: str) -> Section:
    section = Section(name)
    section.figure(name, f"not measured: {reason}", "measured", False)
    return section


def run_browser_sections(
    wanted: set[str], site: Path, work: Path, port: int, deadline: Deadline, lighthouse_runs: int
) -> list[Section]:
    """Serve the hosted build with nginx, then the page pass, search and Lighthouse; nginx stops at the end."""
    binary = ensure_nginx()
    if binary is None:
        return [not_run(name, "nginx is not available") for name in ("weight", "speed", "lighthouse") if name in wanted]
    from playwright.sync_api import sync_playwright

    precompress(site)
    server = Nginx(binary, site, work / "nginx", port)
    sections = []
    try:
        with sync_playwright() as playwright:
            browser = launch_browser(playwright)
            try:
                loads = load_every_page(browser, server, site, deadline)
                search_ms, search_error = measure_search(browser, server, wanted)
            finally:
                browser.close()
        if "weight" in wanted:
            sections.append(weight_section(loads, site))
        if "speed" in wanted:
            sections.append(speed_section(loads, search_ms, search_error))
        if "lighthouse" in wanted:
            runs = [
                (label, median_lighthouse(server.base_url + path, path, preset, work, deadline, lighthouse_runs))
                for label, path in lighthouse_targets(loads)
                for preset in ("mobile", "desktop")
            ]
            sections.append(lighthouse_section(runs))
    finally:
        server.stop()
    return sections


def measure_search(browser, server: Nginx, wanted: set[str]) -> tuple[list[float], str]:
    if "speed" not in wanted:
        return [], "speed section skipped"
    progress("timing search")
    try:
        return search_latencies(browser, server), ""
    except Exception as error:  # reported as a missed budget, not a crash
        return [], str(error).splitlines()[0]


def run_scale(work: Path, site_url: str, runs: int, baseline: dict | None, deadline: Deadline) -> Section:
    progress(f"writing the {SCALE}x copy")
    copy = work / "scaled"
    make_scaled_copy(copy, SCALE)
    sizes = (count_content(REPO), count_content(copy))
    results = time_builds(copy, work / "scaled-out", site_url, runs, SCALED_BUILD_TIMEOUT_S, deadline)
    return scale_section(results, runs, baseline, sizes)


def site_to_serve(work: Path, site_url: str, deadline: Deadline) -> Path | None:
    """The hosted build the build section left behind, or a fresh one when it was skipped."""
    site = work / "out" / "hosted"
    if not (site / "index.html").is_file():
        progress("building the hosted site to serve")
        command, env = build_commands(REPO, work / "out", site_url)["hosted build"]
        timed_run(command, REPO, env, deadline.timeout(BUILD_TIMEOUT_S))
    return site if (site / "index.html").is_file() else None


def within_deadline(names: set[str], measure) -> dict[str, Section]:
    """The sections `measure` returns, or each reported as not measured once the deadline passed."""
    try:
        return {section.name: section for section in measure()}
    except TimeoutError:
        return {name: not_run(name, "the run's deadline passed") for name in names}


def run_sections(args: argparse.Namespace, work: Path, deadline: Deadline) -> dict[str, Section]:
    """Builds first (the page pass serves their output), then the browser, then the long 10x part."""
    wanted = set(SECTIONS) - args.skip
    port = free_port()
    site_url = f"http://127.0.0.1:{port}/"
    sections: dict[str, Section] = {}
    if "build" in wanted:
        sections |= within_deadline(
            {"build"},
            lambda: [
                build_section(
                    time_builds(REPO, work / "out", site_url, args.runs, BUILD_TIMEOUT_S, deadline), args.runs
                )
            ],
        )
    if "pdf" in wanted:
        sections |= within_deadline({"pdf"}, lambda: [run_pdf(work, deadline)])
    browser_parts = wanted & {"weight", "speed", "lighthouse"}
    if browser_parts:

        def browser_sections() -> list[Section]:
            site = site_to_serve(work, site_url, deadline)
            if site is None:
                return [not_run(name, "the hosted build failed") for name in browser_parts]
            return run_browser_sections(browser_parts, site, work, port, deadline, args.lighthouse_runs)

        sections |= within_deadline(browser_parts, browser_sections)
    if "scale" in wanted:
        baseline = sections["build"].data if "build" in sections else None
        sections |= within_deadline({"scale"}, lambda: [run_scale(work, site_url, args.scale_runs, baseline, deadline)])
    return sections


def print_report(sections: dict[str, Section]) -> list[Row]:
    budgets = []
    for name in SECTIONS:
        if name not in sections:
            continue
        section = sections[name]
        print(f"\n== {name} ==")
        for detail in section.details:
            print(detail, end="\n\n")
        print(
            table(
                ["figure", "value", "budget", "result"],
                [[row.figure, row.value, row.budget, verdict(row.passed)] for row in section.rows],
            )
        )
        budgets += [row for row in section.rows if row.passed is not None]
    missed = [row for row in budgets if not row.passed]
    print(f"\n== summary ==\n{len(budgets) - len(missed)} of {len(budgets)} budgets met")
    for row in missed:
        print(f"  missed: {row.figure.strip()}: {row.value} (budget {row.budget})")
    return missed


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # A polite kill (SIGTERM) still runs the `finally` blocks that stop nginx and the browser.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    deadline = Deadline(args.deadline * 60)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        work = Path(temp)
        # nginx's workers may run as an unprivileged user: they must be able to read the site.
        work.chmod(0o755)
        sections = run_sections(args, work, deadline)
    missed = print_report(sections)
    print(f"(whole run: {seconds(time.monotonic() - started)})")
    if args.json:
        figures = {
            name: section.data | {"rows": [asdict(row) for row in section.rows]} for name, section in sections.items()
        }
        args.json.write_text(json.dumps(figures, indent=2))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
