"""Links and anchors in the built HTML, and unresolved reference-style links."""

from __future__ import annotations

from pathlib import Path

import pytest
from docscheck.html_links import Site, classify, parse_html, resolve, strip_relative

from check.harness import cases_for, check_case


@pytest.mark.parametrize("case", cases_for("html-links", "reference-links"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


def test_parse_html_collects_ids_links_and_text_outside_code():
    page = parse_html(
        '<h2 id="a">A</h2><a name="old"></a><img src="x.png" srcset="y.png 2x, z.png 3x">'
        "<p>[t][r]</p><code>[c][d]</code>"
    )
    assert page.ids == {"a", "old"}
    assert [link.url for link in page.links] == ["x.png", "y.png", "z.png"]
    assert [text for _, text in page.texts] == ["[t][r]"]


def test_classify():
    site_url = "https://example.com/notes/"
    assert classify("https://example.com/notes/a/", site_url) == ("internal", "a/")
    assert classify("https://docs.aws.amazon.com/", site_url) == ("external", "https://docs.aws.amazon.com/")
    assert classify("/notes/a/", site_url) == ("internal", "a/")
    assert classify("mailto:x@example.com", site_url)[0] == "skip"
    assert classify("../a/", site_url) == ("relative", "../a/")


def test_resolve(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<h1 id='t'>t</h1>")
    (tmp_path / "index.html").write_text("")
    site = Site(tmp_path, {}, "https://example.com/")
    assert resolve(site, "b/index.html", "../a/#t") == ("a/index.html", "t", "")
    assert resolve(site, "index.html", "#top") == ("index.html", "top", "")
    assert resolve(site, "index.html", "missing/")[2].startswith("link 'missing/' leads to no file")
    assert "outside the site" in resolve(site, "index.html", "../../x")[2]


def test_strip_relative():
    assert strip_relative("../../help/") == "help/"
    assert strip_relative("./x") == "x"
