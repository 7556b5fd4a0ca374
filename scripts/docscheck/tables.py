"""Table headers: every column of a Markdown table is named in its header row.

A screen reader announces a cell with its column's header, and axe reports an empty header
cell (``empty-table-header``). Comparison tables tend to leave the corner above their row
labels blank; name what those labels are instead ("Aspect").
"""

from __future__ import annotations

import re

from .findings import Finding, check

CHECK_ID = "table-headers"
RE_ROW = re.compile(r"^\s*\|.*\|\s*$")
RE_DELIMITER = re.compile(r"^\s*\|?(\s*:?-+:?\s*\|)+(\s*:?-+:?\s*)?\|?\s*$")
RE_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def header_cells(row: str) -> list[str]:
    """The cells of a table row written with outer pipes, an escaped pipe kept inside its cell."""
    inner = row.strip()[1:-1]
    return [cell.strip() for cell in RE_UNESCAPED_PIPE.split(inner)]


def empty_header_findings(path: str, lines: list[str], code_lines: set[int]) -> list[Finding]:
    """Findings for the tables of one page, given its lines and the (1-based) lines inside code."""
    findings = []
    for index in range(len(lines) - 1):
        line_number = index + 1
        if line_number in code_lines or line_number + 1 in code_lines:
            continue
        header, delimiter = lines[index], lines[index + 1]
        starts_table = index == 0 or not RE_ROW.match(lines[index - 1])
        if not (starts_table and RE_ROW.match(header) and RE_DELIMITER.match(delimiter)):
            continue
        for column, cell in enumerate(header_cells(header), start=1):
            if not cell:
                findings.append(
                    Finding(
                        path,
                        line_number,
                        CHECK_ID,
                        f"column {column} of this table has no header: name what the column holds "
                        "(for row labels, say what they are, such as 'Aspect')",
                    )
                )
    return findings


@check(CHECK_ID, "every column of a Markdown table has a header (screen readers read it with each cell)")
def check_table_headers(ctx):
    for page in ctx.pages:
        yield from empty_header_findings(page.path, page.lines, page.code_lines)
