"""Reading on a phone (390 px, touch) and on a desktop (1280 px), in both colour schemes: tables
and code that fit or say they scroll, content tabs whose labels all show, From the notes as
cards, the CodeDeploy hook order as lists, the self-check page's structure and its
show/hide-all buttons, whole dates, the badge icon, the page titles and the 404 page."""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pytest
from devices import LAPTOP, PHONE
from PIL import Image, ImageStat
from sites import html_pages

SCHEMES = ["light", "dark"]
LISTED_PAGES = [
    "",
    "reference/from-the-notes/",
    "patterns/fan-out/",
    "delivery/codedeploy/",
    "reference/glossary/",
    "reference/self-check/",
]
NOTES = "reference/from-the-notes/"
CODEDEPLOY = "delivery/codedeploy/"
SELF_CHECK = "reference/self-check/"


def open_page(make_probe, site, path, scheme="light", device=PHONE):
    probe = make_probe(site.base_url, color_scheme=scheme, **device)
    return probe.open(site.url(path))


# ----- wide tables and code blocks ---------------------------------------------------------------

# Every table or code block whose content reaches past its visible box (padding at the end of
# the scrolled content hides nothing, so it does not count).
OVERFLOWING = """() => [...document.querySelectorAll(".md-typeset .md-typeset__scrollwrap, .md-typeset pre > code")]
  .map((el, index) => {
    if (el.tagName !== "CODE") {
      const table = el.querySelector("table").getBoundingClientRect();
      return { index, hides: table.right > el.getBoundingClientRect().right + 1 };
    }
    return { index, hides: el.scrollWidth - parseFloat(getComputedStyle(el).paddingRight) > el.clientWidth + 1 };
  })
  .filter((region) => region.hides)
  .map((region) => region.index)"""
REGIONS = ".md-typeset .md-typeset__scrollwrap, .md-typeset pre > code"
# Text, icons and the copy button out of the way: only what the region itself paints remains.
HIDE_CONTENT = """
.md-typeset__scrollwrap *, .md-typeset pre > code, .md-typeset pre > code * {
  color: transparent !important; text-shadow: none !important; fill: transparent !important;
  text-decoration-color: transparent !important;
}
.md-clipboard { visibility: hidden !important; }
"""
EDGE = 4  # px at each side of the region that are compared


def edge_brightness(page, index: int) -> tuple[float, float]:
    """Mean brightness of the left and right edge strips (middle half of the height)."""
    region = page.locator(REGIONS).nth(index)
    region.scroll_into_view_if_needed()
    box = region.bounding_box()
    shot = Image.open(io.BytesIO(region.screenshot())).convert("L")
    width, height = shot.size
    top, bottom = height // 4, max(height * 3 // 4, height // 4 + 1)
    left = ImageStat.Stat(shot.crop((0, top, EDGE, bottom))).mean[0]
    right = ImageStat.Stat(shot.crop((width - EDGE, top, width, bottom))).mean[0]
    assert box["width"] > 0
    return left, right


@pytest.mark.parametrize("scheme", SCHEMES)
def test_nothing_on_the_listed_pages_is_wider_than_a_phone_without_saying_it_scrolls(hosted_site, make_probe, scheme):
    """A region wider than the screen shows a shadow at the edge where more is hidden: at the
    right before it is scrolled, at the left once it is scrolled to the end."""
    problems, measured = [], 0
    for path in LISTED_PAGES:
        page = open_page(make_probe, hosted_site, path, scheme)
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth"), (
            f"{path}: the page scrolls sideways"
        )
        page.add_style_tag(content=HIDE_CONTENT)
        for index in page.evaluate(OVERFLOWING):
            measured += 1
            left, right = edge_brightness(page, index)
            if abs(right - left) < 3:
                problems.append(f"{path} region {index}: no shadow at the right edge ({left:.0f} vs {right:.0f})")
            page.locator(REGIONS).nth(index).evaluate("(el) => { el.scrollLeft = el.scrollWidth; }")
            left, right = edge_brightness(page, index)
            if abs(right - left) < 3:
                problems.append(f"{path} region {index}: no shadow at the left edge once scrolled")
    assert measured > 0, "no wide region on the listed pages: the test measured nothing"
    assert problems == []


# ----- From the notes as cards -------------------------------------------------------------------

