"""Put the page back after mkdocs-mermaid2-plugin has read its skeleton (see mermaid2_skeleton.py).

Takes the page that mermaid2_skeleton.py kept aside and inserts before its </body> whatever
mermaid2 appended to the skeleton: the library's script tag and `window.mermaidConfig`.
"""

from __future__ import annotations

from mermaid2_skeleton import PAGE_ATTRIBUTE, graft
from mkdocs.plugins import event_priority


# Right after mermaid2 (priority 0), before the hooks that read the whole page again (print_page.py, -20).
@event_priority(-10)
def on_post_page(output, page, config):
    page_html = getattr(page, PAGE_ATTRIBUTE)
    delattr(page, PAGE_ATTRIBUTE)
    return graft(page_html, output)
