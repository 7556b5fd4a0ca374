"""The built site in a real browser, over http and from file://, with the network blocked."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_probes import MERMAID_REQUEST, settle
from sites import BuiltSite, html_pages

DIAGRAM_PAGE = Path("contributing/diagrams")
TEXT_PAGE = "reference/self-check/"
SEARCH_TERM_ON_DIAGRAM_PAGE = "accDescr"


def expected_diagrams(html_file: Path) -> int:
    return html_file.read_text(encoding="utf-8").count('<figure class="diagram"')


def page_problems(probe, site: BuiltSite, html_file: Path) -> list[str]:
    """What a reader would notice on one page: errors, blocked requests, a diagram not shown,
    any Mermaid file requested."""
    probe.blocked.clear()
    probe.console_errors.clear()
    probe.requested.clear()
    relative = html_file.relative_to(site.root).as_posix()
    probe.open(site.url(relative))
    problems = []
    expected = expected_diagrams(html_file)
    shown = probe.diagrams_shown()
    if shown != {"figures": expected, "shown": expected}:
        problems.append(f"{relative}: {shown['shown']} of {expected} diagrams shown")
    problems += [f"{relative}: requested Mermaid: {url}" for url in probe.requested if MERMAID_REQUEST.search(url)]
    problems += [f"{relative}: console error: {text}" for text in probe.console_errors]
    problems += [f"{relative}: blocked request: {url}" for url in probe.blocked]
    return problems


@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
def test_every_page_loads_without_errors_and_shows_its_diagrams_without_mermaid(variant, request, make_probe):
    site = request.getfixturevalue(variant)
    probe = make_probe(site.allowed_prefix)
    problems = []
    for html_file in html_pages(site.root):
        if site.is_offline and html_file.name == "404.html":
            continue  # only a web server shows the 404 page; nothing links to it from disk
        problems += page_problems(probe, site, html_file)
    assert problems == []


@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
def test_search_finds_a_term_of_the_diagram_page(variant, request, make_probe):
    site = request.getfixturevalue(variant)
    probe = make_probe(site.allowed_prefix)
    page = probe.open(site.url())
    page.locator("input.md-search__input").click()
    page.keyboard.type(SEARCH_TERM_ON_DIAGRAM_PAGE)
    result = page.locator(f'.md-search-result__item a[href*="{DIAGRAM_PAGE.as_posix()}"]').first
    result.wait_for(state="attached", timeout=10_000)
    assert probe.blocked == []


# Labels take their colour from the page's CSS custom properties, which differ between the schemes.
LABEL_COLOUR = """() => getComputedStyle(document.querySelector("figure.diagram svg text")).fill"""


@pytest.mark.parametrize("system_scheme", ["light", "dark"])
def test_every_tap_of_the_palette_toggle_changes_the_scheme_and_diagrams_follow(hosted_site, make_probe, system_scheme):
    """Two states, light and dark, starting from the system's: no tap leaves the page as it was."""
    probe = make_probe(hosted_site.allowed_prefix, color_scheme=system_scheme)
    page = probe.open(hosted_site.url(DIAGRAM_PAGE.as_posix() + "/"))
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == {"light": "default", "dark": "slate"}[system_scheme]
    colours = {scheme: page.evaluate(LABEL_COLOUR)}
    for _ in range(2):  # to the other scheme and back
        page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
        # Material marks the body while it switches and removes the mark once the colours are set.
        page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
        probe.settle()
        previous, scheme = scheme, page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert scheme != previous, "a tap of the toggle changed nothing the reader sees"
        colours[scheme] = page.evaluate(LABEL_COLOUR)
    assert colours["default"] != colours["slate"], "diagram colours did not follow the palette"


# Records the class of <html> when <body> starts (before any styling), and every call that
# reaches the DOM to set an attribute on <body> (with the value it replaces) or to add a
# <meta>, with the script that made it: the address of a script file, "" for a script inline
# in the page, null for a call from an event or timer.
PALETTE_WRITES = """
window.__bodyWrites = [];
window.__metasAdded = [];
new MutationObserver((records, observer) => {
  if (!document.body) return;
  window.__classAtBody = document.documentElement.className;
  observer.disconnect();
}).observe(document, { childList: true, subtree: true });
const setAttribute = Element.prototype.setAttribute;
Element.prototype.setAttribute = function (name, value) {
  if (this === document.body) {
    const script = document.currentScript;
    window.__bodyWrites.push({ name, value: String(value), old: this.getAttribute(name),
                               script: script ? script.src : null });
  }
  return setAttribute.call(this, name, value);
};
const appendChild = Node.prototype.appendChild;
Node.prototype.appendChild = function (node) {
  if (this === document.head && node.nodeName === "META") window.__metasAdded.push(node.name);
  return appendChild.call(this, node);
};
"""


@pytest.mark.parametrize("system_scheme, palette_scheme", [("light", "default"), ("dark", "slate")])
def test_first_visit_palette_is_in_place_before_material_runs_and_a_switch_still_works(
    hosted_site, browser, system_scheme, palette_scheme
):
    """On load Material re-applies the palette; that must change nothing the browser restyles for.

    A first visit (nothing saved) gets the system's scheme before the page is drawn, so a dark
    system sees no light flash; Material's bundle then changes no value on <body>, sets no
    switching marker and adds no second color-scheme meta. A reader's switch still goes
    through Material, marker included.
    """
    context = browser.new_context(color_scheme=system_scheme)
    try:
        context.add_init_script(PALETTE_WRITES)
        page = context.new_page()
        page.goto(hosted_site.url(TEXT_PAGE), wait_until="load")
        settle(page)  # Material removes the marker on the next frame, when it sets it
        assert page.evaluate("window.__classAtBody") == "js", "<html> has its js class before the body is styled"
        writes = page.evaluate("window.__bodyWrites")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == palette_scheme
        assert writes, "the first visit's palette was not resolved in the page"
        from_files = [
            write
            for write in writes
            if write["script"] != "" and (write["name"] == "data-md-color-switching" or write["value"] != write["old"])
        ]
        assert not from_files, f"palette written to <body> after the page was drawn: {from_files}"
        assert "color-scheme" not in page.evaluate("window.__metasAdded")
        assert page.locator("meta[name=color-scheme]").count() == 1

        page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
        page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
        names = [write["name"] for write in page.evaluate("window.__bodyWrites")[len(writes) :]]
        assert "data-md-color-switching" in names
        assert not page.evaluate("document.body.hasAttribute('data-md-color-switching')")
    finally:
        context.close()


def test_search_downloads_its_index_only_when_the_reader_reaches_for_it(hosted_site, make_probe):
    probe = make_probe(hosted_site.allowed_prefix)
    page = probe.page
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    probe.open(hosted_site.url())
    # Every request the page makes by itself has been made once the network has been idle.
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "search_index" in url or "/workers/search" in url]
    page.locator("input.md-search__input").click()
    page.keyboard.type(SEARCH_TERM_ON_DIAGRAM_PAGE)
    page.locator(f'.md-search-result__item a[href*="{DIAGRAM_PAGE.as_posix()}"]').first.wait_for(timeout=10_000)
    assert any(url.endswith("search/search_index.json") for url in requested)
