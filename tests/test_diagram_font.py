"""The diagram font: cut down to the characters diagrams may use, embedded whole in the page."""

from __future__ import annotations

import base64
import io
import re

from diagram_font import DIAGRAM_CHARACTERS, font_face, foreign_characters, subset
from diagram_render import FONT_FILE
from fontTools.ttLib import TTFont


def test_the_subset_has_every_diagram_character_and_is_about_half_the_file(tmp_path):
    woff2 = subset(FONT_FILE, tmp_path)
    mapped = {chr(code) for code in TTFont(io.BytesIO(woff2)).getBestCmap()}
    assert mapped >= DIAGRAM_CHARACTERS
    assert "é" not in mapped, "nothing beyond the set is kept"
    assert len(woff2) < FONT_FILE.stat().st_size * 0.6
    assert subset(FONT_FILE, tmp_path) == woff2 and len(list(tmp_path.glob("font-*.woff2"))) == 1


def test_the_font_face_rule_carries_the_font_itself():
    rule = font_face("Diagram Roboto", b"wOF2-bytes")
    data = re.search(r"base64,([A-Za-z0-9+/=]+)\)", rule).group(1)
    assert base64.b64decode(data) == b"wOF2-bytes"
    assert 'font-family:"Diagram Roboto"' in rule and "font-display:block" in rule


def test_characters_outside_the_font_are_named_once_each_in_order():
    assert foreign_characters("A → B — C\n\tnaïve café → x") == ["→", "ï", "é"]
    assert foreign_characters('flowchart LR\n  a["x < y"] --> b\n') == []
