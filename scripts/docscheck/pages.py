"""Page conventions of the authoring brief: front matter, anatomy, self-checks, sources, diagrams.

Every function here takes a parsed :class:`~docscheck.source.Page` and returns findings, so
tests can call them on a string.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re

from .findings import Finding, check
from .hooks import CHECKER_REPO, load_hook
from .source import Heading, Page

PAGE_TYPES = ("pattern", "service", "overview", "reference", "guide")
REQUIRED_FRONT_MATTER = ("title", "description", "page_type", "reviewed")
# Guides are about the site itself (contributing, reading conventions): they state no AWS
# facts, so they need no Sources section and no review date.
UNSOURCED_TYPES = ("guide",)
RE_TODO = re.compile(r"\bTODO\b")
ANATOMY = {
    "pattern": (
        "Problem",
        "Solution",
        "Diagram",
        "Build it on AWS",
        "Considerations and trade-offs",
        "When to use it and when not",
        "Example",
        "Self-check",
        "Related pages",
        "Sources",
    ),
    "service": (
        "What it is",
        "Key concepts",
        "How it works",
        "Limits and gotchas",
        "Compared with alternatives",
        "Exam tips",
        "Example",
        "Self-check",
        "Related pages",
        "Sources",
    ),
}
OVERVIEW_REQUIRED = ("Self-check", "Related pages", "Sources")
BUILD_TABLE_COLUMNS = ("Role in the pattern", "AWS service", "Notes")
TOPIC_TYPES = ("pattern", "service", "overview")
# Questions a page's Self-check needs: a topic page is where the practice bank comes from.
MIN_QUESTIONS = {"pattern": 6, "service": 6, "overview": 3}
GLOSSARY_MARKER = "<!-- topic-glossary -->"
# The title line of a question, as question_bank.py defines it (the whole form is the
# question-bank check's: questions.py).
RE_QUESTION = load_hook(CHECKER_REPO, "overrides/hooks/question_bank.py").QUESTION_START
RE_BLOCK_START = re.compile(r"^(\?\?\?\+?|!!!)\s+(?P<kind>\S+)")
RE_LAST_REVIEWED = re.compile(r"^\*Last reviewed: (?P<date>\d{4}-\d{2}-\d{2})\.\*$")
RE_LINK_TARGET = re.compile(r"\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
RE_DIAGRAM_DESCRIPTION = re.compile(r"^\s*\{\s*\.diagram-description\s*\}\s*$")


def page_type(page: Page) -> str:
    value = (page.front_matter or {}).get("page_type")
    return value if isinstance(value, str) else ""


def title_line(page: Page) -> int:
    """The line of the page's H1 (or where the body starts)."""
    return next((h.line for h in page.headings if h.level == 1), page.body_start)


def article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def h2s(page: Page) -> list[Heading]:
    return [heading for heading in page.headings if heading.level == 2]


def section_lines(page: Page, title: str) -> tuple[int, int]:
    """(first, last) page lines of the H2 section ``title`` (its heading excluded); (0, 0) if absent."""
    headings = h2s(page)
    for index, heading in enumerate(headings):
        if heading.text == title:
            end = headings[index + 1].line - 1 if index + 1 < len(headings) else len(page.lines)
            return heading.line + 1, end
    return 0, 0


# ----- front matter ------------------------------------------------------------------------------
RE_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")
RE_INCLUDE_LINE = re.compile(r"""^--8<--\s+["'](?P<target>[^"']+)["']\s*$""")


def front_matter_findings(page: Page, include_first_line=None) -> list[Finding]:
    """``include_first_line(target)`` returns the first non-blank line of an included file."""
    out = []

    def add(line: int, message: str) -> None:
        out.append(Finding(page.path, line, "front-matter", message))

    if page.front_matter_error:
        add(max(page.front_matter_end, 1), page.front_matter_error)
        return out
    if page.front_matter is None:
        add(1, "page has no front matter (--- title, description, page_type, reviewed ---)")
        return out
    data = page.front_matter

    def key_line(key: str) -> int:
        for number in range(2, page.front_matter_end):
            if re.match(rf"^{re.escape(key)}\s*:", page.lines[number - 1]):
                return number
        return 1

    for key in REQUIRED_FRONT_MATTER:
        if key == "reviewed" and data.get("page_type") in UNSOURCED_TYPES:
            continue
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            add(1, f"front matter has no {key!r}")
    kind = data.get("page_type")
    if kind is not None and kind not in PAGE_TYPES:
        add(key_line("page_type"), f"page_type {kind!r} is not one of {', '.join(PAGE_TYPES)}")
    reviewed = data.get("reviewed")
    if reviewed is not None and not isinstance(reviewed, dt.date):
        add(key_line("reviewed"), f"reviewed {reviewed!r} is not a date (YYYY-MM-DD)")
    description = data.get("description")
    if isinstance(description, str) and description.strip() and not description.strip().endswith((".", "?", "!")):
        add(key_line("description"), "description should be one full sentence, ending with a period")
    # The body starts with the H1 (HTML comments aside; an included file may hold it).
    first = next(
        (
            n
            for n in range(page.body_start, len(page.lines) + 1)
            if page.lines[n - 1].strip() and not RE_COMMENT_LINE.match(page.lines[n - 1])
        ),
        0,
    )
    text = page.lines[first - 1] if first else ""
    include = RE_INCLUDE_LINE.match(text)
    if include and include_first_line is not None:
        text = include_first_line(include.group("target")) or text
    if not first or not re.match(r"^# \S", text):
        add(first or 1, "the body must start with the page title as an H1 ('# Title')")
    return out


