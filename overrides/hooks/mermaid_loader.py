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


# Material's configuration, which comes right before its bundle.
MATERIAL_CONFIG = '<script id="__config"'


def use_lazy_loader(html: str, page_url: str) -> str:
    """Replace mermaid2's script tag (if any) with the loader, relative to the page.

    The loader goes before Material's bundle rather than where mermaid2 put the tag (after it):
    it then watches the diagrams from the first frame, and Mermaid downloads while Material's
    bundle sets up the page, instead of afterwards.
    """
    match = MERMAID_TAG.search(html)
    if match is None:
        return html
    loader = posixpath.relpath(LOADER, posixpath.dirname(page_url) or ".")
    tag = f'<script src="{loader}" data-mermaid-src="{match.group("src")}"></script>'
    html = html[: match.start()] + html[match.end() :]
    before = html.find(MATERIAL_CONFIG)
    if before == -1:  # not a Material page: where mermaid2 put it
        return html[: match.start()] + tag + html[match.start() :]
    return html[:before] + tag + "\n" + html[before:]


# After mermaid2 (priority 0), which inserts the tag this hook replaces.
@event_priority(-50)
def on_post_page(output, page, config):
    return use_lazy_loader(output, page.url)
