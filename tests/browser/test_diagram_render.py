"""The build-time renderer in a real Chromium: what it draws, what it refuses, what SVGO may change."""

from __future__ import annotations

import io
import re

import pytest
from diagram_render import Drawing, DrawingError, render_batch
from diagrams import fence_lines
from mkdocs.config import load_config
from PIL import Image, ImageChops
from sites import REPO, mermaid_sources, svg_labels

# A pixel counts as changed when a channel moved by more than this (anti-aliasing of a path
# whose points were rounded to 0.1 px moves edge pixels a little).
CHANNEL_TOLERANCE = 64
# Share of a diagram's pixels that may change that much: a few edge pixels, never a shape or a label.
CHANGED_PIXELS_LIMIT = 0.002


@pytest.fixture(scope="module")
def site_config() -> dict:
    """The one Mermaid configuration: mkdocs-mermaid2-plugin's `arguments:` in mkdocs.yml."""
    config = load_config(str(REPO / "mkdocs.yml"))
    return dict(config.plugins["mermaid2"].config["arguments"])


@pytest.fixture
def render(browser):
    def draw(jobs: dict[str, str], config: dict, **options) -> dict:
        return render_batch(jobs, config, browser=browser, **options)

    return draw


def site_diagrams() -> dict[str, str]:
    """Every diagram in the Markdown sources, keyed by a render id that says where it is."""
    found = {}
    for page in sorted((REPO / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for number, (source, line) in enumerate(zip(mermaid_sources(text), fence_lines(text), strict=True)):
            found[f"{page.stem}-{number}-line{line}"] = source
    return found


def test_the_site_has_diagrams_to_judge():
    assert len(site_diagrams()) >= 30


def test_a_flowchart_is_drawn_with_text_labels_and_its_accessible_name(render, site_config):
    source = (
        "flowchart LR\n  accTitle: Two steps\n  accDescr: A leads to B.\n  A[First step] -->|then| B[(Second step)]\n"
    )
    drawing = render({"demo": source}, site_config)["demo"]
    assert isinstance(drawing, Drawing)
    assert '<title id="chart-title-demo">Two steps</title>' in drawing.svg
    assert '<desc id="chart-desc-demo">A leads to B.</desc>' in drawing.svg
    assert "<foreignObject" not in drawing.svg, "labels are SVG text, not HTML"
    assert {"First step", "Second step", "then"} <= set(svg_labels(drawing.svg))
    assert drawing.min_font_px == 16 and drawing.width > 200
    assert len(drawing.svg) < drawing.raw_bytes


@pytest.mark.parametrize(
    "source, message",
    [
        ("flowchart LR\n  A --> B\n  B --> --> C\n", r"Parse error on line 3"),
        ("flowchat LR\n  A --> B\n", r"No diagram type detected"),
    ],
)
def test_mermaid_refuses_a_broken_diagram_with_its_own_message(render, site_config, source, message):
    result = render({"broken": source, "fine": "flowchart LR\n  X --> Y\n"}, site_config)
    assert isinstance(result["broken"], DrawingError) and re.search(message, result["broken"].message)
    assert isinstance(result["fine"], Drawing), "one broken diagram does not stop the others"


def test_markup_in_a_label_is_drawn_as_text_and_never_runs(render, site_config, browser):
    source = (
        "flowchart LR\n"
        '  A["<script>window.__ran = 1</script>"] --> B["<img src=x onerror=window.__ran=2>"]\n'
        '  B --> C["<svg onload=window.__ran=3>"]\n'
    )
    drawing = render({"hostile": source}, site_config)["hostile"]
    assert isinstance(drawing, Drawing)
    assert not re.search(r"<script|\sonerror=|\sonload=|<img", drawing.svg, re.IGNORECASE)
    page = browser.new_page()
    try:
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.set_content(f"<!doctype html><body>{drawing.svg}</body>")
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__ran") is None and dialogs == []
    finally:
        page.close()


STAGE = """<!doctype html><html><head><style>
@font-face {{ font-family: "Diagram Roboto"; src: url("{font}") format("woff2"); }}
:root {{ --md-mermaid-node-bg-color: #fbe9e7; --md-mermaid-node-fg-color: #ff6e42; --md-mermaid-label-fg-color: #333;
  --md-mermaid-label-bg-color: #fff; --md-mermaid-edge-color: #36464e; --md-default-fg-color--lightest: #eee;
  --md-default-fg-color--lighter: #ccc; --md-mermaid-sequence-actor-bg-color: #fff;
  --md-mermaid-sequence-actor-border-color: #ff6e42; --md-mermaid-sequence-actor-line-color: #999;
  --md-mermaid-sequence-message-line-color: #36464e; --md-mermaid-sequence-note-bg-color: #fff;
  --md-mermaid-sequence-note-border-color: #333; }}
body {{ margin: 0; background: #fff; }} div {{ display: inline-block; }}
</style></head><body><div id="shot">{svg}</div></body></html>"""


def screenshot(page, svg: str) -> Image.Image:
    font = (REPO / "node_modules/@fontsource/roboto/files/roboto-latin-400-normal.woff2").as_uri()
    page.set_content(STAGE.format(font=font, svg=svg))
    page.evaluate("document.fonts.ready")
    return Image.open(io.BytesIO(page.locator("#shot").screenshot())).convert("RGB")


def changed_share(before: Image.Image, after: Image.Image) -> float:
    # SVGO rounds the drawing's width and height to 0.1 px, which can move its last pixel column
    # or row (502.05 px wide takes 503 pixels, 502 px takes 502): compare the area both cover.
    if any(abs(a - b) > 1 for a, b in zip(before.size, after.size, strict=True)):
        return 1.0
    common = (0, 0, min(before.width, after.width), min(before.height, after.height))
    before, after = before.crop(common), after.crop(common)
    difference = ImageChops.difference(before, after).convert("L").point(lambda v: 255 if v > CHANNEL_TOLERANCE else 0)
    return difference.histogram()[255] / (before.size[0] * before.size[1])


def test_every_optimised_diagram_looks_like_mermaids_own_drawing(render, site_config, browser):
    """SVGO rounds paths and numbers; a screenshot of each optimised diagram is compared with one
    of Mermaid's unoptimised drawing, pixel by pixel."""
    drawings = render(site_diagrams(), site_config, keep_raw=True)
    page = browser.new_page(viewport={"width": 2400, "height": 2400})
    try:
        shares = {}
        for name, drawing in drawings.items():
            assert isinstance(drawing, Drawing), f"{name}: {drawing}"
            shares[name] = changed_share(screenshot(page, drawing.raw_svg), screenshot(page, drawing.svg))
    finally:
        page.close()
    changed = {name: f"{share:.2%}" for name, share in shares.items() if share > CHANGED_PIXELS_LIMIT}
    assert changed == {}


def test_the_comparison_notices_a_visible_change(render, site_config, browser):
    """The screenshot test is live: dropping the fill of the edge labels' background is caught."""
    drawing = render({"fan": next(iter(site_diagrams().values()))}, site_config)["fan"]
    page = browser.new_page(viewport={"width": 2400, "height": 2400})
    try:
        shape = r"<rect([^>]*class=\"[^\"]*(?:basic|label-container)[^\"]*\")"
        broken = re.sub(shape, r'<rect style="fill:#000"\1', drawing.svg)
        assert broken != drawing.svg
        assert changed_share(screenshot(page, drawing.svg), screenshot(page, broken)) > CHANGED_PIXELS_LIMIT
    finally:
        page.close()
