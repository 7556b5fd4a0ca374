"""Tables that read on a phone: labelled cards on pages that ask for them, and inline code in
table cells with break points between the parts of a name."""

from __future__ import annotations

from types import SimpleNamespace

from table_layout import break_points, cards_layout, code_break_points, on_page_content

TABLE = """<table>
<thead>
<tr>
<th>#</th>
<th style="text-align: left;">The notes say <em>(in our words)</em></th>
<th>Verdict</th>
</tr>
</thead>
<tbody>
<tr>
<td>1</td>
<td>Fan-out needs <code>sns:Publish</code>.</td>
<td>Kept</td>
</tr>
</tbody>
</table>"""


def test_each_body_cell_is_labelled_with_its_column_heading_and_the_table_keeps_its_roles():
    html = cards_layout(TABLE)
    assert '<table role="table" data-layout="cards">' in html
    assert '<thead role="rowgroup">' in html and '<tbody role="rowgroup">' in html
    assert '<th role="columnheader" style="text-align: left;">The notes say <em>(in our words)</em></th>' in html
    assert '<td role="cell" data-label="#">1</td>' in html
    assert '<td role="cell" data-label="The notes say (in our words)">Fan-out' in html
    assert '<td role="cell" data-label="Verdict">Kept</td>' in html
    assert html.count('<tr role="row">') == 2


def test_a_table_without_a_header_row_is_left_alone():
    headless = "<table>\n<tbody>\n<tr><td>a</td></tr>\n</tbody>\n</table>"
    assert cards_layout(headless) == headless


def test_code_in_a_cell_may_break_after_a_separator_but_never_inside_a_word():
    assert break_points("CodeDeployDefault.LambdaAllAtOnce") == "CodeDeployDefault.<wbr>LambdaAllAtOnce"
    assert break_points("AWS::SNS::Topic") == "AWS::<wbr>SNS::<wbr>Topic"
    assert break_points("RedrivePolicy") == "RedrivePolicy"
    html = code_break_points("<p><code>sns:Publish</code></p><td><code>sns:Publish</code></td>")
    assert html == "<p><code>sns:Publish</code></p><td><code>sns:<wbr>Publish</code></td>"


def page(meta):
    return SimpleNamespace(meta=meta)


def test_only_a_page_that_opts_in_gets_cards_but_every_page_gets_break_points():
    assert 'data-layout="cards"' in on_page_content(TABLE, page({"tables": "cards"}), None, None)
    plain = on_page_content(TABLE, page({}), None, None)
    assert "data-layout" not in plain
    assert "<code>sns:<wbr>Publish</code>" in plain
