"""overrides/hooks/glossary_entries.py: each glossary entry is in its own box, which the stylesheet
lets a browser leave unlaid-out while it is off screen."""

from __future__ import annotations

import re

from glossary import load_glossary
from glossary_entries import ENTRY_CLASS, wrap_entries
from sites import REPO


def test_each_h3_and_what_follows_it_up_to_the_next_heading_is_one_entry():
    html = (
        '<p class="glossary-index">A B</p>\n'
        '<h2 id="letter-a">A</h2>\n'
        '<h3 id="alb">ALB</h3>\n<p>A load balancer.</p>\n<ul>\n<li>Related</li>\n</ul>\n'
        '<h3 id="arn">ARN</h3>\n<p>A name.</p>\n'
        '<h2 id="sources">Sources</h2>\n<p>End.</p>\n'
    )
    assert wrap_entries(html) == (
        '<p class="glossary-index">A B</p>\n'
        '<h2 id="letter-a">A</h2>\n'
        f'<div class="{ENTRY_CLASS}">\n<h3 id="alb">ALB</h3>\n<p>A load balancer.</p>\n'
        "<ul>\n<li>Related</li>\n</ul>\n</div>\n"
        f'<div class="{ENTRY_CLASS}">\n<h3 id="arn">ARN</h3>\n<p>A name.</p>\n</div>\n'
        '<h2 id="sources">Sources</h2>\n<p>End.</p>\n'
    )


def test_a_page_without_entries_is_unchanged():
    html = "<h2>Only</h2>\n<p>text</p>\n"
    assert wrap_entries(html) == html


def test_every_term_of_the_built_glossary_is_in_its_own_box_and_nothing_else_is(hosted_site):
    entries, problems = load_glossary(REPO / "docs/reference/glossary.yml")
    assert not problems
    html = (hosted_site.root / "reference/glossary/index.html").read_text(encoding="utf-8")
    boxed = re.findall(rf'<div class="{ENTRY_CLASS}">\s*<h3 id="([^"]+)"', html)
    assert sorted(boxed) == sorted(entry.id for entry in entries)
    assert html.count(f'class="{ENTRY_CLASS}"') == len(entries)
    # No letter heading, nor the sections after the entries, ends up inside a box.
    for box in re.findall(rf'<div class="{ENTRY_CLASS}">(.*?)</div>\s*(?=<div class="{ENTRY_CLASS}"|<h2)', html, re.S):
        assert "<h2" not in box
    other = (hosted_site.root / "patterns/fan-out/index.html").read_text(encoding="utf-8")
    assert ENTRY_CLASS not in other
