"""Tables that read on a phone: cards for a page that asks for them, and inline code in any
table cell that wraps only where a reader expects it to.

Cards. A page opts in with `tables: cards` in its front matter (From the notes does: five columns of
prose that a phone can only show as a wide table to pan across). This hook marks each table
of such a page with `data-layout="cards"` and gives every body cell its column's heading as
`data-label`; extra.css does the rest below 45em: one card per row, each value under its
label. The Markdown stays a plain Markdown table.

The table keeps its meaning when CSS lays it out as blocks: the explicit ARIA roles say it is
still a table to assistive technology, which some browsers forget once `display` changes.

Inline code. Material lets code break anywhere (`word-break: break-word`), so a squeezed column
splits `RedrivePolicy` into `RedrivePolic` and `y`. extra.css lets code in a table cell break
only between words, and this hook adds a break opportunity (<wbr>, which copying and search
ignore) after the punctuation that separates the parts of a name: `CodeDeployDefault.`, `AWS::`,
`sqs:`, `path/`, `snake_`, `key=`.
"""

from __future__ import annotations

import html
import re

OPT_IN_KEY = "tables"
OPT_IN_VALUE = "cards"

TABLE = re.compile(r"<table>(?P<body>.*?)</table>", re.DOTALL)
HEAD = re.compile(r"<thead>(?P<head>.*?)</thead>", re.DOTALL)
HEADER_CELL = re.compile(r"<th(?P<attrs>(?:\s[^>]*)?)>(?P<text>.*?)</th>", re.DOTALL)
ROW = re.compile(r"<tr>(?P<cells>.*?)</tr>", re.DOTALL)
BODY_CELL = re.compile(r"<td(?=[\s>])")
TAG = re.compile(r"<[^>]+>")
CELL = re.compile(r"(?P<open><td[^>]*>)(?P<content>.*?)</td>", re.DOTALL)
# Inline code holding plain text only; highlighted code (with spans) is left as it is.
INLINE_CODE = re.compile(r"<code>(?P<text>[^<]+)</code>")
NAME_SEPARATOR = re.compile(r"(?<=[.:/_=])(?=\w)")


def column_labels(head_html: str) -> list[str]:
    """The plain text of each header cell, in order."""
    return [html.unescape(TAG.sub("", match.group("text"))).strip() for match in HEADER_CELL.finditer(head_html)]


def label_cells(row_html: str, labels: list[str]) -> str:
    """Add data-label and role to each <td> of one row, by its position."""
    cells = iter(labels)

    def add_label(_match: re.Match) -> str:
        label = next(cells, "")
        return f'<td role="cell" data-label="{html.escape(label, quote=True)}"'

    return BODY_CELL.sub(add_label, row_html)


def as_cards(table_body: str) -> str:
    """One table's inner HTML, its rows and cells labelled; unchanged if it has no header."""
    head = HEAD.search(table_body)
    if not head:
        return f"<table>{table_body}</table>"
    labels = column_labels(head.group("head"))
    body = HEADER_CELL.sub(lambda m: f'<th role="columnheader"{m.group("attrs")}>{m.group("text")}</th>', table_body)
    body = body.replace("<thead>", '<thead role="rowgroup">').replace("<tbody>", '<tbody role="rowgroup">')
    body = ROW.sub(lambda m: f'<tr role="row">{label_cells(m.group("cells"), labels)}</tr>', body)
    return f'<table role="table" data-layout="cards">{body}</table>'


def cards_layout(page_html: str) -> str:
    """Every Markdown table of a page's HTML, marked and labelled for the card layout."""
    return TABLE.sub(lambda m: as_cards(m.group("body")), page_html)


def break_points(code_text: str) -> str:
    """A <wbr> after each separator that is followed by more of the name."""
    return NAME_SEPARATOR.sub("<wbr>", code_text)


def code_break_points(page_html: str) -> str:
    """Break opportunities in the inline code of every table cell of a page's HTML."""

    def in_cell(cell: re.Match) -> str:
        content = INLINE_CODE.sub(lambda c: f"<code>{break_points(c.group('text'))}</code>", cell.group("content"))
        return f"{cell.group('open')}{content}</td>"

    return CELL.sub(in_cell, page_html)


def on_page_content(html_text, page, config, files):
    html_text = code_break_points(html_text)
    if page.meta.get(OPT_IN_KEY) == OPT_IN_VALUE:
        html_text = cards_layout(html_text)
    return html_text