# ----- anatomy -----------------------------------------------------------------------------------
def sequence_findings(page: Page, expected: tuple[str, ...], kind: str) -> list[Finding]:
    """Findings for H2 headings missing, unexpected, duplicated or out of order."""
    out = []
    actual = h2s(page)
    seen: dict[str, Heading] = {}
    for heading in actual:
        if heading.text not in expected:
            out.append(
                Finding(
                    page.path,
                    heading.line,
                    "page-anatomy",
                    f"unexpected H2 {heading.text!r}: a {kind} page has exactly "
                    + " · ".join(expected)
                    + " (use H3 inside them)",
                )
            )
        elif heading.text in seen:
            out.append(Finding(page.path, heading.line, "page-anatomy", f"H2 {heading.text!r} appears twice"))
        else:
            seen[heading.text] = heading
    last_index = -1
    for heading in actual:
        if heading.text not in expected or seen.get(heading.text) is not heading:
            continue
        index = expected.index(heading.text)
        if index < last_index:
            out.append(
                Finding(
                    page.path,
                    heading.line,
                    "page-anatomy",
                    f"H2 {heading.text!r} is out of order: expected " + " · ".join(expected),
                )
            )
        last_index = max(last_index, index)
    for position, title in enumerate(expected):
        if title in seen:
            continue
        following = [seen[t].line for t in expected[position + 1 :] if t in seen]
        line = min(following) if following else len(page.lines)
        out.append(
            Finding(
                page.path,
                line,
                "page-anatomy",
                f"missing H2 {title!r} (a {kind} page has " + " · ".join(expected) + ")",
            )
        )
    return out


def table_findings(page: Page) -> list[Finding]:
    first, last = section_lines(page, "Build it on AWS")
    if not first:
        return []
    for number in range(first, last + 1):
        line = page.lines[number - 1].strip()
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if tuple(cells) == BUILD_TABLE_COLUMNS:
                return []
            return [
                Finding(
                    page.path,
                    number,
                    "page-anatomy",
                    "the 'Build it on AWS' table must have the columns | " + " | ".join(BUILD_TABLE_COLUMNS) + " |",
                )
            ]
    return [
        Finding(
            page.path,
            first - 1,
            "page-anatomy",
            "'Build it on AWS' needs a table: | " + " | ".join(BUILD_TABLE_COLUMNS) + " |",
        )
    ]


def linked_docs(page: Page, page_doc: str) -> set[str]:
    """Docs (paths relative to docs/) that the page links to."""
    base = posixpath.dirname(page_doc)
    targets = set()
    for number, line in enumerate(page.lines, 1):
        if number in page.code_lines:
            continue
        for match in RE_LINK_TARGET.finditer(line):
            target = match.group("target").split("#", 1)[0]
            if not target or re.match(r"^[a-z]+:", target):
                continue
            targets.add(posixpath.normpath(posixpath.join(base, target)))
    return targets


def overview_findings(page: Page, page_doc: str, section_docs: list[str]) -> list[Finding]:
    out = []
    titles = [heading.text for heading in h2s(page)]
    for title in OVERVIEW_REQUIRED:
        if title not in titles:
            out.append(Finding(page.path, len(page.lines), "page-anatomy", f"an overview page needs an H2 {title!r}"))
    in_section = next(
        (n for n, line in enumerate(page.lines, 1) if "In this section" in line and n not in page.code_lines), 0
    )
    if not in_section:
        out.append(
            Finding(
                page.path,
                title_line(page),
                "page-anatomy",
                "an overview page needs an 'In this section' list linking every page of the section",
            )
        )
    linked = linked_docs(page, page_doc)
    for doc in section_docs:
        if doc not in linked:
            out.append(
                Finding(
                    page.path, in_section or title_line(page), "page-anatomy", f"'In this section' does not link {doc}"
                )
            )
    related = next((h for h in h2s(page) if h.text == "Related pages"), None)
    marker = next((n for n, line in enumerate(page.lines, 1) if line.strip() == GLOSSARY_MARKER), 0)
    if related is not None:
        previous = related.line - 1
        while previous > 0 and not page.lines[previous - 1].strip():
            previous -= 1
        if not marker:
            out.append(
                Finding(
                    page.path,
                    related.line,
                    "page-anatomy",
                    f"put the line {GLOSSARY_MARKER} on its own line just before '## Related pages'",
                )
            )
        elif previous != marker:
            out.append(
                Finding(
                    page.path,
                    marker,
                    "page-anatomy",
                    f"{GLOSSARY_MARKER} must come just before '## Related pages' (line {related.line})",
                )
            )
    return out


