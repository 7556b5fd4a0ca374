"""Every section of the site navigation has a name that a screen reader can announce.

With `navigation.indexes`, Material writes a section that has its own index page as a link
(the section's title) followed by an icon-only toggle, the `<label>` that opens the section,
and names the section's `<nav>` after that toggle (`aria-labelledby`). The toggle holds no
text, so each section's navigation landmark has an empty name: a screen reader's landmark
list reads "navigation" once per section, and axe reports landmarks it cannot tell apart
(`landmark-unique`). The toggle gets an `aria-label`, which names both the toggle and the
landmark: the section's title and the word "section", since a page's table of contents names
its own nested lists after its headings, and the Self-check page has a heading per section.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

SECTION_TOGGLE = re.compile(
    r'(?P<link><a href="[^"]*" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*'
    r"(?P<title>[^<]*?)\s*</span>\s*</a>\s*"
    r'<label class="md-nav__link[^"]*" for="(?P<toggle>__nav_[\d_]+)" id="(?P=toggle)_label")'
    r"(?![^>]*aria-label=)"
)


def name_section_toggles(html: str) -> str:
    """The page with each icon-only section toggle named after the section (its title is
    already escaped for HTML, so it goes into the attribute as it is)."""
    return SECTION_TOGGLE.sub(lambda match: f'{match["link"]} aria-label="{match["title"]} section"', html)


# After mermaid2_graft.py (-10): from mermaid2_skeleton.py (10) until then, `output` is only a
# skeleton of the page, and an edit made to it is lost.
@event_priority(-15)
def on_post_page(output: str, page, config) -> str:
    return name_section_toggles(output)


# The 404 page is a static template, not a page: it has the same navigation.
def on_post_template(output_content: str, template_name: str, config) -> str:
    return name_section_toggles(output_content) if template_name.endswith(".html") else output_content
