"""Let mkdocs-mermaid2-plugin read a skeleton of each page instead of the whole page.

mermaid2's `on_post_page` parses every page that mentions "mermaid" with BeautifulSoup, counts
the diagram blocks, appends two script tags (the library and `window.mermaidConfig`) at the
end of <body>, and serialises the whole page again. That parse and serialisation were 37% of
the build at today's size and 57% at ten times the content, because each page also carries
the whole navigation, which grows with the site.

So, just before mermaid2, this hook keeps the page aside and hands mermaid2 a skeleton: the
page's diagram blocks and an end marker, nothing else. mermaid2 makes its usual decisions on it
(whether the page has diagrams, which scripts to add, with which library address and
configuration). Just after mermaid2, overrides/hooks/mermaid2_graft.py puts the page back with
what mermaid2 appended after the marker. The page itself is no longer re-serialised by
BeautifulSoup, so it stays as MkDocs and Material wrote it.

So a hook that edits pages in `on_post_page` runs after mermaid2_graft.py, at a priority below
-10: between the two, `output` is the skeleton, and an edit made to it is lost.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

DIAGRAM_BLOCK = re.compile(r'<pre\b[^>]*\bclass="[^"]*\bmermaid\b[^"]*"[^>]*>.*?</pre>', re.DOTALL)
# Must not contain "mermaid": mermaid2 skips, unparsed, a page without that word.
END_MARKER = '<i id="skeleton-end"></i>'

# Where the whole page waits on the MkDocs page object while mermaid2 reads the skeleton.
PAGE_ATTRIBUTE = "html_before_mermaid2"


class SkeletonError(ValueError):
    """mermaid2 did more to the skeleton than append after the marker."""


def skeleton(html: str) -> str:
    """The page reduced to what mermaid2 looks at: its diagram blocks, then the end marker."""
    return "<html><body>" + "".join(DIAGRAM_BLOCK.findall(html)) + END_MARKER + "</body></html>"


def graft(page: str, processed_skeleton: str) -> str:
    """The page with whatever mermaid2 appended to the skeleton inserted before its </body>."""
    marker = processed_skeleton.find(END_MARKER)
    body_end = processed_skeleton.rfind("</body>")
    if marker == -1 or body_end < marker:
        raise SkeletonError("mermaid2 moved or removed the end of the page skeleton")
    if len(DIAGRAM_BLOCK.findall(processed_skeleton[:marker])) != len(DIAGRAM_BLOCK.findall(page)):
        raise SkeletonError("mermaid2 changed the diagram blocks, which this hook would lose")
    appended = processed_skeleton[marker + len(END_MARKER) : body_end]
    if not appended.strip():
        return page
    page_end = page.rfind("</body>")
    return page[:page_end] + appended + page[page_end:]


# mermaid2's on_post_page runs at the default priority 0; mermaid2_graft.py right after it.
@event_priority(10)
def on_post_page(output, page, config):
    setattr(page, PAGE_ATTRIBUTE, output)
    return skeleton(output)
