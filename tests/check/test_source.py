"""Reading Markdown like the site's extensions: front matter, headings, fence headers."""

from __future__ import annotations

import pytest
from docscheck.source import parse_fence_header, parse_page


@pytest.mark.parametrize(
    ("line", "ok", "lang"),
    [
        ("```yaml", True, "yaml"),
        ('```yaml title="a.yaml"', True, "yaml"),
        ('```yaml title="a.yaml" hl_lines="1 3"', True, "yaml"),
        ('``` { .yaml data-check="skip: why" }', True, "yaml"),
        ('```yaml { title="a.yaml" data-check="iam" }', True, "yaml"),
        ('```yaml title="a.yaml" data-check="skip"', False, "yaml"),
        ("```yaml linenums", False, "yaml"),
        ('```mermaid title="x"', False, "mermaid"),
        ('``` { .mermaid title="x" }', True, "mermaid"),
        ("~~~json", True, "json"),
    ],
)
def test_fence_headers_like_superfences(line, ok, lang):
    header = parse_fence_header(line)
    assert (header.ok, header.lang) == (ok, lang)


def test_attributes_in_braces():
    header = parse_fence_header('``` { .json #policy .wide data-check="iam-trust" title="t.json" }')
    assert header.lang == "json" and header.id == "policy" and header.classes == ["wide"]
    assert header.attrs == {"data-check": "iam-trust", "title": "t.json"}


def test_not_a_fence():
    assert parse_fence_header("text") is None


def test_page_front_matter_and_headings():
    page = parse_page("docs/x.md", "---\ntitle: T\n---\n\n# T\n\n## A { #a-id }\n\n```\n## no\n```\n")
    assert page.front_matter == {"title": "T"} and page.front_matter_end == 3
    assert [(h.line, h.level, h.text, h.id) for h in page.headings] == [(5, 1, "T", ""), (7, 2, "A", "a-id")]


def test_bad_front_matter():
    page = parse_page("docs/x.md", "---\ntitle: [unclosed\n---\n# T\n")
    assert page.front_matter is None and "not valid YAML" in page.front_matter_error


def test_an_unclosed_fence_is_found():
    page = parse_page("docs/x.md", "# T\n\n```yaml\na: 1\n")
    assert [(f.start, f.closed) for f in page.fences] == [(3, False)]
