"""Diagrams as a reader meets them: in the page without JavaScript, readable on a phone and a
laptop, labels inside their shapes in the reader's font, printable, and openable full screen."""

from __future__ import annotations

import re

import pytest
from devices import LAPTOP, PHONE
from diagrams import MIN_LABEL_PX
from page_probes import DIAGRAM_FONT_LOADED, settle
from pypdf import PdfReader
from sites import BuiltSite, html_pages, svg_labels

WIDE_DIAGRAM_PAGE = "delivery/codepipeline/"
NARROW_DIAGRAM_PAGE = "patterns/fan-out/"


def diagram_pages(site: BuiltSite) -> list[str]:
    return [
        page.relative_to(site.root).as_posix()
        for page in html_pages(site.root)
        if '<figure class="diagram"' in page.read_text(encoding="utf-8")
    ]


def test_every_diagram_shows_with_javascript_disabled(hosted_site, make_probe):
    probe = make_probe(hosted_site.base_url, java_script_enabled=False)
    missing = {}
    for page in diagram_pages(hosted_site):
        # Not probe.open(): with the page's JavaScript off, no animation frame ever comes to
        # settle on; nothing moves on such a page once it has loaded.
        probe.page.goto(hosted_site.url(page), wait_until="load")
        shown = probe.diagrams_shown()
        if shown["figures"] == 0 or shown["shown"] != shown["figures"]:
            missing[page] = shown
    assert missing == {}
    assert len(diagram_pages(hosted_site)) >= 20


# For every drawing: the smallest label as displayed, in CSS pixels (its font size times the
# scale at which the drawing is shown).
SMALLEST_LABELS = """() => [...document.querySelectorAll("figure.diagram svg")].map((svg) => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll("text")].filter((text) => text.textContent.trim())
    .map((text) => parseFloat(getComputedStyle(text).fontSize) * scale);
  return { title: svg.querySelector("title").textContent, px: Math.min(...sizes) };
})"""


