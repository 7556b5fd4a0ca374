"""How a drawn diagram appears in a published page: pure functions over HTML strings.

Each diagram is a figure holding its SVG in a region that scrolls sideways when the diagram
is wider than the column (the site shows it at natural size, or scaled down to MIN_SCALE of
it, never less). The figure is marked `data-search-exclude`, so that search does not index
its labels.
"""

from __future__ import annotations

import html
import posixpath
import re

from diagram_render import Drawing

# A diagram is shown at natural size or scaled to the column, never below this share of it.
MIN_SCALE = 0.75
PLACEHOLDER = re.compile(r'<div class="diagram" data-search-exclude><!--diagram:(?P<key>[0-9a-f]{64})--></div>')
SVG_TITLE = re.compile(r"<title[^>]*>(?P<title>.*?)</title>", re.DOTALL)
SVG_ROOT_ROLE = re.compile(r'(<svg\b[^>]*?)\srole="[^"]*"')


def placeholder(key: str) -> str:
    """Where a diagram goes, until its drawing is ready (PLACEHOLDER finds it); search skips it."""
    return f'<div class="diagram" data-search-exclude><!--diagram:{key}--></div>'


def render_id(key: str) -> str:
    """The id of a diagram's SVG and the prefix of every id inside it: unique to its source."""
    return f"d{key[:16]}"


def figure(drawing: Drawing, key: str, occurrence: int) -> str:
    """A diagram as a reader gets it: its SVG, shown at natural size or scaled down to the column
    (never below MIN_SCALE), in a region that scrolls sideways and says so."""
    svg = drawing.svg
    if occurrence:  # the same diagram twice on a page: its ids must differ from the first's
        svg = svg.replace(render_id(key), f"{render_id(key)}-{occurrence}")
    svg = SVG_ROOT_ROLE.sub(r'\1 role="img"', svg, count=1)
    if ' role="img"' not in svg[: svg.index(">")]:
        svg = svg.replace("<svg", '<svg role="img"', 1)
    title = SVG_TITLE.search(svg)
    name = html.unescape(title.group("title")).strip() if title else "Diagram"
    min_width = round(drawing.width * MIN_SCALE)
    return (
        f'<figure class="diagram" data-search-exclude style="--diagram-width: {drawing.width:g}px; '
        f'--diagram-min-width: {min_width}px">'
        f'<div class="diagram__scroller" role="region" tabindex="0" '
        f'aria-label="Diagram: {html.escape(name)}">{svg}</div></figure>'
    )


def fill(output: str, drawings: dict[str, Drawing]) -> str:
    """Replace each placeholder of a written page with its figure."""
    seen: dict[str, int] = {}

    def replace(match: re.Match) -> str:
        key = match.group("key")
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        if key not in drawings:  # its finding is in the build log, which fails in strict mode
            return '<p class="diagram-error">This diagram could not be drawn; the build log says why.</p>'
        return figure(drawings[key], key, occurrence)

    return PLACEHOLDER.sub(replace, output)


def relative_to(page_url: str, path: str) -> str:
    return posixpath.relpath(path, posixpath.dirname(page_url) or ".")


def script_tag(page_url: str, script: str, *, defer: bool) -> str:
    return f'<script src="{relative_to(page_url, script)}"{" defer" if defer else ""}></script>'
