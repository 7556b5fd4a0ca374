"""Read Markdown pages the way the site's extensions do, keeping source line numbers.

Pure functions only: :func:`parse_page` splits front matter, finds ATX headings and fenced
code blocks (with the same header rules as ``pymdownx.superfences``, so a fence that the site
would not render as code is seen as such here too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from markdown.extensions.attr_list import get_attrs
from pymdownx.superfences import RE_HL_LINES, RE_LINENUMS, RE_NESTED_FENCE_START, RE_OPTIONS

FRONT_MATTER_DELIMITER = "---"
RE_ATX = re.compile(r"^(?P<level>#{1,6})[ \t]+(?P<text>.*?)[ \t]*#*[ \t]*$")
RE_HEADING_ATTRS = re.compile(r"[ \t]*\{(?P<attrs>[^}]*)\}[ \t]*$")
PREFIX_CHARS = (" ", "\t", ">")
HIGHLIGHT_OPTIONS = {"hl_lines": RE_HL_LINES, "linenums": RE_LINENUMS, "title": None, "title_mode": None}


@dataclass
class FenceHeader:
    """What superfences makes of an opening fence line."""

    fence: str
    lang: str = ""
    classes: list[str] = field(default_factory=list)
    id: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    options: dict[str, str] = field(default_factory=dict)
    ok: bool = True
    error: str = ""


@dataclass
class Fence:
    """A fenced code block of a page. Lines are 1-based page lines."""

    start: int
    end: int
    indent: int
    header: FenceHeader
    body: list[str]
    closed: bool = True

    @property
    def lang(self) -> str:
        return self.header.lang

    @property
    def first_body_line(self) -> int:
        return self.start + 1

    @property
    def text(self) -> str:
        return "".join(line + "\n" for line in self.body)


@dataclass
class Heading:
    line: int
    level: int
    text: str
    id: str = ""


@dataclass
class Page:
    """A Markdown source file."""

    path: str  # relative to the repository root, POSIX style
    lines: list[str]
    front_matter: dict | None
    front_matter_error: str
    front_matter_end: int  # line of the closing '---' (0 when there is no front matter)
    headings: list[Heading]
    fences: list[Fence]
    bad_fences: list[Fence]
    code_lines: set[int]  # page lines inside fences (delimiters included)

    @property
    def body_start(self) -> int:
        return self.front_matter_end + 1

    def line_of(self, needle: str, start: int = 1) -> int:
        """First page line (>= start) containing ``needle``, or 0."""
        for number in range(max(start, 1), len(self.lines) + 1):
            if needle in self.lines[number - 1]:
                return number
        return 0


def leading_prefix(line: str) -> int:
    """Length of the leading whitespace and blockquote markers (as superfences counts them)."""
    count = 0
    for char in line:
        if char not in PREFIX_CHARS:
            break
        count += 1
    return count


def parse_fence_header(text: str, custom_fences: frozenset[str] = frozenset({"mermaid"})) -> FenceHeader | None:
    """Parse an opening fence line (without its indentation) like superfences does.

    Returns None when the line does not start with a fence. ``ok`` is False when superfences
    would not accept the header, in which case the block is not rendered as code at all.
    """
    match = RE_NESTED_FENCE_START.match(text)
    if match is None:
        return None
    header = FenceHeader(fence=match.group("fence"))
    if match.group("unrecognized"):
        header.lang = match.group("lang") or ""
        header.ok = False
        header.error = (
            f"fence header {text.strip()!r} is not understood by pymdownx.superfences, so the block is not "
            'rendered as code; put attributes in braces, e.g. ``` { .yaml title="x.yaml" }'
        )
        return header
    if match.group("attrs") is not None:
        for key, value in get_attrs(match.group("attrs")):
            if key == "id":
                header.id = value
            elif key == ".":
                header.classes.append(value)
            else:
                header.attrs[key] = value
        header.lang = match.group("lang") or (header.classes.pop(0) if header.classes else "")
        return header
    header.lang = match.group("lang") or ""
    for option in RE_OPTIONS.finditer(match.group("options") or ""):
        key = option.group("key")
        value = option.group("value")
        if value is None:
            value = key
        header.options[key] = value
    if header.options and header.lang in custom_fences:
        header.ok = False
        header.error = (
            f"a {header.lang} fence takes no options outside braces ({', '.join(header.options)}): "
            "the block is not rendered at all"
        )
        return header
    for key, value in header.options.items():
        validator = HIGHLIGHT_OPTIONS.get(key, False)
        if validator is False or (validator is not None and validator.match(value) is None):
            header.ok = False
            header.error = (
                f"fence header {text.strip()!r} is not rendered as code by pymdownx.superfences: only title, "
                "hl_lines and linenums may follow the language; put other attributes in braces, e.g. "
                '``` { .yaml data-check="..." }'
            )
            return header
    return header


def find_fences(
    lines: list[str], custom_fences: frozenset[str] = frozenset({"mermaid"})
) -> tuple[list[Fence], list[Fence]]:
    """Return (fences, fences with a header superfences rejects). Line numbers are 1-based."""
    fences: list[Fence] = []
    bad: list[Fence] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        indent = leading_prefix(line)
        header = parse_fence_header(line[indent:], custom_fences)
        if header is None:
            index += 1
            continue
        # Look for the closing fence: the same fence string at the same indentation.
        body: list[str] = []
        closing = None
        abandoned = False
        for j in range(index + 1, len(lines)):
            candidate = lines[j]
            if candidate.strip() == "":
                body.append("")
                continue
            prefix = leading_prefix(candidate)
            if prefix < indent:
                abandoned = True
                break
            content = candidate[indent:]
            if prefix == indent and re.match(re.escape(header.fence) + r"[ \t]*$", content):
                closing = j
                break
            body.append(content)
        if abandoned or closing is None:
            # superfences gives up on this fence; what follows is ordinary Markdown.
            if not header.ok:
                bad.append(Fence(index + 1, index + 1, indent, header, [], closed=False))
            elif closing is None and not abandoned:
                fences.append(Fence(index + 1, len(lines), indent, header, body, closed=False))
                break
            index += 1
            continue
        fence = Fence(index + 1, closing + 1, indent, header, body)
        (fences if header.ok else bad).append(fence)
        index = closing + 1
    return fences, bad


def split_front_matter(lines: list[str]) -> tuple[dict | None, str, int]:
    """Return (front matter mapping or None, parse error, line number of the closing delimiter)."""
    if not lines or lines[0].strip() != FRONT_MATTER_DELIMITER:
        return None, "", 0
    for index in range(1, len(lines)):
        if lines[index].strip() in (FRONT_MATTER_DELIMITER, "..."):
            block = "\n".join(lines[1:index])
            try:
                data = yaml.safe_load(block) if block.strip() else {}
            except yaml.YAMLError as error:
                return None, f"front matter is not valid YAML: {error}", index + 1
            if data is None:
                data = {}
            if not isinstance(data, dict):
                return None, "front matter is not a mapping", index + 1
            return data, "", index + 1
    return None, "front matter is not closed with '---'", 0


def find_headings(lines: list[str], code_lines: set[int], start: int = 1) -> list[Heading]:
    """ATX headings that start in the first column, outside code blocks."""
    headings = []
    for number in range(start, len(lines) + 1):
        if number in code_lines:
            continue
        match = RE_ATX.match(lines[number - 1])
        if not match:
            continue
        text = match.group("text")
        heading_id = ""
        attrs = RE_HEADING_ATTRS.search(text)
        if attrs:
            for key, value in get_attrs(attrs.group("attrs")):
                if key == "id":
                    heading_id = value
            text = text[: attrs.start()].rstrip()
        headings.append(Heading(number, len(match.group("level")), text, heading_id))
    return headings


def parse_page(path: str, text: str, custom_fences: frozenset[str] = frozenset({"mermaid"})) -> Page:
    lines = text.splitlines()
    front_matter, error, end = split_front_matter(lines)
    body = lines[end:]
    fences, bad = find_fences(body, custom_fences)
    for fence in (*fences, *bad):
        fence.start += end
        fence.end += end
    code_lines: set[int] = set()
    for fence in fences:
        code_lines.update(range(fence.start, fence.end + 1))
    headings = find_headings(lines, code_lines, start=end + 1)
    return Page(path, lines, front_matter, error, end, headings, fences, bad, code_lines)
