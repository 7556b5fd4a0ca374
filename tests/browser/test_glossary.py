"""Glossary in the browser: abbreviation tooltips open on hover, keyboard focus and tap, and a
"Used on" link of the glossary lands on a page that mentions the term."""

from __future__ import annotations

import re

import pytest
from devices import PHONE
from page_probes import settle
from playwright.sync_api import expect

TOOLTIP_PAGE = "reference/self-check/"  # questions from every page, with acronyms left unlinked
LINK_PAGE = "patterns/fan-out/"  # a page with many glossary links
ACTIVE_TOOLTIP = ".site-tooltip"
# A shown abbreviation in the text of the page (not in a closed answer, nor in the navigation).
CONTENT_ABBR = "article.md-content__inner abbr >> visible=true"


def first_abbr(page):
    abbr = page.locator(CONTENT_ABBR).first
    expect(abbr).to_have_attribute("tabindex", "0")
    title = abbr.get_attribute("title")
    assert title and " — " in title, "an abbreviation's tooltip reads 'expansion — definition'"
    return abbr, title


@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
def test_tooltip_opens_on_hover(variant, request, make_probe):
    site = request.getfixturevalue(variant)
    probe = make_probe(site.allowed_prefix)
    page = probe.open(site.url(TOOLTIP_PAGE))
    abbr, title = first_abbr(page)
    abbr.scroll_into_view_if_needed()
    probe.settle()
    abbr.hover()
    tooltip = page.locator(ACTIVE_TOOLTIP)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(title)
    page.mouse.move(0, 0)
    expect(tooltip).to_have_count(0, timeout=5_000)  # it closes again when the pointer leaves
    assert probe.console_errors == [] and probe.blocked == []


def test_tooltip_opens_on_keyboard_focus(hosted_site, make_probe):
    probe = make_probe(hosted_site.base_url)
    page = probe.open(hosted_site.url(TOOLTIP_PAGE))
    first_abbr(page)
    # Tab from the top of the page until the focus reaches an abbreviation of the text.
    page.locator("body").focus()
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('article abbr')"):
            break
    else:
        pytest.fail("the Tab key never reached an abbreviation")
    title = page.evaluate("() => document.activeElement.getAttribute('title') || ''")
    tooltip = page.locator(ACTIVE_TOOLTIP)
    # Tabbing passed glossary links, which have tooltips too: wait until only this one is open.
    expect(tooltip).to_have_count(1)
    expect(tooltip).to_be_visible()
    # The title moves into the tooltip while it is open (so the browser shows no second one).
    text = tooltip.inner_text()
    assert text and (not title or text == title)
    assert " — " in text
    page.evaluate("() => { window.__left = document.activeElement; }")
    page.keyboard.press("Tab")  # moving on closes it (the next stop may open its own)
    page.wait_for_function("() => !window.__left.hasAttribute('aria-describedby')")
    expect(tooltip).to_have_count(page.evaluate("() => document.activeElement.matches('[aria-describedby]') ? 1 : 0"))


def test_tooltip_opens_on_tap(hosted_site, browser):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(hosted_site.url(TOOLTIP_PAGE), wait_until="load")
        settle(page)
        abbr, title = first_abbr(page)
        abbr.scroll_into_view_if_needed()
        settle(page)
        abbr.tap()
        tooltip = page.locator(ACTIVE_TOOLTIP)
        expect(tooltip).to_be_visible()
        expect(tooltip).to_have_text(title)
    finally:
        context.close()


def test_a_used_on_link_lands_on_a_page_that_mentions_the_term(hosted_site, make_probe):
    probe = make_probe(hosted_site.base_url)
    page = probe.open(hosted_site.url("reference/glossary/") + "#sqs")
    entry = page.locator("h3#sqs")
    expect(entry).to_be_visible()
    # The entry's facts list follows its heading; take the first "Used on" link.
    used_on = page.locator("h3#sqs ~ ul").first.locator("li", has_text="Used on:").locator("a").first
    used_on.click()
    page.wait_for_load_state("load")
    assert "/reference/glossary/" not in page.url
    article = page.locator("article.md-content__inner").inner_text()
    assert re.search(r"\b(SQS|Simple Queue Service)\b", article), f"{page.url} does not mention SQS"


def test_first_mention_links_back_to_the_entry(hosted_site, make_probe):
    probe = make_probe(hosted_site.base_url)
    page = probe.open(hosted_site.url(LINK_PAGE))
    link = page.locator("article a.glossary-link", has_text=re.compile(r"^(Amazon )?SQS$")).first
    expect(link).to_have_count(1)
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/reference/glossary/#sqs") or page.url.endswith("/reference/glossary/#sqs-queue")
    expect(page.locator("h3#sqs")).to_be_visible()
