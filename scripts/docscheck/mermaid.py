"""Mermaid diagrams are accessible: each starts with single-line ``accTitle:`` and ``accDescr:``.

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


def mermaid_fences(ctx) -> list[tuple[str, Fence]]:
    return [(page.path, fence) for page in ctx.pages for fence in page.fences if fence.lang == "mermaid"]


@check("mermaid-a11y", "every diagram starts with single-line accTitle: and accDescr: lines")
def check_mermaid_accessibility(ctx):
    for path, fence in mermaid_fences(ctx):
        for line, message in accessibility_problems(fence.text):
            yield Finding(path, fence.first_body_line + line - 1, "mermaid-a11y", message)
