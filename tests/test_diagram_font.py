"""The diagram font: cut down to the characters diagrams may use, embedded whole in the page."""

from __future__ import annotations

import base64
import io
import re

from diagram_font import DIAGRAM_CHARACTERS, font_face, foreign_characters, label_characters, subset
from diagram_render import FONT_FILE
from fontTools.ttLib import TTFont


def cmap(woff2: bytes) -> set[str]:
    return {chr(code) for code in TTFont(io.BytesIO(woff2)).getBestCmap()}


def test_the_renderers_subset_has_every_diagram_character_and_is_a_third_of_the_file(tmp_path):
    woff2 = subset(FONT_FILE, tmp_path)
    mapped = cmap(woff2)
    assert mapped >= DIAGRAM_CHARACTERS
    assert "é" not in mapped, "nothing beyond the set is kept"
    assert len(woff2) < FONT_FILE.stat().st_size * 0.4, "unhinted, it is about a third of the file"
    assert subset(FONT_FILE, tmp_path) == woff2 and len(list(tmp_path.glob("font-*.woff2"))) == 1


def test_a_pages_subset_keeps_the_widths_the_labels_were_measured_with(tmp_path):
    full = TTFont(io.BytesIO(subset(FONT_FILE, tmp_path)))
    page = TTFont(io.BytesIO(subset(FONT_FILE, tmp_path, "SNS topic")))
    assert cmap(subset(FONT_FILE, tmp_path, "SNS topic")) == set("SNS topic")
    full_names, page_names = full.getBestCmap(), page.getBestCmap()
    for character in "SNS topic":
        code = ord(character)
        assert page["hmtx"][page_names[code]] == full["hmtx"][full_names[code]], character
    assert len(list(tmp_path.glob("font-*.woff2"))) == 2, "each set of characters is cut once"


def test_label_characters_are_the_texts_of_a_drawing_not_its_style_sheet():
    svg = (
        "<svg><style>#d1 .node{fill:var(--x)} @keyframes dash{}</style><title>Fan-out</title>"
        "<text><tspan>SNS &amp; SQS</tspan></text><text><tspan>fianc\u00e9</tspan></text></svg>"
    )
    assert label_characters([svg]) == frozenset("Fan-outSNS & SQSfianc")


def test_the_font_face_rule_carries_the_font_itself():
    rule = font_face("Diagram Roboto", b"wOF2-bytes")
    data = re.search(r"base64,([A-Za-z0-9+/=]+)\)", rule).group(1)
    assert base64.b64decode(data) == b"wOF2-bytes"
    assert 'font-family:"Diagram Roboto"' in rule and "font-display:block" in rule


def test_characters_outside_the_font_are_named_once_each_in_order():
    assert foreign_characters("A → B — C\n\tnaïve café → x") == ["→", "ï", "é"]
    assert foreign_characters('flowchart LR\n  a["x < y"] --> b\n') == []
