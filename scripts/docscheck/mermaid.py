"""Mermaid diagrams are accessible (each starts with single-line ``accTitle:`` and ``accDescr:``)
and light: no flowchart node is a stadium.

Whether a diagram draws at all is the build's job: overrides/hooks/diagrams.py draws every
diagram with the site's Mermaid and logs the fence's line when one fails, and the ``build``
check reports that line.
"""

from __future__ import annotations

import re

from .findings import Finding, check
from .source import Fence


def front_matter_lines(code: str) -> int:
    """Lines of a leading '---' config block, which Mermaid strips before numbering lines."""
    lines = code.splitlines()
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                return index + 1
    return 0


def accessibility_problems(code: str) -> list[tuple[int, str]]:
    """accTitle and accDescr: single-line, the first lines after the diagram type."""
    lines = code.splitlines()
    index = front_matter_lines(code)
    meaningful = [
        (n, line.strip())
        for n, line in enumerate(lines[index:], index + 1)
        if line.strip() and not line.strip().startswith("%%")
    ]
    if not meaningful:
        return [(1, "empty diagram")]
    type_line = meaningful[0][0]
    following = []
    for number, line in meaningful[1:]:
        if not re.match(r"^acc(Title|Descr)\b", line):
            break
        following.append((number, line))
    problems = []
    for key in ("accTitle", "accDescr"):
        block = next((n for n, line in meaningful if re.match(rf"^{key}\s*\{{", line)), 0)
        if block:
            problems.append((block, f"{key} must be a single line ('{key}: ...'), not a block"))
            continue
        if not any(re.match(rf"^{key}\s*:\s*\S", line) for _, line in following):
            present = next((n for n, line in meaningful if re.match(rf"^{key}\s*:", line)), 0)
            if present:
                problems.append(
                    (present, f"{key}: must come right after the diagram type line, before the diagram itself")
                )
            else:
                problems.append((type_line, f"diagram has no '{key}: ...' line (first lines after the diagram type)"))
    return problems


# A flowchart node written as a stadium: an id, then ([label]).
STADIUM = re.compile(r"\w\(\[")
FLOWCHART = re.compile(r"^(flowchart|graph)\b")


def heavy_shapes(code: str) -> list[tuple[int, str]]:
    """Stadium nodes of a flowchart. Mermaid 11 draws a stadium's round ends as some two hundred
    short strokes, each twice: about 3 kB of the page per node (0.5-1 kB gzipped), where a rounded
    box `(label)` is one <rect>. Other diagram types are left alone."""
    lines = code.splitlines()
    body = [
        (number, line) for number, line in enumerate(lines, 1) if line.strip() and not line.strip().startswith("%%")
    ]
    start = front_matter_lines(code)
    body = [(number, line) for number, line in body if number > start]
    if not body or not FLOWCHART.match(body[0][1].strip()):
        return []
    return [
        (number, "a stadium node '([...])' weighs about 3 kB in the page: use a rounded box '(...)'")
        for number, line in body
        if STADIUM.search(line)
    ]


def mermaid_fences(ctx) -> list[tuple[str, Fence]]:
    return [(page.path, fence) for page in ctx.pages for fence in page.fences if fence.lang == "mermaid"]


@check("mermaid-a11y", "every diagram starts with single-line accTitle: and accDescr: lines")
def check_mermaid_accessibility(ctx):
    for path, fence in mermaid_fences(ctx):
        for line, message in accessibility_problems(fence.text):
            yield Finding(path, fence.first_body_line + line - 1, "mermaid-a11y", message)


@check("mermaid-shapes", "no flowchart node is a stadium, whose drawing is heavy")
def check_mermaid_shapes(ctx):
    for path, fence in mermaid_fences(ctx):
        for line, message in heavy_shapes(fence.text):
            yield Finding(path, fence.first_body_line + line - 1, "mermaid-shapes", message)
