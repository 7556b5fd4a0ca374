"""The diagram font: Roboto (regular, from npm) cut down to the characters diagrams may use.

Labels are measured at build time in this font and drawn in it by the reader's browser. It is
embedded in each page with a diagram (a data: URL in a <style>), so the labels show with the
first paint: a font file fetched by the page arrives after it (about 0.2-0.4 s later, measured
by `make bench`), and with `font-display: block` the labels stay blank until then. Cut down to
printable ASCII and a few typographic marks it is about 11 kB, half the file it replaces.

A label with a character outside DIAGRAM_CHARACTERS would be drawn in another font than the
one it was measured with; diagrams.py reports it at the fence.
"""

from __future__ import annotations

import base64
import hashlib
import io
from pathlib import Path

# Printable ASCII, plus typographic marks the font has: dashes, quotes, ellipsis, times, dot.
# (Roboto's latin file has no arrows: write -> in a label.)
EXTRA_CHARACTERS = "\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00d7\u00b7"
DIAGRAM_CHARACTERS = frozenset(chr(code) for code in range(0x20, 0x7F)) | frozenset(EXTRA_CHARACTERS)


def subset(font_file: Path, cache_dir: Path) -> bytes:
    """The font reduced to DIAGRAM_CHARACTERS (WOFF2), made once and kept in `cache_dir`."""
    source = font_file.read_bytes()
    key = hashlib.sha256(source + "".join(sorted(DIAGRAM_CHARACTERS)).encode()).hexdigest()[:16]
    cached = cache_dir / f"font-{key}.woff2"
    if cached.is_file():
        return cached.read_bytes()
    from fontTools import subset as font_subset  # the build's only use of fontTools

    options = font_subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["kern", "liga"]
    font = font_subset.load_font(io.BytesIO(source), options)
    subsetter = font_subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(character) for character in DIAGRAM_CHARACTERS])
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