CARDS = """() => [...document.querySelectorAll("table[data-layout=cards] tbody tr")].map((row) =>
  [...row.cells].map((cell) => {
    const box = cell.getBoundingClientRect();
    const label = getComputedStyle(cell, "::before").content;
    return { label: cell.dataset.label, shown: label, top: Math.round(box.top),
             left: Math.round(box.left), right: Math.round(box.right), height: Math.round(box.height) };
  }))"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_from_the_notes_reads_as_one_card_per_statement_on_a_phone(hosted_site, make_probe, scheme):
    page = open_page(make_probe, hosted_site, NOTES, scheme)
    rows = page.evaluate(CARDS)
    claims = [row for row in rows if row[0]["label"] == "#"]
    assert len(claims) >= 50
    assert page.evaluate("document.querySelector('table[data-layout=cards] thead').getBoundingClientRect().height") <= 1
    for cells in rows:
        for cell in cells:
            assert cell["left"] >= 0 and cell["right"] <= 390, f"a cell leaves the screen: {cell}"
            assert cell["shown"].startswith(f'"{cell["label"]}"'), f"a cell does not show its label: {cell}"
    for cells in claims:
        by_label = {cell["label"]: cell for cell in cells}
        order = ["The notes say (in our words)", "Verdict", "Why", "Covered in"]
        tops = [by_label[label]["top"] for label in order]
        assert tops == sorted(tops), f"card {by_label['#']} does not read claim, verdict, why, where"
        # The claim gets the width of the card, not a 100 px column: a few lines, not a tower.
        assert by_label["The notes say (in our words)"]["height"] < 160


def test_from_the_notes_stays_a_table_on_a_desktop(hosted_site, make_probe):
    page = open_page(make_probe, hosted_site, NOTES, device=LAPTOP)
    row = page.locator("table[data-layout=cards] tbody tr").first
    assert row.evaluate("(r) => getComputedStyle(r).display") == "table-row"
    assert page.locator("table[data-layout=cards] thead th").first.is_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")


# Where each line of a code element ends: the character before each break.
CODE_BREAKS = """() => {
  const breaks = [];
  for (const code of document.querySelectorAll(".md-typeset td code")) {
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    let previous = null, node;
    while ((node = walker.nextNode())) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        if (previous && rect.top > previous.top + 2) breaks.push({ code: code.textContent, after: previous.char });
        previous = { top: rect.top, char: node.data[i] };
      }
    }
  }
  return breaks;
}"""


@pytest.mark.parametrize("path", [NOTES, "patterns/fan-out/", CODEDEPLOY])
def test_inline_code_in_a_table_breaks_only_after_a_separator(hosted_site, make_probe, path):
    page = open_page(make_probe, hosted_site, path)
    breaks = page.evaluate(CODE_BREAKS)
    assert [b for b in breaks if b["after"] not in ".:/_=- "] == []


# ----- CodeDeploy hook order ----------------------------------------------------------------------

HOOK_LISTS = """() => {
  const lists = [];
  for (let el = document.getElementById("hooks").nextElementSibling; el && !/^H[1-3]$/.test(el.tagName);
       el = el.nextElementSibling) {
    if (el.tagName === "OL") lists.push([...el.children].map((li) => li.textContent.trim()));
    if (el.tagName === "FIGURE") break;
  }
  return lists;
}"""
EC2_ORDER = [
    "BeforeBlockTraffic", "BlockTraffic *", "AfterBlockTraffic", "ApplicationStop", "DownloadBundle *",
    "BeforeInstall", "Install *", "AfterInstall", "ApplicationStart", "ValidateService",
    "BeforeAllowTraffic", "AllowTraffic *", "AfterAllowTraffic",
]  # fmt: skip
LAMBDA_ORDER = ["BeforeAllowTraffic", "AllowTraffic *", "AfterAllowTraffic"]
ECS_ORDER = [
    "BeforeInstall", "Install *", "AfterInstall", "TestTraffic *", "AfterAllowTestTraffic",
    "BeforeAllowTraffic", "AllowTraffic *", "AfterAllowTraffic",
]  # fmt: skip


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_codedeploy_hook_order_is_a_numbered_list_per_platform_that_fits_a_phone(hosted_site, make_probe, scheme):
    page = open_page(make_probe, hosted_site, CODEDEPLOY, scheme)
    assert page.evaluate(HOOK_LISTS) == [EC2_ORDER, LAMBDA_ORDER, ECS_ORDER]
    widest = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('#hooks ~ ol li')].map((li) => li.scrollWidth))"
    )
    assert widest <= 390
    heading = page.locator("#hooks").inner_text()
    first_sentence = page.locator("#hooks + p").inner_text()
    assert "AppSpec" in heading and "appspec.yml" in first_sentence


def test_search_for_appspec_hooks_leads_to_the_hook_order_with_no_term_missing(hosted_site, make_probe):
    page = open_page(make_probe, hosted_site, "", device=LAPTOP)
    page.locator("input.md-search__input").click()
    page.keyboard.type("appspec hooks")
    first = page.locator(".md-search-result__item").first
    first.locator('a[href*="delivery/codedeploy/"][href$="#hooks"]').wait_for(state="attached", timeout=10_000)
    section = first.locator('a[href$="#hooks"]')
    assert "Missing" not in section.inner_text()


# ----- Content tabs -------------------------------------------------------------------------------

TAB_SETS = """() => [...document.querySelectorAll(".md-typeset .tabbed-set")].map((set) => {
  const row = set.querySelector(":scope > .tabbed-labels");
  const labels = [...row.children].map((label) => {
    const box = label.getBoundingClientRect();
    return { text: label.textContent.trim(), left: box.left, right: box.right };
  });
  return { overflow: row.scrollWidth - row.clientWidth, width: innerWidth, labels };
})"""
# Per label of the set: whether its bottom border is drawn, and in which colour.
TAB_MARKS = """(setIndex) => {
  const set = document.querySelectorAll(".md-typeset .tabbed-set")[setIndex];
  return [...set.querySelector(":scope > .tabbed-labels").children].map((label) => {
    const style = getComputedStyle(label);
    const drawn = parseFloat(style.borderBottomWidth) >= 1 && !/rgba\\(.*, 0\\)$/.test(style.borderBottomColor);
    return drawn ? style.borderBottomColor : null;
  });
}"""
SHOWN_PANEL = """(setIndex) => {
  const set = document.querySelectorAll(".md-typeset .tabbed-set")[setIndex];
  return [...set.querySelectorAll(":scope > .tabbed-content > .tabbed-block")]
    .findIndex((block) => block.getBoundingClientRect().height > 0);
}"""


def pages_with_tabs(site_root) -> list[str]:
    return [
        page.relative_to(site_root).as_posix().removesuffix("index.html")
        for page in html_pages(site_root)
        if 'class="tabbed-set' in page.read_text(encoding="utf-8")
    ]


def test_the_site_has_content_tabs_to_test(hosted_site):
    """The tests below loop over the pages with tabs; the home page's "Where to start" has some."""
    assert "" in pages_with_tabs(hosted_site.root)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_content_tabs_show_every_label_on_a_phone_and_underline_the_chosen_one(hosted_site, make_probe, scheme):
    """No label row scrolls sideways (a hidden choice, and a region no keyboard reaches); a tap
    on a label shows its panel and moves the underline, the mark that is not colour alone."""
    problems = []
    for path in pages_with_tabs(hosted_site.root):
        page = open_page(make_probe, hosted_site, path, scheme)
        for set_index, tab_set in enumerate(page.evaluate(TAB_SETS)):
            where = f"{path or 'home'} tab set {set_index + 1}"
            if tab_set["overflow"] > 0:
                problems.append(f"{where}: the labels scroll by {tab_set['overflow']} px")
            problems += [
                f"{where}: {label['text']!r} reaches past the screen"
                for label in tab_set["labels"]
                if label["left"] < 0 or label["right"] > tab_set["width"]
            ]
            labels = page.locator(".md-typeset .tabbed-set").nth(set_index).locator(":scope > .tabbed-labels > label")
            for tab_index in reversed(range(labels.count())):
                labels.nth(tab_index).tap()
                marks = page.evaluate(TAB_MARKS, set_index)
                underlined = [i for i, mark in enumerate(marks) if mark]
                if underlined != [tab_index] or page.evaluate(SHOWN_PANEL, set_index) != tab_index:
                    problems.append(f"{where}: after tapping tab {tab_index + 1}, underlined {underlined}")
    assert problems == []


