"""mermaid2 reads a skeleton of each page; the page comes back whole, plus what mermaid2 adds."""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mermaid2_skeleton import END_MARKER, SkeletonError, graft, skeleton
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parent.parent
DIAGRAM = '<pre class="mermaid"><code>flowchart LR\n  a --&gt; b\n</code></pre>'
NAVIGATION = '<nav class="md-nav">' + "".join(f'<a href="p{i}/">Page {i}</a>' for i in range(50)) + "</nav>"
PAGE = (
    "<!doctype html>\n<html>\n  <head><title>t</title></head>\n  <body>\n    "
    + NAVIGATION
    + "\n    <article><p>Text</p>\n"
    + DIAGRAM
    + '\n</article>\n    <script id="__config" type="application/json">{}'
    '</script>\n    <script src="../../assets/javascripts/bundle.js"></script>\n  </body>\n</html>\n'
)


def test_the_skeleton_holds_the_diagram_blocks_and_nothing_else_of_the_page():
    shape = skeleton(PAGE)
    assert DIAGRAM in shape and shape.endswith(END_MARKER + "</body></html>")
    assert "md-nav" not in shape and "<p>Text</p>" not in shape
    assert "mermaid" not in skeleton(PAGE.replace(DIAGRAM, "")), "mermaid2 must be able to skip a page with none"


def test_graft_inserts_what_was_appended_after_the_marker_before_the_pages_body_end():
    added = '<script src="m.js"></script><script>window.mermaidConfig = {};</script>'
    processed = skeleton(PAGE).replace("</body>", added + "</body>")
    grafted = graft(PAGE, processed)
    assert grafted == PAGE.replace("</body>", added + "</body>")
    assert graft(PAGE, skeleton(PAGE)) == PAGE


@pytest.mark.parametrize(
    "processed",
    [
        pytest.param("<html><body>" + DIAGRAM + "</body></html>", id="marker removed"),
        pytest.param("<html><body>" + DIAGRAM + "</body></html>" + END_MARKER, id="marker moved out of body"),
        pytest.param("<html><body><div class='mermaid'>a</div>" + END_MARKER + "</body></html>", id="blocks changed"),
    ],
)
def test_graft_refuses_a_skeleton_that_mermaid2_changed_beyond_appending(processed):
    with pytest.raises(SkeletonError):
        graft(PAGE, processed)


@pytest.fixture(scope="module")
def site_config():
    """This repository's mkdocs.yml with its plugins and hooks set up, as a build would have them."""
    previous = Path.cwd()
    os.chdir(REPO)
    try:
        config = load_config(str(REPO / "mkdocs.yml"))
        config = config.plugins.on_config(config)
        yield config
    finally:
        os.chdir(previous)


def post_page(config, html: str, url: str) -> str:
    page = SimpleNamespace(title="A page", url=url, file=SimpleNamespace(src_uri=url + "index.md"))
    return config.plugins.on_post_page(html, page=page, config=config)


@pytest.fixture
def serving(site_config):
    """As under `mkdocs serve`, where diagrams are drawn in the browser (the live preview)."""
    site_config.plugins.on_startup(command="serve", dirty=False)
    yield
    site_config.plugins.on_startup(command="build", dirty=False)


def test_under_serve_a_diagram_page_keeps_every_byte_and_gains_the_preview_and_mermaid(site_config, serving):
    built = post_page(site_config, PAGE, "delivery/codedeploy/")
    preview = re.search(r'<script src="\.\./\.\./assets/javascripts/diagram-preview\.js"></script>\n', built)
    library = re.search(r'<script src="\.\./\.\./assets/vendor/mermaid/mermaid\.min\.js"></script>', built)
    config = re.search(r"<script>window\.mermaidConfig = [^<]*</script>", built)
    assert preview and library and config, built[-600:]
    # The preview runs before Material's bundle, which must find no diagram of its own to draw;
    # mermaid2's library and configuration come at the end, where it puts them.
    assert preview.start() < built.index('<script id="__config"') < built.index("bundle.js") < library.start()
    assert library.start() < config.start()
    assert "securityLevel" in config.group() and "Diagram Roboto" in config.group()
    leftover = built.replace(preview.group(), "").replace(library.group(), "").replace(config.group(), "")
    assert leftover == PAGE


def test_with_the_real_mermaid2_a_page_without_diagrams_is_left_exactly_as_it_was(site_config):
    text_page = PAGE.replace(DIAGRAM, "<p>No diagram here, only the word mermaid.</p>")
    assert post_page(site_config, text_page, "reference/self-check/") == text_page