@pytest.mark.parametrize("device", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_every_label_is_at_least_12_css_pixels_as_displayed(hosted_site, make_probe, device):
    probe = make_probe(hosted_site.base_url, **device)
    small = []
    for page in diagram_pages(hosted_site):
        probe.open(hosted_site.url(page))
        small += [f"{page}: {d['title']}: {d['px']:.1f} px" for d in probe.page.evaluate(SMALLEST_LABELS)]
    small = [line for line in small if float(line.rsplit(": ", 1)[1].split()[0]) < MIN_LABEL_PX]
    assert small == []


# Every node of every drawing: does its label's box stay inside its shape's box? Boxes as
# the browser lays them out, with the font it actually used.
LABELS_OUTSIDE_NODES = """() => {
  const outside = [];
  for (const svg of document.querySelectorAll("figure.diagram svg")) {
    for (const node of svg.querySelectorAll("g.node")) {
      const shape = node.querySelector(":scope > rect, :scope > polygon, :scope > circle, :scope > path, "
        + ":scope > g.basic, :scope > .label-container, :scope > g > path");
      const label = node.querySelector("text");
      if (!shape || !label || !label.textContent.trim()) continue;
      const s = shape.getBoundingClientRect(), l = label.getBoundingClientRect();
      const slack = 1;
      const inside = l.left >= s.left - slack && l.right <= s.right + slack
        && l.top >= s.top - slack && l.bottom <= s.bottom + slack;
      if (!inside) {
        outside.push(`${svg.querySelector("title").textContent}: "${label.textContent.trim()}"`);
      }
    }
  }
  return outside;
}"""


@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
def test_no_label_overflows_its_node_in_the_readers_browser(variant, request, make_probe):
    site = request.getfixturevalue(variant)
    probe = make_probe(site.allowed_prefix, **LAPTOP)
    outside, nodes = [], 0
    for page in diagram_pages(site):
        probe.open(site.url(page))
        assert probe.page.evaluate(DIAGRAM_FONT_LOADED), f"{page}: the diagram font did not load"
        nodes += probe.page.locator("figure.diagram svg g.node").count()
        outside += [f"{page}: {where}" for where in probe.page.evaluate(LABELS_OUTSIDE_NODES)]
    assert outside == []
    assert nodes > 100


def test_the_overflow_check_notices_a_label_wider_than_its_node(hosted_site, make_probe):
    probe = make_probe(hosted_site.base_url, **LAPTOP)
    page = probe.open(hosted_site.url(NARROW_DIAGRAM_PAGE))
    page.evaluate(
        """() => { const text = document.querySelector("figure.diagram svg g.node text");
        text.style.fontSize = "40px"; }"""
    )
    assert page.evaluate(LABELS_OUTSIDE_NODES) != []


LABEL_FILL = """() => getComputedStyle(document.querySelector("figure.diagram svg g.node text")).fill"""


def test_label_colours_differ_between_the_light_and_dark_schemes(hosted_site, make_probe):
    fills = {}
    for scheme in ("light", "dark"):
        probe = make_probe(hosted_site.base_url, color_scheme=scheme)
        probe.open(hosted_site.url(NARROW_DIAGRAM_PAGE))
        fills[scheme] = probe.page.evaluate(LABEL_FILL)
    assert fills["light"] != fills["dark"]
    # Both come from the theme's custom properties, not Mermaid's default black.
    assert all(fill.startswith("rgb") and fill != "rgb(0, 0, 0)" for fill in fills.values()), fills


def test_a_wide_diagram_scrolls_sideways_on_a_phone_and_says_so(hosted_site, make_probe):
    probe = make_probe(hosted_site.base_url, **PHONE)
    page = probe.open(hosted_site.url(WIDE_DIAGRAM_PAGE))
    figure = page.locator("figure.diagram").first
    scroller = figure.locator(".diagram__scroller")
    assert scroller.evaluate("(element) => element.scrollWidth > element.clientWidth")
    hint = figure.locator(".diagram__hint")
    hint.wait_for(state="visible")
    assert "scroll sideways" in hint.inner_text()
    assert scroller.get_attribute("tabindex") == "0" and scroller.get_attribute("aria-label").startswith("Diagram: ")
    laptop = make_probe(hosted_site.base_url, **LAPTOP)
    laptop.open(hosted_site.url(NARROW_DIAGRAM_PAGE))
    assert not laptop.page.locator("figure.diagram .diagram__hint").first.is_visible()


TRANSFORM = """() => getComputedStyle(document.querySelector("dialog.diagram-dialog svg")).transform"""


@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
def test_full_screen_view_zooms_by_keyboard_and_closes_with_escape(variant, request, make_probe):
    site = request.getfixturevalue(variant)
    probe = make_probe(site.allowed_prefix, **LAPTOP)
    page = probe.open(site.url(WIDE_DIAGRAM_PAGE))
    figure = page.locator("figure.diagram").first
    title = figure.locator("svg title").text_content()
    opener = figure.get_by_role("button", name=f"Open full screen: {title}")
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=title)
    dialog.wait_for(state="visible")
    page.wait_for_function("() => document.querySelector('dialog.diagram-dialog svg')?.style.transform")
    settle(page)
    before = page.evaluate(TRANSFORM)
    page.keyboard.press("+")
    settle(page)
    assert page.evaluate(TRANSFORM) != before, "the + key zooms in"
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert figure.locator("svg").count() == 1, "the diagram is back in its place"
    assert page.evaluate("() => document.activeElement.textContent") == "Full screen"
    assert page.evaluate("() => document.querySelectorAll('svg[id]').length") == page.evaluate(
        "() => new Set([...document.querySelectorAll('svg[id]')].map((svg) => svg.id)).size"
    )
    assert probe.console_errors == [] and probe.blocked == []


