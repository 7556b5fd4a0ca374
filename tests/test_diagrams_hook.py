"""The build-time diagram hook without MkDocs or a browser: placeholders, findings, cache, markup."""

from __future__ import annotations

import html
import re

import pytest
from diagram_cache import DiagramCache, cache_key
from diagram_markup import MIN_SCALE, figure, fill, placeholder, render_id
from diagram_render import Drawing, DrawingError
from diagrams import (
    MAX_SVG_BYTES,
    MIN_LABEL_PX,
    Build,
    collect,
    draw_all,
    fence_lines,
    font_findings,
    unquotable_values,
)

MARKDOWN = """# A page

Text.

```mermaid
flowchart LR
    a["x < y"] --> b
```

More text.

  ```mermaid
  flowchart TB
      c --> d
  ```
"""


def page_html(*sources: str) -> str:
    blocks = "".join(f'<pre class="mermaid"><code>{html.escape(source)}</code></pre>\n' for source in sources)
    return f"<h1>A page</h1>\n<p>Text.</p>\n{blocks}"


def svg_for(key: str, width: float = 400, font: float = 16, size: int = 2000) -> Drawing:
    body = "x" * max(0, size - 200)
    svg = (
        f'<svg id="{render_id(key)}" width="{width}" role="graphics-document document" '
        f'aria-labelledby="chart-title-{render_id(key)}"><title id="chart-title-{render_id(key)}">T &amp; U</title>'
        f'<style>#{render_id(key)} .node{{fill:red}}</style><marker id="{render_id(key)}_end"/><!--{body}--></svg>'
    )
    return Drawing(svg, size * 3, width, 100, font)


class FakeRenderer:
    """Stands in for the browser: draws every job it is given, and remembers which."""

    def __init__(self, broken: dict[str, str] | None = None):
        self.calls: list[list[str]] = []
        self.broken = broken or {}

    def __call__(self, jobs: dict[str, str]) -> dict:
        self.calls.append(sorted(jobs.values()))
        results = {}
        for render, source in jobs.items():
            error = next((message for marker, message in self.broken.items() if marker in source), None)
            results[render] = DrawingError(error) if error else svg_for(render[1:] + "0" * 48)
        return results


def test_fence_lines_finds_every_mermaid_fence_indented_or_not():
    assert fence_lines(MARKDOWN) == [5, 12]


def test_collect_replaces_each_diagram_by_a_placeholder_and_records_where_it_is():
    build = Build(config={"theme": "base"}, fingerprint="r1")
    sources = ['flowchart LR\n    a["x < y"] --> b\n', "flowchart TB\n    c --> d\n"]
    out = collect(page_html(*sources), "p.md", MARKDOWN, build)
    assert "<pre" not in out and out.count("data-search-exclude") == 2
    keys = re.findall(r"<!--diagram:([0-9a-f]{64})-->", out)
    assert [build.sources[key] for key in keys] == sources
    assert [(fence.path, fence.line) for key in keys for fence in build.fences[key]] == [("p.md", 5), ("p.md", 12)]


def test_the_key_changes_with_the_source_the_configuration_and_the_renderer():
    base = cache_key("flowchart LR\n a-->b\n", {"theme": "base"}, "mermaid 11.17.2")
    assert base == cache_key("flowchart LR\n a-->b\n", {"theme": "base"}, "mermaid 11.17.2")
    assert base != cache_key("flowchart LR\n a-->c\n", {"theme": "base"}, "mermaid 11.17.2")
    assert base != cache_key("flowchart LR\n a-->b\n", {"theme": "dark"}, "mermaid 11.17.2")
    assert base != cache_key("flowchart LR\n a-->b\n", {"theme": "base"}, "mermaid 11.18.0")


def collected(config=None, fingerprint="r1", sources=("flowchart LR\n a-->b\n", "flowchart LR\n c-->d\n")) -> Build:
    build = Build(config=config or {"theme": "base"}, fingerprint=fingerprint)
    collect(page_html(*sources), "docs/p.md", MARKDOWN, build)
    return build


def test_a_second_build_draws_nothing_and_a_changed_diagram_alone_is_redrawn(tmp_path):
    cache, renderer = DiagramCache(tmp_path), FakeRenderer()
    assert draw_all(collected(), cache, renderer) == []
    assert len(renderer.calls[0]) == 2
    warm = collected()
    assert draw_all(warm, cache, renderer) == [] and len(renderer.calls) == 1 and warm.drawn_now == 0
    assert len(warm.drawings) == 2
    changed = collected(sources=("flowchart LR\n a-->b\n", "flowchart LR\n c-->e\n"))
    draw_all(changed, cache, renderer)
    assert renderer.calls[1] == ["flowchart LR\n c-->e\n"]


