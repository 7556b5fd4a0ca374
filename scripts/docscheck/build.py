"""The strict MkDocs build: every WARNING and ERROR becomes a finding at its source line.

MkDocs names the page (``Doc file 'patterns/fan-out.md' contains a link 'x.md#y' ...``); the
line is found by looking for the link target in that page. The build itself runs once per run
(``ctx.build()``), in a subprocess, so no MkDocs internals are imported here.
"""

from __future__ import annotations

import re

from .findings import Finding, check

RE_LEVEL = re.compile(r"^(?P<level>WARNING|ERROR)\s+-\s+(?P<message>.*)$")
RE_LOG_LINE = re.compile(r"^(INFO|DEBUG|WARNING|ERROR|CRITICAL)\s+-")
RE_DOC = re.compile(r"Doc file '(?P<doc>[^']+)'")
RE_LINK = re.compile(r"contains (?:a|an absolute|an unrecognized relative) link '(?P<target>[^']*)'")
RE_PAGE_ERROR = re.compile(r"Error (?:reading|building|rendering) page '(?P<doc>[^']+)'")
RE_SNIPPET = re.compile(r"Snippet at path '(?P<target>[^']+)' could not be found")
RE_NAV_REFERENCE = re.compile(r"A reference to '(?P<doc>[^']+)' is included in the 'nav' configuration")
RE_QUOTED_MD = re.compile(r"'(?P<doc>[^' ]+\.md)'")
# A hook's own finding, already placed: "docs/x.md:12: [diagram] message" (overrides/hooks/diagrams.py).
RE_PLACED = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+): \[(?P<check>[\w-]+)\] (?P<message>.*)$", re.DOTALL)
IGNORED = (
    re.compile(r"^Aborted with \d+ warnings? in strict mode"),
    re.compile(r"MkDocs 2\.0"),
)


def parse_log(log: str) -> list[tuple[str, str]]:
    """(level, message) of each WARNING/ERROR, with continuation lines joined."""
    entries: list[list[str]] = []
    in_traceback = False
    for raw in log.splitlines():
        match = RE_LEVEL.match(raw)
        if match:
            entries.append([match.group("level"), match.group("message").strip()])
            in_traceback = False
            continue
        if RE_LOG_LINE.match(raw):
            in_traceback = False
            entries.append(["INFO", ""])
            continue
        if raw.startswith("Traceback"):
            in_traceback = True
            continue
        if entries and not in_traceback and raw.startswith((" ", "\t")) and entries[-1][0] != "INFO":
            entries[-1][1] += "\n" + raw.strip()
    return [(level, message) for level, message in entries if level != "INFO" and message]


def _link_line(page, target: str) -> int:
    """The page line of a Markdown link to ``target`` (or of the target text anywhere)."""
    if page is None:
        return 1
    for needle in (f"]({target})", f"]({target} ", f"]: {target}", f"({target})", target):
        line = page.line_of(needle, page.body_start)
        if line:
            return line
    if "#" in target:
        fragment = "#" + target.split("#", 1)[1]
        line = page.line_of(fragment, page.body_start)
        if line:
            return line
    return 1


def map_message(ctx, level: str, message: str) -> Finding:
    """Turn one MkDocs message into a finding at the right file and line."""
    docs = ctx.rel(ctx.docs_dir)
    placed = RE_PLACED.match(message)
    if placed:
        return Finding(placed["path"], int(placed["line"]), placed["check"], placed["message"].replace("\n", " "))
    first_line = message.splitlines()[0]
    doc = RE_DOC.search(first_line) or RE_PAGE_ERROR.search(first_line)
    if doc:
        page = ctx.page_for_doc(doc.group("doc"))
        path = f"{docs}/{doc.group('doc')}"
        link = RE_LINK.search(first_line)
        snippet = RE_SNIPPET.search(message)
        if link:
            line = _link_line(page, link.group("target"))
        elif snippet and page is not None:
            line = page.line_of(snippet.group("target")) or 1
        else:
            line = 1
        return Finding(path, line, "build", message.replace("\n", " "))
    nav = RE_NAV_REFERENCE.search(first_line)
    if nav:
        return Finding("mkdocs.yml", _config_line(ctx, nav.group("doc")), "build", first_line)
    if 'not included in the "nav" configuration' in first_line:
        # One finding per page; the page is the thing to fix (or add to the nav).
        raise _Many(
            [
                Finding(
                    f"{docs}/{item.lstrip('- ').strip()}",
                    1,
                    "build",
                    f"{first_line.rstrip(':')}: {item.lstrip('- ').strip()}",
                )
                for item in message.splitlines()[1:]
                if item.strip().startswith("-")
            ]
        )
    named = RE_QUOTED_MD.search(first_line)
    if named and ctx.page_for_doc(named.group("doc")) is not None:
        return Finding(f"{docs}/{named.group('doc')}", 1, "build", message.replace("\n", " "))
    return Finding("mkdocs.yml", 1, "build", f"{level.lower()}: {message}".replace("\n", " "))


class _Many(Exception):  # noqa: N818 - a control-flow carrier, not an error
    def __init__(self, findings):
        super().__init__()
        self.findings = findings


def _config_line(ctx, doc: str) -> int:
    path = ctx.root / "mkdocs.yml"
    if path.is_file():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if doc in line:
                return number
    return 1


def build_findings(ctx, log: str) -> list[Finding]:
    findings = []
    for level, message in parse_log(log):
        if any(pattern.search(message) for pattern in IGNORED):
            continue
        try:
            findings.append(map_message(ctx, level, message))
        except _Many as many:
            findings.extend(many.findings)
    return findings


@check("build", "mkdocs build --strict passes: no warning (links, anchors, nav) and no error", needs_site=True)
def check_build(ctx):
    result = ctx.build()
    if result.reused:
        ctx.notes.append("build: reusing --site-dir, so MkDocs' own link and anchor validation did not run now")
        return []
    findings = build_findings(ctx, result.log)
    if result.returncode != 0 and not findings:
        tail = " | ".join(line for line in result.log.strip().splitlines()[-3:])
        findings.append(Finding("mkdocs.yml", 1, "build", f"mkdocs build failed (exit {result.returncode}): {tail}"))
    return findings