def test_full_screen_view_opens_and_closes_by_tap(hosted_site, make_probe):
    probe = make_probe(hosted_site.base_url, **PHONE)
    page = probe.open(hosted_site.url(WIDE_DIAGRAM_PAGE))
    figure = page.locator("figure.diagram").first
    figure.get_by_role("button", name=re.compile("^Open full screen")).tap()
    dialog = page.locator("dialog.diagram-dialog")
    dialog.wait_for(state="visible")
    box = dialog.bounding_box()
    assert box["width"] >= PHONE["viewport"]["width"] - 1, "full screen fills the phone's width"
    dialog.get_by_role("button", name="Close full screen view").tap()
    dialog.wait_for(state="hidden")
    assert figure.locator("svg").count() == 1
    assert probe.console_errors == []


def pdf_text(pdf: bytes, path) -> str:
    path.write_bytes(pdf)
    return " ".join(page.extract_text() for page in PdfReader(str(path)).pages)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a_printed_diagram_page_holds_the_labels_and_none_of_the_source(hosted_site, make_probe, tmp_path):
    probe = make_probe(hosted_site.base_url)
    page = probe.open(hosted_site.url(WIDE_DIAGRAM_PAGE))
    labels = [
        label
        for svg in page.locator("figure.diagram svg").all()
        for label in svg_labels(svg.evaluate("(e) => e.outerHTML"))
    ]
    page.emulate_media(media="print")
    text = squeezed(pdf_text(page.pdf(), tmp_path / "page.pdf"))
    missing = [label for label in labels if squeezed(label) not in text]
    assert labels and missing == []
    assert "accTitle" not in text and "flowchartLR" not in text


# Every label's contrast with what it is drawn on: its node's, cluster's or edge label's shape
# (composited over the page) or else the page itself. WCAG's formula, in the page.
LABEL_CONTRASTS = """() => {
  const parse = (value) => {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a), a: 1,
  });
  const luminance = ({ r, g, b }) => {
    const linear = (v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    const [R, G, B] = [r, g, b].map(linear);
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const page = parse(getComputedStyle(document.body).backgroundColor);
  const results = [];
  for (const text of document.querySelectorAll("figure.diagram svg text")) {
    if (!text.textContent.trim()) continue;
    let background = page;
    const group = text.closest("g.node, g.cluster, g.edgeLabel, g.stateGroup");
    const shape = group && group.querySelector("rect, polygon, path, circle");
    const fill = shape && parse(getComputedStyle(shape).fill);
    if (fill) background = over(fill, page);
    const colour = over(parse(getComputedStyle(text).fill) || { r: 0, g: 0, b: 0, a: 1 }, background);
    const [light, dark] = [luminance(colour), luminance(background)].sort((x, y) => y - x);
    results.push({ label: text.textContent.trim(), ratio: (light + 0.05) / (dark + 0.05) });
  }
  return results;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_label_has_a_contrast_of_at_least_4_5(hosted_site, make_probe, scheme):
    probe = make_probe(hosted_site.base_url, color_scheme=scheme)
    low, labels = [], 0
    for page in diagram_pages(hosted_site):
        probe.open(hosted_site.url(page))
        for result in probe.page.evaluate(LABEL_CONTRASTS):
            labels += 1
            if result["ratio"] < 4.5:
                low.append(f"{page}: {result['label']}: {result['ratio']:.2f}")
    assert low == []
    assert labels > 200


# Every drawing whose region scrolls sideways: the reader sees only part of it at once.
SCROLLING_DIAGRAMS = """() => [...document.querySelectorAll("figure.diagram .diagram__scroller")]
  .filter((scroller) => scroller.scrollWidth > scroller.clientWidth + 1)
  .map((scroller) => `${scroller.querySelector("svg title").textContent}: `
    + `${scroller.querySelector("svg").getAttribute("width")} px in ${scroller.clientWidth} px`)"""


def test_no_diagram_scrolls_sideways_on_a_laptop(hosted_site, make_probe):
    probe = make_probe(hosted_site.base_url, **LAPTOP)
    scrolling = []
    for page in diagram_pages(hosted_site):
        probe.open(hosted_site.url(page))
        scrolling += [f"{page}: {where}" for where in probe.page.evaluate(SCROLLING_DIAGRAMS)]
    assert scrolling == []
