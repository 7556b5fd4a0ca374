"""External links answer (opt-in: ``--external``; the default run makes no network request).

Links come from the built HTML (or, without a site, from the Markdown). Requests run
concurrently with a bound, one at a time per host with a politeness delay, each with a timeout
and retries with exponential back-off. HTTP 429 means "try later": it is noted, not reported as
broken, and not cached. Answers are cached in .cache/external-links.json for a set time.
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .findings import Finding, check

CACHE_FILE = ".cache/external-links.json"
CACHE_TTL_SECONDS = 7 * 24 * 3600
USER_AGENT = "aws-practice-notes-linkcheck/1.0 (+https://github.com/aws-practice-notes)"
RE_MARKDOWN_URL = re.compile(r"\]\((?P<url>https?://[^)\s]+)")
BROKEN_FOR_GOOD = (404, 410)


@dataclass
class LinkResult:
    url: str
    ok: bool
    status: int | None = None
    retry_later: bool = False
    error: str = ""
    attempts: int = 1
    cached: bool = False


class HostThrottle:
    """One request at a time per host, at least ``delay`` seconds apart."""

    def __init__(self, delay: float, clock=time.monotonic, sleep=time.sleep):
        self.delay, self.clock, self.sleep = delay, clock, sleep
        self.locks: dict[str, threading.Lock] = {}
        self.last: dict[str, float] = {}
        self.guard = threading.Lock()

    def lock_for(self, host: str) -> threading.Lock:
        with self.guard:
            return self.locks.setdefault(host, threading.Lock())

    def wait(self, host: str) -> None:
        """Call with the host's lock held."""
        last = self.last.get(host)
        if last is not None:
            remaining = self.delay - (self.clock() - last)
            if remaining > 0:
                self.sleep(remaining)
        self.last[host] = self.clock()


class LinkChecker:
    def __init__(
        self,
        *,
        workers: int = 8,
        per_host_delay: float = 1.0,
        timeout: float = 10.0,
        retries: int = 2,
        backoff: float = 1.0,
        opener=None,
        sleep=time.sleep,
    ):
        self.workers, self.timeout, self.retries, self.backoff = workers, timeout, retries, backoff
        self.throttle = HostThrottle(per_host_delay, sleep=sleep)
        self.opener = opener or urllib.request.build_opener()
        self.sleep = sleep

    def _request(self, url: str, method: str) -> int:
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                if method == "GET":
                    response.read(1024)
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def check(self, url: str) -> LinkResult:
        host = urlsplit(url).netloc.lower()
        attempts, last_error, status = 0, "", None
        for attempt in range(self.retries + 1):
            attempts = attempt + 1
            try:
                with self.throttle.lock_for(host):
                    self.throttle.wait(host)
                    status = self._request(url, "HEAD")
                    if status in (400, 403, 405, 501):  # servers that do not answer HEAD properly
                        self.throttle.wait(host)
                        status = self._request(url, "GET")
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                last_error = str(getattr(error, "reason", error)) or type(error).__name__
                status = None
            if status is not None and status < 400:
                return LinkResult(url, True, status, attempts=attempts)
            if status == 429:
                return LinkResult(url, False, status, retry_later=True, attempts=attempts)
            if status is not None and status < 500:
                return LinkResult(url, False, status, attempts=attempts)
            if attempt < self.retries:
                self.sleep(self.backoff * (2**attempt))
        return LinkResult(url, False, status, error=last_error, attempts=attempts)

    def check_all(self, urls) -> dict[str, LinkResult]:
        urls = sorted(set(urls))
        with ThreadPoolExecutor(max_workers=max(1, self.workers)) as pool:
            return dict(zip(urls, pool.map(self.check, urls), strict=True))


def load_cache(path: Path, now: float, ttl: float) -> dict[str, dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {url: entry for url, entry in data.items() if now - entry.get("checked", 0) < ttl}


def save_cache(path: Path, entries: dict[str, dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(entries, indent=1, sort_keys=True), encoding="utf-8")


def check_with_cache(
    urls, checker: LinkChecker, cache_path: Path, *, ttl: float = CACHE_TTL_SECONDS, now: float | None = None
) -> dict[str, LinkResult]:
    now = time.time() if now is None else now
    cache = load_cache(cache_path, now, ttl)
    results = {
        url: LinkResult(url, entry["ok"], entry.get("status"), cached=True)
        for url, entry in cache.items()
        if url in set(urls)
    }
    fresh = checker.check_all(url for url in urls if url not in results)
    for url, result in fresh.items():
        results[url] = result
        if result.ok or result.status in BROKEN_FOR_GOOD:
            cache[url] = {"ok": result.ok, "status": result.status, "checked": now}
    save_cache(cache_path, cache)
    return results


def external_links(ctx) -> dict[str, list[tuple[str, int]]]:
    """External URL -> [(source file, line)] that authors wrote (in pages or overrides).

    Read from the built site, so links from raw HTML, templates and hooks count; a link only the
    theme itself writes (its CDN, its credits) is not ours to check. Without a site, the
    Markdown is read instead.
    """
    from .html_links import classify, locate, scan_site

    skip_prefixes = tuple(p for p in (ctx.config.get("repo_url"),) if p)
    found: dict[str, set[tuple[str, int]]] = {}
    site = scan_site(ctx)
    if site is not None:
        for site_path, page in site.pages.items():
            for link in page.links:
                kind, url = classify(link.url, site.site_url)
                if kind != "external" or url.startswith(skip_prefixes) or url.startswith("//"):
                    continue
                url = url.split("#", 1)[0]
                path, line, written = locate(ctx, site_path, [url])
                if written:  # authors' links (pages, overrides), not the theme's own
                    found.setdefault(url, set()).add((path, line))
    else:
        for page in ctx.pages:
            for number, text in enumerate(page.lines, 1):
                for match in RE_MARKDOWN_URL.finditer(text):
                    found.setdefault(match.group("url").split("#", 1)[0], set()).add((page.path, number))
    return {url: sorted(places) for url, places in found.items()}


@check(
    "external-links",
    "external links answer (HTTP 429 = try later, not broken); results cached",
    opt_in=True,
    needs_site=True,
)
def check_external_links(ctx):
    links = external_links(ctx)
    results = check_with_cache(list(links), LinkChecker(), ctx.root / CACHE_FILE)
    findings = []
    later = [url for url, result in results.items() if result.retry_later]
    if later:
        ctx.notes.append(
            f"external-links: {len(later)} link(s) answered 429 (rate limited), try later: "
            + ", ".join(later[:5])
            + (" ..." if len(later) > 5 else "")
        )
    for url, result in results.items():
        if result.ok or result.retry_later:
            continue
        reason = f"HTTP {result.status}" if result.status else (result.error or "no answer")
        tries = f" after {result.attempts} attempts" if result.attempts > 1 else ""
        for path, line in links.get(url, []):
            findings.append(Finding(path, line, "external-links", f"external link {url} is broken: {reason}{tries}"))
    return findings
