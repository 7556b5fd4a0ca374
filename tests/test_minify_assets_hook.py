"""overrides/hooks/minify_assets.py: published builds send the site's scripts and style sheets
without their comments; the sources keep them."""

from __future__ import annotations

import gzip
import re

from minify_assets import INLINE_SCRIPT, is_inline_javascript, minify, minify_inline_scripts, own_assets
from mkdocs.structure.files import File
from sites import REPO, html_pages

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


def test_inline_scripts_lose_their_comments_and_data_scripts_stay_as_written():
    page = (
        "<p>// a sentence, not code</p>\n"
        "<script>\n  // why: before the first paint\n  var scheme = 1;\n</script>\n"
        '<script type="module">\n  /* why */ import("./a.js");\n</script>\n'
        '<script src="a.js"></script><script>\n  // next\n  go();\n</script>\n'
        '<script type="application/json">{\n  "a": "// kept"\n}</script>'
    )
    assert minify_inline_scripts(page) == (
        "<p>// a sentence, not code</p>\n"
        "<script>var scheme=1;</script>\n"
        '<script type="module">import("./a.js");</script>\n'
        '<script src="a.js"></script><script>go();</script>\n'
        '<script type="application/json">{\n  "a": "// kept"\n}</script>'
    )


def test_every_published_page_carries_its_inline_scripts_minified(hosted_site):
    loader = (REPO / "overrides/partials/search-loader.html").read_text(encoding="utf-8")
    assert re.search(r"^\s*//", loader, re.M), "the source explains itself"
    for html_file in [*html_pages(hosted_site.root), hosted_site.root / "404.html"]:
        html = html_file.read_text(encoding="utf-8")
        scripts = [m["body"] for m in INLINE_SCRIPT.finditer(html) if is_inline_javascript(m["attrs"])]
        assert scripts, html_file
        for body in scripts:
            assert minify(body, ".js") == body, f"{html_file}: an inline script is sent as written: {body[:80]!r}"