def test_the_chosen_tab_turns_the_accent_colour_under_keyboard_focus(hosted_site, make_probe):
    """Material coloured its sliding underline on focus; the label's own underline does it now."""
    page = open_page(make_probe, hosted_site, "", device=LAPTOP)
    resting = page.evaluate(TAB_MARKS, 0)
    page.locator(".md-typeset .tabbed-set").first.locator(":scope > input").first.focus()
    page.keyboard.press("ArrowRight")
    focused = page.evaluate(TAB_MARKS, 0)
    assert page.evaluate(SHOWN_PANEL, 0) == 1
    assert focused[1] and focused[1] != resting[0], "the focused tab looks like a resting one"
    page.evaluate("document.activeElement.blur()")
    assert page.evaluate(TAB_MARKS, 0)[1] == resting[0]


# ----- Self-check ---------------------------------------------------------------------------------

HEADINGS = """() => [...document.querySelectorAll(".md-content h2, .md-content h3")].map((h) =>
  ({ level: h.tagName, text: h.textContent.replace("¶", "").trim() }))"""
TOC = """() => [...document.querySelectorAll(".md-sidebar--secondary .md-nav__link[href^='#']")]
  .map((a) => a.getAttribute("href"))"""
DETAILS_OPEN = """() => [...document.querySelectorAll(".md-content details.question")].map((d) => d.open)"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_self_check_headings_do_not_repeat_and_the_contents_list_each_page_once(hosted_site, make_probe, scheme):
    page = open_page(make_probe, hosted_site, SELF_CHECK, scheme, device=LAPTOP)
    headings = page.evaluate(HEADINGS)
    texts = [h["text"] for h in headings]
    assert all(a != b for a, b in zip(texts, texts[1:], strict=False)), texts
    assert "AWS Practice Notes" not in texts and "From AWS Practice Notes." not in page.inner_text(".md-content")
    toc = page.evaluate(TOC)
    assert len(toc) == len(set(toc)), "the table of contents lists an entry twice"
    question_groups = [h for h in headings if h["text"] != "Self-check"]
    assert len(toc) == len(question_groups)


@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
@pytest.mark.parametrize("scheme", SCHEMES)
def test_self_check_answers_open_and_close_all_at_once_by_touch_and_keyboard(variant, scheme, request, make_probe):
    site = request.getfixturevalue(variant)
    probe = make_probe(site.allowed_prefix, color_scheme=scheme, **PHONE)
    page = probe.open(site.url(SELF_CHECK))
    show = page.get_by_role("button", name="Show all answers")
    hide = page.get_by_role("button", name="Hide all answers")
    for button in (show, hide):
        box = button.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
    opened = page.evaluate(DETAILS_OPEN)
    assert len(opened) >= 90 and not any(opened)
    show.tap()
    assert all(page.evaluate(DETAILS_OPEN))
    hide.focus()
    page.keyboard.press("Enter")
    assert not any(page.evaluate(DETAILS_OPEN))
    assert probe.console_errors == []


def test_without_javascript_the_self_check_page_shows_no_dead_buttons(hosted_site, make_probe):
    probe = make_probe(hosted_site.base_url, java_script_enabled=False, **PHONE)
    page = probe.page
    # Not probe.open(): with the page's JavaScript off, no animation frame ever comes to settle on.
    page.goto(hosted_site.url(SELF_CHECK), wait_until="load")
    assert page.locator(".self-check-controls").count() == 1
    assert not page.locator(".self-check-controls").is_visible()


# ----- Dates, badge, titles, 404 -------------------------------------------------------------------

DATES = """() => {
  const block = document.querySelector(".page-dates");
  const lineHeight = parseFloat(getComputedStyle(block).lineHeight);
  return { lines: Math.round(block.getBoundingClientRect().height / lineHeight),
           pieces: [...block.querySelectorAll("time")].map((t) => t.getClientRects().length),
           text: block.textContent.replace(/\\s+/g, " ").trim() };
}"""


@pytest.mark.parametrize("path", ["patterns/fan-out/", CODEDEPLOY, SELF_CHECK])
def test_a_page_ends_with_one_short_line_of_whole_dates(hosted_site, make_probe, path):
    page = open_page(make_probe, hosted_site, path)
    dates = page.evaluate(DATES)
    assert dates["pieces"] and all(pieces == 1 for pieces in dates["pieces"]), dates
    assert dates["lines"] == 1, dates
    assert re.fullmatch(r"Facts reviewed \d{4}-\d\d-\d\d( · updated \d{4}-\d\d-\d\d)?", dates["text"]), dates
    assert "Last reviewed:" not in page.inner_text(".md-content")


BADGE_ICON = """() => {
  const style = getComputedStyle(document.querySelector("a.as-of"), "::before");
  return { content: style.content, mask: style.maskImage || style.webkitMaskImage, width: parseFloat(style.width) };
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_as_of_badge_draws_the_sites_calendar_icon_not_an_emoji(hosted_site, make_probe, scheme):
    page = open_page(make_probe, hosted_site, CODEDEPLOY, scheme)
    icon = page.evaluate(BADGE_ICON)
    assert icon["content"] in ('""', "none"), icon
    assert "svg" in icon["mask"] and icon["width"] > 8, icon


def test_the_home_page_title_names_the_site_once(hosted_site, make_probe):
    page = open_page(make_probe, hosted_site, "", device=LAPTOP)
    assert page.title() == "AWS Practice Notes"
    page = open_page(make_probe, hosted_site, "patterns/fan-out/", device=LAPTOP)
    assert page.title() == "Fan-out - AWS Practice Notes"


@pytest.mark.parametrize("device, hint_shown", [(PHONE, False), (LAPTOP, True)])
def test_the_404_page_links_home_on_the_serving_host_and_names_the_shortcut_only_with_a_keyboard(
    hosted_site, make_probe, device, hint_shown
):
    page = open_page(make_probe, hosted_site, "404.html", device=device)
    href = page.get_by_role("link", name="Go to the home page").get_attribute("href")
    assert href == urlsplit(hosted_site.base_url).path
    assert page.locator(".keyboard-hint").is_visible() is hint_shown
    assert "Search for the topic with the search at the top of the page" in page.inner_text(".md-content")
