"""Definitions in the text, as a reader meets them: tooltips that can be read, reached and put away,
few tab stops, glossary links quieter than real links, and a tap that never gives away an answer.

Every check runs at 1280 px with a mouse and keyboard, and at 390 px on a touch screen where touch
matters; style checks run in the light and the dark scheme.
"""

from __future__ import annotations

import pytest
from devices import LAPTOP, PHONE
from page_probes import settle
from playwright.sync_api import expect

FAN_OUT = "patterns/fan-out/"  # 36 glossary links, and before this change 89 acronyms
SELF_CHECK = "reference/self-check/"  # questions whose summaries hold acronyms
TOOLTIP = ".site-tooltip"
GLOSSARY_LINK = "article a.glossary-link"

# Tab stops of the article, each with what it is; a term is what its stop defines (a glossary
# entry or an acronym's title), so a term met twice shows up as a repeated term.
TAB_STOPS = """() => {
  const article = document.querySelector("article.md-content__inner");
  const focusable = "a[href], button, input, select, textarea, summary, [tabindex]";
  return [...article.querySelectorAll(focusable)]
    .filter((el) => el.tabIndex >= 0 && el.getClientRects().length > 0)
    .map((el) => ({
      kind: el.matches("a.glossary-link") ? "glossary link" : el.localName === "abbr" ? "acronym" : "control",
      term: el.matches("a.glossary-link") ? el.hash : el.localName === "abbr" ? el.title : null,
    }));
}"""


def box_of(locator) -> dict:
    box = locator.bounding_box()
    assert box, "the element is not laid out"
    return box


def assert_on_screen(page, box: dict, what: str) -> None:
    width, height = page.evaluate("[document.documentElement.clientWidth, innerHeight]")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{what} runs off the side of the screen: {box}"
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"{what} runs off the screen: {box}"


def test_the_fan_out_article_has_one_tab_stop_per_term(hosted_site, make_probe):
    """432 tab stops before (89 acronyms, 29 for SNS alone). The budget: every control that is not a
    term (links, buttons, question summaries, scrollable code), plus one stop per distinct term."""
    probe = make_probe(hosted_site.base_url)
    page = probe.open(hosted_site.url(FAN_OUT))
    stops = page.evaluate(TAB_STOPS)
    terms = [stop["term"] for stop in stops if stop["term"]]
    controls = [stop for stop in stops if stop["kind"] == "control"]
    budget = len(controls) + len(set(terms))
    print(f"\nFan-out tab stops: {len(stops)} ({len(controls)} controls, {len(terms)} terms; budget {budget})")
    assert len(terms) == len(set(terms)), "a term is a tab stop more than once"
    assert len(stops) <= budget
    assert not [stop for stop in stops if stop["kind"] == "acronym"], "an acronym of a linked term is a tab stop"


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_glossary_links_are_quieter_than_real_links(hosted_site, make_probe, color_scheme):
    probe = make_probe(hosted_site.base_url, color_scheme=color_scheme, **LAPTOP)
    page = probe.open(hosted_site.url(FAN_OUT))
    style = """(el) => { const s = getComputedStyle(el), text = getComputedStyle(el.parentElement);
      return { color: s.color, text: text.color, line: s.textDecorationLine, style: s.textDecorationStyle }; }"""
    glossary = page.locator("article p > a.glossary-link").first.evaluate(style)
    real = page.locator("article :is(p, li) > a[href]:not(.glossary-link, .as-of)").first.evaluate(style)
    assert glossary["line"] == "underline" and glossary["style"] == "dotted", glossary
    assert glossary["color"] == glossary["text"], "a glossary link takes the colour of the text around it"
    assert real["style"] == "solid" and real["color"] != real["text"], real


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_a_definition_is_set_as_readable_selectable_text(hosted_site, make_probe, color_scheme):
    probe = make_probe(hosted_site.base_url, color_scheme=color_scheme, **LAPTOP)
    page = probe.open(hosted_site.url(FAN_OUT))
    link = page.locator(GLOSSARY_LINK).first
    title = link.get_attribute("title")
    link.hover()
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_have_text(title)
    style = tooltip.evaluate(
        "(el) => { const s = getComputedStyle(el); return [parseFloat(s.fontSize), s.fontWeight, s.userSelect]; }"
    )
    assert style[0] >= 12 and style[1] == "400" and style[2] == "text", style


