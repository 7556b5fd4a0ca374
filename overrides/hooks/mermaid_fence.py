"""Render ```mermaid fences with their source HTML-escaped.

mkdocs-mermaid2-plugin's `fence_mermaid_custom` writes the diagram source into the page
unescaped, so a label such as `a<br/>b` or `x < y` is eaten by the HTML parser before
Mermaid reads it. This hook replaces that formatter with an escaping one. The replacement
keeps the name `fence_mermaid_custom`, because that name is how mermaid2 recognises the
Material-style `<pre class="mermaid"><code>` markup and inserts its script on the page.
"""

from __future__ import annotations

import html

SUPERFENCES = "pymdownx.superfences"
MERMAID2_FENCE_NAME = "fence_mermaid_custom"


def escaped_mermaid_fence(source, language, css_class, options, md, classes=None, id_value="", **kwargs):
    """Format a diagram as <pre class="mermaid"><code>escaped source</code></pre>."""
    all_classes = css_class if classes is None else " ".join([*classes, css_class])
    id_attr = f' id="{html.escape(id_value)}"' if id_value else ""
    return f'<pre{id_attr} class="{all_classes}"><code>{html.escape(source)}\n</code></pre>'


escaped_mermaid_fence.__name__ = MERMAID2_FENCE_NAME


def use_escaped_fence(mdx_configs: dict) -> int:
    """Swap the formatter of every mermaid custom fence; return how many were swapped."""
    fences = mdx_configs.get(SUPERFENCES, {}).get("custom_fences", [])
    swapped = 0
    for fence in fences:
        if getattr(fence.get("format"), "__name__", "") == MERMAID2_FENCE_NAME:
            fence["format"] = escaped_mermaid_fence
            swapped += 1
    return swapped


def on_config(config):
    use_escaped_fence(config.mdx_configs)
    return config
