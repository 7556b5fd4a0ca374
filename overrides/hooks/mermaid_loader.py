"""Load Mermaid lazily on the pages mkdocs-mermaid2-plugin marked as having diagrams.

mermaid2 appends `<script src=".../mermaid.min.js">` to each page with a diagram. Run as is,
that 3.5 MB script is parsed and executed while the page loads, which delays everything
else on slow devices. This hook runs after mermaid2 and swaps that tag for the small loader
in docs/assets/javascripts/mermaid-loader.js, which keeps mermaid2's choice of page and of
library address (`data-mermaid-src`) and fetches the library when a diagram nears the screen.
In the hosted build the loader is also given the address of Mermaid's ES-module build
(`data-mermaid-esm`, served by vendor_assets.py), which it prefers over http(s).
"""

from __future__ import annotations

import posixpath
import re

from mkdocs.plugins import event_priority
from vendor_assets import MERMAID_ESM, is_offline_build

LOADER = "assets/javascripts/mermaid-loader.js"
MERMAID_TAG = re.compile(r'<script src="(?P<src>[^"]*mermaid(?:\.min)?\.js)">\s*</script>')


# Material's configuration, which comes right before its bundle.
MATERIAL_CONFIG = '<script id="__config"'


def use_lazy_loader(html: str, page_url: str, esm: str | None = None) -> str:
    """Replace mermaid2's script tag (if any) with the loader, relative to the page.

    `esm` is the site path of Mermaid's ES-module build, when the site serves it.

    The loader goes before Material's bundle rather than where mermaid2 put the tag (after it):
    it then watches the diagrams from the first frame, and Mermaid downloads while Material's
    bundle sets up the page, instead of afterwards.
    """
    match = MERMAID_TAG.search(html)
    if match is None:
        return html
    page_dir = posixpath.dirname(page_url) or "."
    loader = posixpath.relpath(LOADER, page_dir)
    module = f' data-mermaid-esm="{posixpath.relpath(esm, page_dir)}"' if esm else ""
    tag = f'<script src="{loader}" data-mermaid-src="{match.group("src")}"{module}></script>'
    html = html[: match.start()] + html[match.end() :]
    before = html.find(MATERIAL_CONFIG)
    if before == -1:  # not a Material page: where mermaid2 put it
        return html[: match.start()] + tag + html[match.start() :]
    return html[:before] + tag + "\n" + html[before:]


# After mermaid2 (priority 0), which inserts the tag this hook replaces.
@event_priority(-50)
def on_post_page(output, page, config):
    return use_lazy_loader(output, page.url, None if is_offline_build(config) else MERMAID_ESM)
