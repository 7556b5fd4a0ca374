"""The diagram font: Roboto (regular, from npm) cut down to the characters diagrams may use.

Labels are measured at build time in this font and drawn in it by the reader's browser. It is
embedded in each page with a diagram (a data: URL in a <style>), so the labels show with the
first paint: a font file fetched by the page arrives after it (about 0.2-0.4 s later, measured
by `make bench`), and with `font-display: block` the labels stay blank until then.

Two cuts keep that embedded copy small, since every diagram page carries it uncached:
- hinting is dropped (for Roboto's TrueType outlines it is a third of the file); the renderer
  measures with the same unhinted font the reader gets, so both agree on every width;
- the renderer gets every character of DIAGRAM_CHARACTERS, a page only the characters its own
  diagrams' labels show (`label_characters`). Subsetting keeps each glyph's advance and the
  kerning between kept glyphs, so the labels take the width they were measured at.
The 21.9 kB source file becomes 7.3 kB for the renderer and 4-6 kB in a page.

A label with a character outside DIAGRAM_CHARACTERS would be drawn in another font than the
one it was measured with; diagrams.py reports it at the fence.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import re
from collections.abc import Iterable
from pathlib import Path

# Printable ASCII, plus typographic marks the font has: dashes, quotes, ellipsis, times, dot.
# (Roboto's latin file has no arrows: write -> in a label.)
EXTRA_CHARACTERS = "\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00d7\u00b7"
DIAGRAM_CHARACTERS = frozenset(chr(code) for code in range(0x20, 0x7F)) | frozenset(EXTRA_CHARACTERS)
# Part of every cache key: a change to how the font is cut must not reuse an older cut.
SUBSET_OPTIONS = "woff2 kern liga unhinted"
# What an SVG shows as text: the content of its elements, leaving out <style> rules.
SVG_STYLE = re.compile(r"<style\b.*?</style>", re.DOTALL)
SVG_TEXT = re.compile(r">([^<]+)<")


def subset(font_file: Path, cache_dir: Path, characters: Iterable[str] = DIAGRAM_CHARACTERS) -> bytes:
    """The font reduced to `characters` (WOFF2, unhinted), made once and kept in `cache_dir`."""
    source = font_file.read_bytes()
    wanted = "".join(sorted(set(characters)))
    key = hashlib.sha256(source + f"{SUBSET_OPTIONS}|{wanted}".encode()).hexdigest()[:16]
    cached = cache_dir / f"font-{key}.woff2"
    if cached.is_file():
        return cached.read_bytes()
    from fontTools import subset as font_subset  # the build's only use of fontTools

    options = font_subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["kern", "liga"]
    options.hinting = False
    font = font_subset.load_font(io.BytesIO(source), options)
    subsetter = font_subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(character) for character in wanted])
    subsetter.subset(font)
    out = io.BytesIO()
    font_subset.save_font(font, out, options)
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(out.getvalue())
    return out.getvalue()


def font_face(family: str, woff2: bytes) -> str:
    """An @font-face rule with the font inside it."""
    data = base64.b64encode(woff2).decode()
    return (
        f'@font-face{{font-family:"{family}";src:url(data:font/woff2;base64,{data}) format("woff2");'
        "font-weight:400;font-style:normal;font-display:block}"
    )


def foreign_characters(text: str) -> list[str]:
    """Characters of `text` the diagram font does not have, in order of first appearance."""
    foreign = (character for character in text if character >= " " and character not in DIAGRAM_CHARACTERS)
    return list(dict.fromkeys(foreign))


def label_characters(svgs: Iterable[str]) -> frozenset[str]:
    """The characters the SVGs show as text (titles and descriptions included), as far as the
    diagram font has them: what a page's copy of the font must hold."""
    shown = set()
    for svg in svgs:
        for text in SVG_TEXT.findall(SVG_STYLE.sub("", svg)):
            shown.update(html.unescape(text))
    return frozenset(shown) & DIAGRAM_CHARACTERS
