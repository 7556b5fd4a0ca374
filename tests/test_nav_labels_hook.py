"""overrides/hooks/nav_labels.py: each section of the navigation is a landmark with a name."""

from __future__ import annotations

import re

from nav_labels import name_section_toggles

# Material's markup for a section with an index page (navigation.indexes), as it writes it.
SECTION = """<div class="md-nav__link md-nav__container">
            <a href="../" class="md-nav__link ">
              <span class="md-ellipsis">
                Identity &amp; access
              </span>
            </a>
            <label class="md-nav__link " for="__nav_3" id="__nav_3_label" tabindex="">
              <span class="md-nav__icon md-icon"></span>
            </label>
          </div>
          <nav class="md-nav" data-md-level="1" aria-labelledby="__nav_3_label" aria-expanded="false">"""
NAV_LABEL = re.compile(r'<nav[^>]*aria-labelledby="(?P<id>[^"]+)"')


def label_name(html: str, label_id: str) -> str | None:
    """The accessible name of the element with this id: its aria-label, else its text."""
    match = re.search(rf'<(\w+)[^>]*id="{label_id}"(?P<attrs>[^>]*)>(?P<body>.*?)</\1>', html, re.DOTALL)
    if match is None:
        return None
    named = re.search(r'aria-label="([^"]*)"', match["attrs"])
    text = re.sub(r"<[^>]+>", "", match["body"]).strip()
    return named[1] if named else text


def test_a_section_toggle_is_named_after_its_section():
    named = name_section_toggles(SECTION)
    assert label_name(named, "__nav_3_label") == "Identity &amp; access section"
    assert label_name(SECTION, "__nav_3_label") == "", "Material's toggle has no name of its own"


def test_naming_twice_changes_nothing_and_other_labels_are_left_alone():
    once = name_section_toggles(SECTION)
    assert name_section_toggles(once) == once
    other = '<label class="md-nav__title" for="__nav_3">Identity</label>'
    assert name_section_toggles(other) == other


def test_every_navigation_landmark_of_the_built_site_has_a_name(hosted_site):
    unnamed = []
    for html_file in [hosted_site.root / "404.html", *sorted(hosted_site.root.rglob("index.html"))]:
        html = html_file.read_text(encoding="utf-8")
        relative = html_file.relative_to(hosted_site.root).as_posix()
        unnamed += [f"{relative}: {m['id']}" for m in NAV_LABEL.finditer(html) if not label_name(html, m["id"])]
    assert unnamed == []


def test_no_section_shares_its_name_with_a_heading_of_the_self_check_page(hosted_site):
    """The Self-check page has a heading per section, and Material names each nested list of
    its table of contents after one: a section's landmark must not read the same."""
    html = (hosted_site.root / "reference/self-check/index.html").read_text(encoding="utf-8")
    sections = {label_name(html, m["id"]) for m in NAV_LABEL.finditer(html)}
    toc_lists = set(re.findall(r'<nav class="md-nav" aria-label="([^"]+)"', html))
    assert "Serverless patterns" in toc_lists
    assert sections and not sections & toc_lists
