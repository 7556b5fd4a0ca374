"""A page that hides its table of contents does not carry it.

Material renders a page's table of contents twice, in the right sidebar and inside the
navigation drawer, and with `hide: [toc]` in the front matter it still writes both into the
HTML, only hidden. On the glossary, whose letter index replaces them, that is one link per
term twice over: 7 kB gzipped of the page's 110 kB budget that no reader sees.

The table of contents is emptied after the search plugin has read it (its index has one entry
per heading, taken from `page.toc`), so every term stays its own search result.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.toc import TableOfContents


def hides_toc(meta: dict) -> bool:
    hide = meta.get("hide") or []
    return "toc" in hide


# After the search plugin (priority 0), which indexes the page from its table of contents.
@event_priority(-100)
def on_page_context(context, page, config, nav):
    if hides_toc(page.meta):
        page.toc = TableOfContents([])
    return context
