"""Minify the site's own scripts and style sheets in published builds.

They are written to be read: comments say why a rule or a line is there. A reader does not need
the comments, and on a first visit they are a twentieth of a page's weight (5.7 kB of about
110 kB gzipped, measured on a diagram page). `make build`, `make offline` and `make pdf` minify
every .js and .css file of docs/assets/javascripts and docs/assets/stylesheets with rjsmin and
rcssmin, which drop comments and whitespace and change nothing else; `make serve` leaves them
as written, so a contributor debugs the file they edit. Material's files are minified already
and come from the theme, not from docs/.

The scripts the templates write into every page (overrides/partials/search-loader.html, the
palette and the scrollable-region scripts) are the site's own too: published builds minify them
in each page's HTML, which saves about 0.4 kB gzipped a page (measured on the glossary, the page
closest to its weight budget). A script with a `src`, or one holding data rather than
JavaScript (`type="application/json"`), is left as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.plugins import event_priority

# Folders of docs/ whose scripts and style sheets are the site's own.
OWN_ASSETS = ("assets/javascripts/", "assets/stylesheets/")
MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S)
SCRIPT_TYPE = re.compile(r"\btype=[\"']?([^\"'\s>]+)")
JAVASCRIPT_TYPES = {"text/javascript", "application/javascript", "module"}

_state: dict = {"command": "build", "files": []}


def own_assets(files, docs_dir: str) -> list:
    """The scripts and style sheets that docs/ itself holds (not the theme's)."""
    return [
        file
        for file in files
        if file.src_dir == docs_dir and file.src_uri.startswith(OWN_ASSETS) and Path(file.src_uri).suffix in MINIFIERS
    ]


def minify(text: str, suffix: str) -> str:
    return MINIFIERS[suffix](text)


def is_inline_javascript(attrs: str) -> bool:
    """Whether a <script> with these attributes holds JavaScript itself (no `src`, no data type)."""
    script_type = SCRIPT_TYPE.search(attrs)
    return not re.search(r"\bsrc=", attrs) and (not script_type or script_type.group(1).lower() in JAVASCRIPT_TYPES)


def minify_inline_scripts(html: str) -> str:
    """The page with the body of each inline JavaScript <script> minified; everything else as it was."""

    def shrink(match: re.Match) -> str:
        if not is_inline_javascript(match["attrs"]):
            return match.group(0)
        return f"<script{match['attrs']}>{rjsmin.jsmin(match['body'])}</script>"

    return INLINE_SCRIPT.sub(shrink, html)


def on_startup(command, dirty):
    _state["command"] = command


def on_files(files, config):
    _state["files"] = own_assets(files, config.docs_dir)
    return files


def on_post_build(config):
    if _state["command"] == "serve":
        return
    for file in _state["files"]:
        written = Path(file.abs_dest_path)
        if written.is_file():  # a file another hook left out of this build is not written
            written.write_text(minify(written.read_text(encoding="utf-8"), written.suffix), encoding="utf-8")


# Last of the page hooks: the others may still add to the page (see mermaid2_skeleton.py on why a
# hook that edits the page must run below priority -10).
@event_priority(-50)
def on_post_page(output: str, page, config) -> str:
    return output if _state["command"] == "serve" else minify_inline_scripts(output)


# The 404 page is a template, not a page, and carries the same scripts.
def on_post_template(output_content: str, template_name: str, config) -> str:
    if _state["command"] == "serve" or template_name != "404.html":
        return output_content
    return minify_inline_scripts(output_content)