@pytest.mark.parametrize("change", [{"config": {"theme": "dark"}}, {"fingerprint": "mermaid 12"}])
def test_a_new_configuration_or_mermaid_version_redraws_every_diagram(tmp_path, change):
    cache, renderer = DiagramCache(tmp_path), FakeRenderer()
    draw_all(collected(), cache, renderer)
    draw_all(collected(**change), cache, renderer)
    assert len(renderer.calls) == 2 and len(renderer.calls[1]) == 2


def test_a_damaged_cache_entry_is_drawn_again(tmp_path):
    cache, renderer = DiagramCache(tmp_path), FakeRenderer()
    draw_all(collected(), cache, renderer)
    next(tmp_path.glob("*.json")).write_text("{not json")
    draw_all(collected(), cache, renderer)
    assert len(renderer.calls[1]) == 1


def test_mermaids_error_is_reported_at_the_line_of_the_fence_plus_mermaids_line(tmp_path):
    renderer = FakeRenderer(broken={"c-->d": "Parse error on line 2:\n c-->d-->\n Expecting 'NODE', got 'EOF'"})
    findings = draw_all(collected(), DiagramCache(tmp_path), renderer)
    assert len(findings) == 1
    assert findings[0].startswith("docs/p.md:14: [diagram] Mermaid cannot draw it: Parse error on line 2")
    assert len(list(tmp_path.glob("*.json"))) == 1, "a broken diagram is not cached"


def test_an_unknown_diagram_type_is_reported_at_the_fence(tmp_path):
    message = "No diagram type detected matching given configuration for text: flowchat"
    renderer = FakeRenderer(broken={"a-->b": message})
    findings = draw_all(collected(), DiagramCache(tmp_path), renderer)
    assert findings == [
        "docs/p.md:5: [diagram] Mermaid cannot draw it: No diagram type detected matching given configuration "
        "for text: flowchat"
    ]


def test_a_label_too_small_to_read_once_scaled_down_is_a_finding(tmp_path):
    small = MIN_LABEL_PX / MIN_SCALE - 2

    def renderer(jobs):
        return {render: svg_for(render[1:] + "0" * 48, font=small) for render in jobs}

    findings = draw_all(collected(), DiagramCache(tmp_path), renderer)
    assert len(findings) == 2
    assert f"smallest label is {small:g} px" in findings[0] and f"under {MIN_LABEL_PX} px" in findings[0]


def test_an_svg_over_the_size_limit_is_a_finding_that_names_the_limit(tmp_path):
    def renderer(jobs):
        return {render: svg_for(render[1:] + "0" * 48, size=MAX_SVG_BYTES + 5000) for render in jobs}

    findings = draw_all(collected(), DiagramCache(tmp_path), renderer)
    assert findings and all("MAX_SVG_BYTES" in finding and finding.startswith("docs/p.md:") for finding in findings)


def test_a_figure_is_an_image_named_by_its_title_in_a_region_that_scrolls():
    key = "ab" * 32
    markup = figure(svg_for(key, width=800), key, 0)
    assert 'role="img"' in markup and "graphics-document" not in markup
    assert 'aria-label="Diagram: T &amp; U"' in markup
    assert "--diagram-width: 800px; --diagram-min-width: 600px" in markup
    assert 'class="diagram__scroller" role="region" tabindex="0"' in markup


def test_the_same_diagram_twice_on_a_page_gets_ids_of_its_own():
    key = "cd" * 32
    page = f"<p>a</p>{placeholder(key)}<p>b</p>{placeholder(key)}"
    out = fill(page, {key: svg_for(key)})
    ids = re.findall(r'\sid="([^"]+)"', out)
    assert len(ids) == 6 and len(set(ids)) == 6, ids
    assert f"#{render_id(key)}-1 .node" in out


def test_configuration_strings_that_would_break_the_preview_script_are_named():
    arguments = {"fontFamily": "'Diagram Roboto', sans-serif", "themeCSS": 'text { font: "x" }', "a": [{"b": "c\\d"}]}
    assert unquotable_values(arguments) == ["arguments.themeCSS", "arguments.a[0].b"]


def test_a_character_missing_from_the_diagram_font_is_reported_at_its_line():
    build = collected(sources=("flowchart LR\n a-->b\n", "flowchart LR\n  c[Café] --> d\n"))
    assert font_findings(build) == [
        "docs/p.md:14: [diagram] character 'é' (U+00E9) is not in the diagram font: write it in ASCII, "
        "or add it to DIAGRAM_CHARACTERS in overrides/hooks/diagram_font.py"
    ]
