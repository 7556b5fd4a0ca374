"""Mermaid diagrams: parsed by the same mermaid.min.js the site serves, and accessible.

Every ```mermaid fence of every page goes to one Node process (scripts/mermaid_parse.mjs),
which loads node_modules/mermaid/dist/mermaid.min.js (the file the site copies and serves) in
jsdom and calls ``mermaid.parse``. A parse error names a line inside the diagram; the finding
names the page line. Each diagram must also start with ``accTitle:`` and ``accDescr:`` lines.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from .findings import Finding, check
from .source import Fence

MERMAID_JS = "mermaid/dist/mermaid.min.js"
PARSER = Path(__file__).resolve().parent.parent / "mermaid_parse.mjs"
RE_ERROR_LINE = re.compile(r"\bline (\d+)")


def front_matter_lines(code: str) -> int:
    """Lines of a leading '---' config block, which Mermaid strips before numbering lines."""
    lines = code.splitlines()
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                return index + 1
    return 0


def error_line(code: str, message: str) -> int:
    """1-based line inside the diagram that an error message points at."""
    match = RE_ERROR_LINE.search(message)
    line = int(match.group(1)) if match else 1
    return line + front_matter_lines(code)


def summarize(message: str) -> str:
    lines = [line for line in message.splitlines() if line.strip()]
    first = lines[0] if lines else message
    expecting = next((line for line in lines[1:] if line.startswith(("Expecting", "Expected"))), "")
    if expecting:
        got = re.search(r"got '([^']*)'", expecting)
        options = re.findall(r"'([^']+)'", expecting.split(", got")[0])
        shown = ", ".join(options[:6]) + (", ..." if len(options) > 6 else "")
        expecting = f"; expected {shown}" + (f", got {got.group(1)!r}" if got else "")
    return f"{first.rstrip(':')}{expecting}"


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


def parse_diagrams(node: str, mermaid_js: Path, diagrams: list[dict]) -> list[dict]:
    """Run the Node parser over ``diagrams`` ([{"id", "code"}]); returns its results."""
    process = subprocess.run(
        [node, str(PARSER)],
        input=json.dumps({"mermaid": str(mermaid_js), "diagrams": diagrams}),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if process.returncode != 0:
        raise RuntimeError((process.stderr or process.stdout).strip().splitlines()[-1:] or ["node failed"])
    return json.loads(process.stdout)


def mermaid_fences(ctx) -> list[tuple[str, Fence]]:
    return [(page.path, fence) for page in ctx.pages for fence in page.fences if fence.lang == "mermaid"]


@check("mermaid", "every Mermaid diagram parses with the site's Mermaid (node_modules/mermaid, in jsdom)")
def check_mermaid(ctx):
    fences = mermaid_fences(ctx)
    if not fences:
        return []
    node = ctx.tool("node")
    mermaid_js = ctx.node_modules / MERMAID_JS
    first_path, first_fence = fences[0]
    if node is None:
        return [Finding(first_path, first_fence.start, "mermaid", "node is not installed: diagrams were not parsed")]
    if not mermaid_js.is_file():
        return [
            Finding(
                first_path,
                first_fence.start,
                "mermaid",
                f"{ctx.rel(mermaid_js)} is missing (run npm ci): diagrams were not parsed",
            )
        ]
    diagrams = [{"id": str(index), "code": fence.text} for index, (_, fence) in enumerate(fences)]
    try:
        results = parse_diagrams(node, mermaid_js, diagrams)
    except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
        return [Finding(first_path, first_fence.start, "mermaid", f"the Mermaid parser failed: {error}")]
    findings = []
    for result in results:
        if result.get("ok"):
            continue
        path, fence = fences[int(result["id"])]
        line = fence.first_body_line + error_line(fence.text, result.get("error", "")) - 1
        findings.append(Finding(path, line, "mermaid", summarize(result.get("error", ""))))
    return findings


@check("mermaid-a11y", "every diagram starts with single-line accTitle: and accDescr: lines")
def check_mermaid_accessibility(ctx):
    for path, fence in mermaid_fences(ctx):
        for line, message in accessibility_problems(fence.text):
            yield Finding(path, fence.first_body_line + line - 1, "mermaid-a11y", message)