@pytest.mark.parametrize("device", [LAPTOP, PHONE], ids=["1280-mouse", "390-touch"])
@pytest.mark.parametrize("where", ["top", "bottom"])
def test_a_tooltip_stays_on_screen_at_the_top_and_the_bottom(hosted_site, make_probe, device, where):
    probe = make_probe(hosted_site.base_url, **device)
    page = probe.open(hosted_site.url(FAN_OUT))
    link = page.locator(GLOSSARY_LINK).nth(3)
    # Bring the term just under the header, or just above the bottom edge of the screen.
    link.evaluate(
        """(el, where) => { const box = el.getBoundingClientRect();
          scrollBy(0, where === "top" ? box.top - 70 : box.bottom - (innerHeight - 12)); }""",
        where,
    )
    settle(page)
    if device is PHONE:
        link.tap()
    else:
        link.hover()
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_be_visible()
    assert_on_screen(page, box_of(tooltip), "the tooltip")
    link_box, tip_box = box_of(link), box_of(tooltip)
    # No part of the term is hidden: the tooltip sits below it, or above it near the bottom.
    assert tip_box["y"] >= link_box["y"] + link_box["height"] or tip_box["y"] + tip_box["height"] <= link_box["y"]
    assert page.url.endswith(FAN_OUT)


def test_a_tooltip_stays_open_while_the_pointer_moves_onto_it_and_closes_on_escape(hosted_site, make_probe):
    probe = make_probe(hosted_site.base_url, **LAPTOP)
    probe.page.clock.install()
    page = probe.open(hosted_site.url(FAN_OUT))
    link = page.locator(GLOSSARY_LINK).nth(2)
    link.hover()
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_be_visible()
    tip = box_of(tooltip)
    # Across the gap and onto the text, as a hand would move; then well past any closing delay.
    page.mouse.move(tip["x"] + tip["width"] / 2, tip["y"] + tip["height"] / 2, steps=12)
    page.clock.run_for(2_000)
    expect(tooltip).to_be_visible()
    page.keyboard.press("Escape")
    expect(tooltip).to_have_count(0)


def test_a_first_tap_on_a_glossary_link_shows_the_definition_with_a_way_to_the_entry(hosted_site, make_probe):
    probe = make_probe(hosted_site.base_url, **PHONE)
    page = probe.open(hosted_site.url(FAN_OUT))
    link = page.locator(GLOSSARY_LINK).first
    title = link.get_attribute("title")
    href = link.evaluate("(el) => el.href")
    link.scroll_into_view_if_needed()
    settle(page)
    link.tap()
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_contain_text(title)
    assert page.url.endswith(FAN_OUT), "the first tap jumped into the glossary"
    entry = tooltip.locator("a")
    expect(entry).to_have_attribute("href", href)
    assert box_of(entry)["height"] >= 44
    entry.tap()
    page.wait_for_url(href)


@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
def test_tapping_an_acronym_in_a_question_shows_it_and_keeps_the_answer_hidden(variant, request, make_probe):
    site = request.getfixturevalue(variant)
    probe = make_probe(site.allowed_prefix, **PHONE)
    page = probe.open(site.url(SELF_CHECK))
    acronym = page.locator("details:not([open]) > summary abbr").first
    question = acronym.locator("xpath=ancestor::details[1]")
    title = acronym.get_attribute("title")
    acronym.scroll_into_view_if_needed()
    settle(page)
    acronym.tap()
    expect(page.locator(TOOLTIP)).to_have_text(title)
    assert question.evaluate("(el) => el.open") is False, "the tap opened the question and showed its answer"
    assert probe.console_errors == [] and probe.blocked == []
