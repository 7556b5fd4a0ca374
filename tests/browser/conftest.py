"""Playwright fixtures: a headless Chromium that blocks and records every non-local request."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import pytest
from chromium import LAUNCH_ARGS, find_chromium
from page_probes import DIAGRAM_STATE, OPEN_SHADOW_ROOTS, settle
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Browser:
    with sync_playwright() as playwright:
        executable = find_chromium()
        launched = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS if executable else None)
        yield launched
        launched.close()


@dataclass
class Probe:
    """A page plus what it did that a reader would suffer from."""

    page: Page
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def open(self, url: str) -> Page:
        """Load a page and wait until it is settled, as a reader would see it."""
        self.page.goto(url, wait_until="load")
        settle(self.page)
        return self.page

    def settle(self) -> Page:
        settle(self.page)
        return self.page

    def diagram_state(self) -> dict:
        return self.page.evaluate(DIAGRAM_STATE)

    def wait_for_diagrams(self, expected: int, timeout_ms: int = 15_000) -> dict:
        """Scroll to the first diagram as a reader would, then wait until every diagram is drawn.

        Mermaid loads only when a diagram nears the screen; the state is returned either way.
        """
        self.page.evaluate("() => document.querySelector('pre.mermaid')?.scrollIntoView()")
        # A timeout is not an error here: the returned state tells the test what went wrong.
        with contextlib.suppress(PlaywrightTimeout):
            self.page.wait_for_function(
                f"(expected) => ({DIAGRAM_STATE})().pending === 0 && ({DIAGRAM_STATE})().drawn === expected",
                arg=expected,
                timeout=timeout_ms,
            )
        settle(self.page)
        return self.diagram_state()


@pytest.fixture
def make_probe(browser):
    """Open pages with every request outside `allowed_prefix` aborted and recorded."""
    contexts = []

    def factory(allowed_prefix: str, color_scheme: str = "light") -> Probe:
        context = browser.new_context(color_scheme=color_scheme)
        contexts.append(context)
        context.add_init_script(OPEN_SHADOW_ROOTS)
        page = context.new_page()
        probe = Probe(page)

        def route(route_request):
            url = route_request.request.url
            if url.startswith(allowed_prefix) or url.startswith(("data:", "blob:")):
                route_request.continue_()
            else:
                probe.blocked.append(url)
                route_request.abort()

        context.route("**/*", route)
        page.on("console", lambda msg: msg.type == "error" and probe.console_errors.append(msg.text))
        page.on("pageerror", lambda error: probe.console_errors.append(str(error)))
        return probe

    yield factory
    for context in contexts:
        context.close()