def anatomy_findings(page: Page, page_doc: str = "", section_docs: list[str] | None = None) -> list[Finding]:
    kind = page_type(page)
    out = []
    if kind in ANATOMY:
        out += sequence_findings(page, ANATOMY[kind], kind)
    if kind == "pattern":
        out += table_findings(page)
    if kind == "overview":
        out += overview_findings(page, page_doc, section_docs or [])
    if kind in TOPIC_TYPES and not any(fence.lang == "mermaid" for fence in page.fences):
        out.append(
            Finding(
                page.path, title_line(page), "page-anatomy", f"{article(kind)} {kind} page needs at least one diagram"
            )
        )
    return out


# ----- self-check --------------------------------------------------------------------------------
def question_lines(page: Page) -> list[int]:
    """The line of each '??? question' title outside code."""
    return [
        number for number, line in enumerate(page.lines, 1) if number not in page.code_lines and RE_QUESTION.match(line)
    ]


def self_check_findings(page: Page) -> list[Finding]:
    out = []
    kind = page_type(page)
    first, last = section_lines(page, "Self-check")
    if first:
        for number in range(first, last + 1):
            line = page.lines[number - 1]
            if number in page.code_lines:
                continue
            block = RE_BLOCK_START.match(line)
            if (block and not RE_QUESTION.match(line)) or (
                line.startswith("??? question") and not RE_QUESTION.match(line)
            ):
                out.append(
                    Finding(
                        page.path,
                        number,
                        "self-check",
                        'write each self-check as ??? question q-<id> "<stem>" (collapsed, titled)',
                    )
                )
    if kind in TOPIC_TYPES:
        inside = [number for number in question_lines(page) if first and first <= number <= last]
        if not first:
            pass  # the missing heading is a page-anatomy finding
        elif len(inside) < MIN_QUESTIONS[kind]:
            out.append(
                Finding(
                    page.path,
                    first - 1,
                    "self-check",
                    f"Self-check has {len(inside)} question(s); a {kind} page needs at least {MIN_QUESTIONS[kind]}",
                )
            )
    return out


# ----- sources -----------------------------------------------------------------------------------
def sources_findings(page: Page) -> list[Finding]:
    out = []
    headings = h2s(page)
    if not headings or headings[-1].text != "Sources":
        line = headings[-1].line if headings else len(page.lines) or 1
        out.append(Finding(page.path, line, "sources", "the last H2 of a page must be 'Sources'"))
    first, last = section_lines(page, "Sources")
    if first and not any(re.match(r"^\s*[-*] .*\]\(https?://", page.lines[n - 1]) for n in range(first, last + 1)):
        out.append(
            Finding(
                page.path, first - 1, "sources", "Sources lists no link (- [Title](https://...) — what it supports)"
            )
        )
    last_line = next((n for n in range(len(page.lines), 0, -1) if page.lines[n - 1].strip()), 0)
    match = RE_LAST_REVIEWED.match(page.lines[last_line - 1].strip()) if last_line else None
    if not match:
        out.append(
            Finding(
                page.path, last_line or 1, "sources", "the page must end with the line *Last reviewed: YYYY-MM-DD.*"
            )
        )
    else:
        reviewed = (page.front_matter or {}).get("reviewed")
        if isinstance(reviewed, dt.date) and match.group("date") != reviewed.isoformat():
            out.append(
                Finding(
                    page.path,
                    last_line,
                    "sources",
                    f"'Last reviewed' says {match.group('date')} "
                    f"but the front matter says reviewed: {reviewed.isoformat()}",
                )
            )
    return out


