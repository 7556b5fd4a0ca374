"""overrides/hooks/minify_assets.py: published builds send the site's scripts and style sheets
without their comments; the sources keep them."""

from __future__ import annotations

import gzip

from minify_assets import minify, own_assets
from mkdocs.structure.files import File
from sites import REPO

OWN = [
    "assets/javascripts/tooltips.js",
    "assets/javascripts/diagrams.js",
    "assets/stylesheets/extra.css",
    "assets/stylesheets/print.css",
]


def test_only_docs_own_scripts_and_style_sheets_are_picked(tmp_path):
    docs, theme = str(tmp_path / "docs"), str(tmp_path / "theme")
    files = [File(path, docs, str(tmp_path / "site"), True) for path in [*OWN, "assets/images/favicon.svg", "index.md"]]
    files.append(File("assets/javascripts/bundle.min.js", theme, str(tmp_path / "site"), True))
    assert [file.src_uri for file in own_assets(files, docs)] == OWN


def test_minifying_drops_comments_and_keeps_every_rule():
    css = "/* why: contrast */\n.md-typeset abbr {\n  text-decoration: underline dotted;\n}\n"
    js = "// why: a tap must not open the question\nconst open = (event) => {\n  return event.target;\n};\n"
    assert minify(css, ".css") == ".md-typeset abbr{text-decoration:underline dotted}"
    assert minify(js, ".js") == "const open=(event)=>{return event.target;};"


def test_the_hosted_build_sends_them_minified_and_smaller(hosted_site):
    for path in OWN:
        source = (REPO / "docs" / path).read_text(encoding="utf-8")
        sent = (hosted_site.root / path).read_text(encoding="utf-8")
        assert "/*" in source or "//" in source, f"{path}: the source explains itself"
        assert "/*" not in sent and "\n//" not in sent, path
        assert len(gzip.compress(sent.encode())) < len(gzip.compress(source.encode())), path
