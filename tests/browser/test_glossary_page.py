"""The glossary page (about 64,000 px tall on a phone, its table of contents hidden): the letter
index stays within reach wherever the reader is, its letters are targets a thumb can hit, and
lines stay short enough to read on a laptop."""

from __future__ import annotations

import pytest
from devices import LAPTOP, PHONE
from page_probes import settle
from playwright.sync_api import expect

GLOSSARY = "reference/glossary/"
LETTERS = "article .glossary-index a"
MAX_CHARACTERS_PER_LINE = 90

# The longest line, in characters, of the definitions on the page (each character's box tells
# which line it sits on; collapsed white space has no width).
LONGEST_LINE = """() => {
  let longest = 0;
  for (const paragraph of document.querySelectorAll("article .glossary-entry > h3 ~ p")) {
    const lines = new Map();
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (box && box.width > 0) lines.set(Math.round(box.bottom), (lines.get(Math.round(box.bottom)) || 0) + 1);
      }
    }
    for (const count of lines.values()) longest = Math.max(longest, count);
  }
  return longest;
}"""

# Whether a reader's tap at the centre of the element lands on it (nothing covers it).
HIT = """(el) => { const box = el.getBoundingClientRect();
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return top !== null && el.contains(top); }"""


@pytest.mark.parametrize(("device", "minimum"), [(LAPTOP, 24), (PHONE, 44)], ids=["1280-mouse", "390-touch"])
def test_every_letter_is_a_target_of_the_minimum_size(hosted_site, make_probe, device, minimum):
    probe = make_probe(hosted_site.base_url, **device)
    page = probe.open(hosted_site.url(GLOSSARY))
    letters = page.locator(LETTERS)
    assert letters.count() >= 10
    sizes = letters.evaluate_all("(links) => links.map((a) => [a.textContent, a.offsetWidth, a.offsetHeight])")
    small = [size for size in sizes if size[1] < minimum or size[2] < minimum]
    assert not small, f"letters under {minimum} x {minimum} px: {small}"


@pytest.mark.parametrize("device", [LAPTOP, PHONE], ids=["1280-mouse", "390-touch"])
def test_the_letter_index_is_within_reach_anywhere_on_the_page(hosted_site, make_probe, device):
    probe = make_probe(hosted_site.base_url, **device)
    page = probe.open(hosted_site.url(GLOSSARY))
    page.evaluate("() => scrollTo(0, document.documentElement.scrollHeight / 2)")
    settle(page)
    letters = page.locator(LETTERS)
    index = page.locator("article .glossary-index")
    box = index.bounding_box()
    top_of_screen = page.viewport_size["height"] / 4
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= top_of_screen, f"the index is not at hand: {box}"
    # Every letter can be brought to hand (on a phone the row scrolls sideways) and hit.
    last = letters.last
    index.evaluate("(el) => { el.scrollLeft = el.scrollWidth; }")
    assert last.evaluate(HIT), "the last letter is covered or off screen"
    letter = last.inner_text().strip()
    if device is PHONE:
        last.tap()
    else:
        last.click()
    heading = page.locator(f"h2#letter-{letter.lower()}")
    expect(heading).to_be_in_viewport()
    settle(page)
    # The heading jumped to is not hidden under the header and the sticky index.
    index_box, heading_box = index.bounding_box(), heading.bounding_box()
    assert heading_box["y"] >= index_box["y"] + index_box["height"] - 1, (heading_box, index_box)
    assert (
        index.evaluate("(el) => el.getBoundingClientRect().top")
        >= page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().bottom") - 1
    )


@pytest.mark.parametrize("width", [1280, 1600])
def test_lines_of_the_glossary_stay_readable_on_a_laptop(hosted_site, make_probe, width):
    probe = make_probe(hosted_site.base_url, viewport={"width": width, "height": 800})
    page = probe.open(hosted_site.url(GLOSSARY))
    longest = page.evaluate(LONGEST_LINE)
    print(f"\nglossary at {width} px: longest line {longest} characters")
    assert 40 < longest <= MAX_CHARACTERS_PER_LINE


# Entries off screen are not laid out until needed (glossary.ENTRY_CLASS): a link to a term far
# down the page must still land on it, below the header and the letter index.
@pytest.mark.parametrize("device", [LAPTOP, PHONE], ids=["1280-mouse", "390-touch"])
@pytest.mark.parametrize("term", ["sqs", "weighted-routing"])
def test_a_link_to_a_term_lands_on_its_entry(hosted_site, make_probe, device, term):
    probe = make_probe(hosted_site.base_url, **device)
    page = probe.open(hosted_site.url(f"{GLOSSARY}#{term}"))
    heading = page.locator(f"h3#{term}")
    expect(heading).to_be_in_viewport()
    settle(page)
    index_box, heading_box = page.locator("article .glossary-index").bounding_box(), heading.bounding_box()
    assert heading_box["y"] >= index_box["y"] + index_box["height"] - 1, (heading_box, index_box)
    assert heading_box["y"] < page.viewport_size["height"] / 2, f"{term} lands low on the screen: {heading_box}"
    expect(page.locator(f".glossary-entry:has(> h3#{term}) > p").first).to_be_in_viewport()