# ----- diagram descriptions ----------------------------------------------------------------------
def diagram_description_findings(page: Page) -> list[Finding]:
    out = []
    for fence in page.fences:
        if fence.lang != "mermaid":
            continue
        number = fence.end + 1
        while number <= len(page.lines) and not page.lines[number - 1].strip():
            number += 1
        paragraph = []
        while number <= len(page.lines) and page.lines[number - 1].strip():
            paragraph.append(page.lines[number - 1])
            number += 1
        ok = (
            len(paragraph) >= 2
            and RE_DIAGRAM_DESCRIPTION.match(paragraph[-1])
            and not paragraph[0].lstrip().startswith(("```", "~~~"))
        )
        if not ok:
            out.append(
                Finding(
                    page.path,
                    fence.start,
                    "diagram-description",
                    "a diagram must be followed by a paragraph that says in words what it shows, "
                    "ending with the line { .diagram-description }",
                )
            )
    return out


# ----- checks ------------------------------------------------------------------------------------
def _doc(ctx, page: Page) -> str:
    return ctx.rel(ctx.root / page.path).removeprefix(ctx.rel(ctx.docs_dir) + "/")


def section_docs(ctx, page_doc: str) -> list[str]:
    """Pages an overview (index.md) must list: its siblings and its sub-sections' index pages."""
    folder = posixpath.dirname(page_doc)
    docs = [_doc(ctx, page) for page in ctx.pages]
    out = []
    for doc in docs:
        if doc == page_doc:
            continue
        parent = posixpath.dirname(doc)
        if parent == folder or (posixpath.dirname(parent) == folder and posixpath.basename(doc) == "index.md"):
            out.append(doc)
    return sorted(out)


@check("front-matter", "every page has title, description, page_type, reviewed, then '# Title'")
def check_front_matter(ctx):
    from .fences import resolve_snippet

    def include_first_line(target: str) -> str:
        file, _, problem = resolve_snippet(ctx, target)
        if file is None or problem:
            return ""
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
        return next((line for line in lines if line.strip() and not RE_COMMENT_LINE.match(line)), "")

    for page in ctx.pages:
        yield from front_matter_findings(page, include_first_line)


@check("page-anatomy", "H2 headings per page_type, the 'Build it on AWS' table, overview lists, a diagram")
def check_anatomy(ctx):
    for page in ctx.pages:
        doc = _doc(ctx, page)
        yield from anatomy_findings(page, doc, section_docs(ctx, doc) if page_type(page) == "overview" else [])


@check("self-check", "a Self-check section holds only questions: at least 6 on a topic page, 3 on an overview")
def check_self_check(ctx):
    for page in ctx.pages:
        yield from self_check_findings(page)


@check("sources", "every page ends with a 'Sources' H2 listing links and a 'Last reviewed' line")
def check_sources(ctx):
    for page in ctx.pages:
        if page.front_matter is None and not h2s(page):
            continue  # a page with neither is reported by front-matter; one finding is enough
        if page_type(page) in UNSOURCED_TYPES:
            continue
        yield from sources_findings(page)


def todo_findings(page: Page) -> list[Finding]:
    """Template text an author has not replaced yet (make new-page writes TODO everywhere)."""
    return [
        Finding(page.path, number, "todo", "unfinished page: replace the TODO with real content")
        for number, line in enumerate(page.lines, start=1)
        if RE_TODO.search(line) and "`TODO`" not in line
    ]


@check("todo", "no TODO left from a page template")
def check_todo(ctx):
    for page in ctx.pages:
        yield from todo_findings(page)


@check("diagram-description", "every diagram is followed by a { .diagram-description } paragraph")
def check_diagram_descriptions(ctx):
    for page in ctx.pages:
        yield from diagram_description_findings(page)


# ----- related pages, both ways ------------------------------------------------------------------
def related_links(page: Page, page_doc: str) -> list[tuple[int, str]]:
    """(line, doc) for each Markdown page linked from the page's 'Related pages' section."""
    first, last = section_lines(page, "Related pages")
    base = posixpath.dirname(page_doc)
    out = []
    for number in range(first, last + 1) if first else ():
        for match in RE_LINK_TARGET.finditer(page.lines[number - 1]):
            target = match.group("target").split("#", 1)[0]
            if target.endswith(".md") and not re.match(r"^[a-z]+:", target):
                out.append((number, posixpath.normpath(posixpath.join(base, target))))
    return out


def related_both_ways_findings(pages: dict[str, Page]) -> list[Finding]:
    """A topic page listed under 'Related pages' must link back to the page that lists it."""
    out = []
    for doc, page in pages.items():
        if page_type(page) not in TOPIC_TYPES:
            continue
        for line, target in related_links(page, doc):
            other = pages.get(target)
            if other is None or page_type(other) not in TOPIC_TYPES:
                continue
            if doc not in linked_docs(other, target):
                out.append(Finding(page.path, line, "related-both-ways", f"{target} does not link back to {doc}"))
    return out


@check("related-both-ways", "topic pages named under 'Related pages' link back")
def check_related_both_ways(ctx):
    yield from related_both_ways_findings({_doc(ctx, page): page for page in ctx.pages})
