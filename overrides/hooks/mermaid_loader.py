"""Load Mermaid lazily on the pages mkdocs-mermaid2-plugin marked as having diagrams.

mermaid2 appends `<script src=".../mermaid.min.js">` to each page with a diagram. Run as is,
that 3.5 MB script is parsed and executed while the page loads, which delays everything
else on slow devices. This hook runs after mermaid2 and swaps that tag for the small loader
in docs/assets/javascripts/mermaid-loader.js, which keeps mermaid2's choice of page and of
library address (`data-mermaid-src`) and fetches the library when a diagram nears the screen.
"""

from __future__ import annotations

import posixpath
import re

from mkdocs.plugins import event_priority

LOADER = "assets/javascripts/mermaid-loader.js"
MERMAID_TAG = re.compile(r'<script src="(?P<src>[^"]*mermaid(?:\.min)?\.js)">\s*</script>')


def use_lazy_loader(html: str, page_url: str) -> str:
    """Replace mermaid2's script tag (if any) with the loader, relative to the page."""
    loader = posixpath.relpath(LOADER, posixpath.dirname(page_url) or ".")

    def swap(match: re.Match) -> str:
        return f'<script src="{loader}" data-mermaid-src="{match.group("src")}"></script>'

    return MERMAID_TAG.sub(swap, html, count=1)


# After mermaid2 (priority 0), which inserts the tag this hook replaces.
@event_priority(-50)
def on_post_page(output, page, config):
    return use_lazy_loader(output, page.url)
