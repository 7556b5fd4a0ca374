"""A reader who opens a search result sees the searched terms marked on the page, in the hosted
and the offline build, while a reader who never searches downloads no search index."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

PAGE = "patterns/fan-out/"
TERMS = "fan out"  # as Material writes them into a result's address: ?h=fan+out
INDEX_REQUEST = ("search/search_index.json", "search/search_index.js", "/workers/search")


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
def test_a_page_opened_from_a_search_result_marks_the_terms(variant, color_scheme, request, make_probe):
    site = request.getfixturevalue(variant)
    probe = make_probe(site.allowed_prefix, color_scheme=color_scheme)
    page = probe.open(site.url(PAGE) + "?h=" + TERMS.replace(" ", "+"))
    marks = page.locator("article.md-content__inner mark")
    expect(marks.first).to_be_visible(timeout=10_000)
    words = {word.casefold() for text in marks.all_inner_texts() for word in re.split(r"[\s-]+", text) if word}
    assert words == {"fan", "out"}, f"marked: {words}"
    assert probe.console_errors == [] and probe.blocked == []


def test_a_plain_visit_downloads_no_search_index(hosted_site, make_probe):
    probe = make_probe(hosted_site.base_url)
    page = probe.open(hosted_site.url(PAGE))
    page.wait_for_load_state("networkidle")
    assert not [url for url in probe.requested if url.endswith(INDEX_REQUEST) or INDEX_REQUEST[2] in url]
    expect(page.locator("article.md-content__inner mark")).to_have_count(0)
