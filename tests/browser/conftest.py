"""Playwright fixtures: a headless Chromium that records every request and blocks non-local ones."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from chromium import LAUNCH_ARGS, find_chromium
from page_probes import DIAGRAMS_SHOWN, settle
from playwright.sync_api import Browser, Page, sync_playwright


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
    requested: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def open(self, url: str) -> Page:
        """Load a page and wait until it is settled, as a reader would see it."""
        self.page.goto(url, wait_until="load")
        settle(self.page)
        return self.page

    def settle(self) -> Page:
        settle(self.page)
        return self.page

    def diagrams_shown(self) -> dict:
        """How many diagram figures the page has, and how many of their drawings are laid out."""
        return self.page.evaluate(DIAGRAMS_SHOWN)


@pytest.fixture
def make_probe(browser):
    """Open pages with every request outside `allowed_prefix` aborted and recorded."""
    contexts = []

    def factory(allowed_prefix: str, color_scheme: str = "light", **context_options) -> Probe:
        context = browser.new_context(color_scheme=color_scheme, **context_options)
        contexts.append(context)
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
        page.on("request", lambda request: probe.requested.append(request.url))
        page.on("console", lambda msg: msg.type == "error" and probe.console_errors.append(msg.text))
        page.on("pageerror", lambda error: probe.console_errors.append(str(error)))
        return probe

    yield factory
    for context in contexts:
        context.close()
