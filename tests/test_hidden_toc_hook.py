"""overrides/hooks/hidden_toc.py: a page that hides its table of contents does not send it,
and search still finds each of its sections."""

from __future__ import annotations

import json
import re

from hidden_toc import hides_toc

HEADING_ID = re.compile(r'<h[23] id="(?P<id>[^"]+)"')
TOC_LINK = re.compile(r'<a href="#[^"]+" class="md-nav__link">')


def test_only_pages_that_hide_their_toc_are_changed():
    assert hides_toc({"hide": ["toc"]})
    assert hides_toc({"hide": ["navigation", "toc"]})
    assert not hides_toc({"hide": ["navigation"]})
    assert not hides_toc({"hide": None})
    assert not hides_toc({})


def test_the_glossary_sends_no_hidden_toc_and_each_term_is_still_a_search_result(hosted_site):
    glossary = (hosted_site.root / "reference/glossary/index.html").read_text(encoding="utf-8")
    assert TOC_LINK.findall(glossary) == []
    index = json.loads((hosted_site.root / "search/search_index.json").read_text(encoding="utf-8"))
    indexed = {entry["location"] for entry in index["docs"]}
    headings = HEADING_ID.findall(glossary)
    assert len(headings) > 100
    assert [anchor for anchor in headings if f"reference/glossary/#{anchor}" not in indexed] == []
    # A page that keeps its table of contents still sends it.
    fan_out = (hosted_site.root / "patterns/fan-out/index.html").read_text(encoding="utf-8")
    assert len(TOC_LINK.findall(fan_out)) > 5
