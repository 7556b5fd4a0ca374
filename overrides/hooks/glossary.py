"""The glossary: one YAML source, felt on every page.

`docs/reference/glossary.yml` (kept out of the published site by `exclude_docs`) is a list of
entries. From it this hook

1. writes the glossary page: `<!-- glossary -->` in docs/reference/glossary.md becomes the terms in
   alphabetical order, a letter index, one heading (= anchor = search result) per term, and per term
   its expansion, definition, details, related terms, topics, source and the pages that use it;
2. writes one glossary per topic: `<!-- topic-glossary -->` on a section's landing page becomes that
   topic's terms, each linking to its full entry (and each full entry links back to its topics);
3. appends `*[SNS]: expansion — definition` abbreviations to every page, then keeps one rendered
   `<abbr>` per term and page (the first mention, and none for a term the page links to its entry)
   and makes it focusable, so its tooltip (docs/assets/javascripts/tooltips.js) opens on hover,
   keyboard focus and tap; an abbreviation inside a heading or a link is unwrapped again;
4. resolves author links `[IAM role][g:iam-role]` by appending `[g:<id>]: <relative path>#<id>` to
   every page (relative to the page's source file, so MkDocs rewrites it for any `site_url` and for
   `use_directory_urls: false`);
5. links the first mention of each `autolink` term on a page to its entry, never inside code,
   headings, links, admonition titles, HTML or front matter, and never on the glossary page.

Problems in the YAML or an unknown `g:` reference stop the build with `path:line: message`.
An entry that no page mentions is only logged (see `log_unused`): a placeholder page must not break the
build; `scripts/docscheck/glossary.py` reports it as a finding.

Everything but the `on_*` event handlers is a pure function over strings and data, imported by the
tests and by the check module (by file path, since hooks are not a package).
"""

from __future__ import annotations

import functools
import logging
import os
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

try:  # MkDocs is present at build time; the check module may import this file without it.
    from mkdocs.exceptions import PluginError
except ImportError:  # pragma: no cover
    PluginError = RuntimeError  # type: ignore[assignment,misc]

# --------------------------------------------------------------------------------------------------
# Conventions (paths are relative to docs_dir, in MkDocs' forward-slash form)
# --------------------------------------------------------------------------------------------------

SOURCE_FILE = "reference/glossary.yml"
GLOSSARY_PAGE = "reference/glossary.md"
GLOSSARY_MARKER = "<!-- glossary -->"
# Each entry of the glossary page is written in a box of this class, which the stylesheet gives
# `content-visibility: auto`: the page has 140-odd entries and nearly 4,000 elements, and the
# browser then lays out only the entries near the screen (or jumped to, or found with
# find-in-page), not all of them on every layout. Measured on Lighthouse mobile (2026-12-07,
# four runs each), the page's speed index went from 4.0 s to 1.7 s and its score from 95 to 99.
ENTRY_CLASS = "glossary-entry"
TOPIC_MARKER = "<!-- topic-glossary -->"
TOPIC_ANCHOR = "topic-glossary"
REF_PREFIX = "g:"
AUTOLINK_CLASS = "glossary-link"

# topic id -> (landing page, label)
TOPICS: dict[str, tuple[str, str]] = {
    "messaging": ("patterns/index.md", "Messaging"),
    "identity": ("identity/index.md", "Identity and access"),
    "observability": ("observability/index.md", "Observability"),
    "delivery": ("delivery/index.md", "Delivery"),
    "iac": ("iac/index.md", "Infrastructure as code"),
}

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Where a source may live: AWS documentation, plus two vendor-neutral catalogs for the pattern names
# (Sbarski's book excerpt and the Azure Architecture Center), which no AWS page defines.
SOURCE_HOSTS = ("docs.aws.amazon.com", "aws.amazon.com", "learn.microsoft.com", "freecontent.manning.com")
SOURCE_RE = re.compile(r"^https://(?:" + "|".join(re.escape(h) for h in SOURCE_HOSTS) + r")/\S*$")
KNOWN_KEYS = {
    "id",
    "term",
    "expansion",
    "aliases",
    "definition",
    "details",
    "related",
    "source",
    "source_title",
    "topics",
    "abbr",
    "autolink",
}
REQUIRED_KEYS = ("id", "term", "definition", "source", "topics")

# Set GLOSSARY_STRICT_UNUSED=1 to turn "used on no page" into a real MkDocs warning (fails --strict).
STRICT_UNUSED_ENV = "GLOSSARY_STRICT_UNUSED"

log = logging.getLogger("mkdocs.hooks.glossary")
# Outside the "mkdocs" logger tree on purpose: MkDocs' strict mode counts warnings there only.
advisory_log = logging.getLogger("glossary")


# --------------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where it is: `path:line: message`."""

    path: str
    line: int
    message: str
    check: str = "glossary"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Entry:
    id: str
    term: str
    definition: str
    source: str
    topics: tuple[str, ...]
    expansion: str = ""
    aliases: tuple[str, ...] = ()
    details: str = ""
    related: tuple[str, ...] = ()
    source_title: str = ""
    abbr: bool = False
    autolink: bool = True
    line: int = 0
    # line of each key, and of each item of a list key
    key_lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    item_lines: Mapping[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    def line_of(self, key: str, index: int | None = None) -> int:
        if index is not None and index < len(self.item_lines.get(key, ())):
            return self.item_lines[key][index]
        return self.key_lines.get(key, self.line)

    @property
    def names(self) -> tuple[str, ...]:
        """The term and its aliases: every written form that mentions the entry."""
        return (self.term, *self.aliases)


@dataclass(frozen=True)
class SourcePage:
    """A Markdown page as written (front matter included), for mentions and reference checks."""

    src_uri: str  # "identity/permissions.md"
    path: str  # shown in messages: "docs/identity/permissions.md"
    text: str
    title: str = ""


# --------------------------------------------------------------------------------------------------
# Loading and validating the YAML
# --------------------------------------------------------------------------------------------------


def _scalar(loader: yaml.SafeLoader, node: yaml.Node):
    return loader.construct_object(node, deep=True)


def parse_glossary(text: str, path: str = "docs/" + SOURCE_FILE) -> tuple[list[Entry], list[Problem]]:
    """Read the YAML list into entries; problems of single entries are returned, not raised."""
    problems: list[Problem] = []
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
        try:
            root = loader.get_single_node()
            if root is None:
                return [], [Problem(path, 1, "the glossary is empty: expected a YAML list of entries")]
            if not isinstance(root, yaml.SequenceNode):
                return [], [
                    Problem(
                        path,
                        root.start_mark.line + 1,
                        "the glossary must be a YAML list of entries (a list shows duplicates)",
                    )
                ]
            entries = []
            for item in root.value:
                entry, item_problems = _parse_entry(loader, item, path)
                problems.extend(item_problems)
                if entry is not None:
                    entries.append(entry)
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return [], [Problem(path, line, f"not valid YAML: {getattr(error, 'problem', error)}")]
    return entries, problems


def _parse_entry(loader, node, path) -> tuple[Entry | None, list[Problem]]:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        return None, [Problem(path, line, "each glossary entry must be a mapping (id, term, definition, ...)")]
    problems: list[Problem] = []
    values: dict = {}
    key_lines: dict[str, int] = {}
    item_lines: dict[str, tuple[int, ...]] = {}
    for key_node, value_node in node.value:
        key = str(_scalar(loader, key_node))
        key_line = key_node.start_mark.line + 1
        if key in values:
            problems.append(Problem(path, key_line, f"key '{key}' is given twice in this entry"))
        if key not in KNOWN_KEYS:
            problems.append(Problem(path, key_line, f"unknown key '{key}' (known: {', '.join(sorted(KNOWN_KEYS))})"))
            continue
        values[key] = _scalar(loader, value_node)
        key_lines[key] = key_line
        if isinstance(value_node, yaml.SequenceNode):
            item_lines[key] = tuple(item.start_mark.line + 1 for item in value_node.value)
    label = f"entry '{values['id']}'" if isinstance(values.get("id"), str) else "entry"
    for key in REQUIRED_KEYS:
        value = values.get(key)
        if value is None or (isinstance(value, str | list) and not value):
            problems.append(Problem(path, line, f"{label} has no {key}"))
    if problems and any(p.message.endswith(" has no id") or p.message.endswith(" has no term") for p in problems):
        return None, problems

    def text(key: str) -> str:
        value = values.get(key, "")
        if value is None:
            return ""
        if not isinstance(value, str):
            problems.append(Problem(path, key_lines.get(key, line), f"{label}: '{key}' must be a string"))
            return str(value)
        return value.strip()

    def strings(key: str) -> tuple[str, ...]:
        value = values.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(Problem(path, key_lines.get(key, line), f"{label}: '{key}' must be a list of strings"))
            return ()
        return tuple(v.strip() for v in value)

    def flag(key: str, default: bool) -> bool:
        value = values.get(key, default)
        if not isinstance(value, bool):
            problems.append(Problem(path, key_lines.get(key, line), f"{label}: '{key}' must be true or false"))
            return default
        return value

    entry = Entry(
        id=text("id"),
        term=text("term"),
        definition=text("definition"),
        source=text("source"),
        topics=strings("topics"),
        expansion=text("expansion"),
        aliases=strings("aliases"),
        details=text("details"),
        related=strings("related"),
        source_title=text("source_title"),
        abbr=flag("abbr", False),
        autolink=flag("autolink", True),
        line=line,
        key_lines=key_lines,
        item_lines=item_lines,
    )
    if entry.id and not ID_RE.match(entry.id):
        problems.append(Problem(path, entry.line_of("id"), f"id '{entry.id}' is not kebab-case (a-z, 0-9, -)"))
    if "\n" in entry.definition:
        problems.append(Problem(path, entry.line_of("definition"), f"{label}: the definition must be one line"))
    if entry.source and not SOURCE_RE.match(entry.source):
        problems.append(
            Problem(
                path,
                entry.line_of("source"),
                f"{label}: source must be an https:// page on one of {', '.join(SOURCE_HOSTS)}, not '{entry.source}'",
            )
        )
    for index, topic in enumerate(entry.topics):
        if topic not in TOPICS:
            problems.append(
                Problem(
                    path,
                    entry.line_of("topics", index),
                    f"{label}: unknown topic '{topic}' (known: {', '.join(TOPICS)})",
                )
            )
    if entry.abbr and not abbreviation_keys(entry):
        problems.append(
            Problem(
                path, entry.line_of("abbr"), f"{label}: abbr is true but neither the term nor an alias is a single word"
            )
        )
    return entry, problems


def validate_entries(entries: Sequence[Entry], path: str = "docs/" + SOURCE_FILE) -> list[Problem]:
    """Problems across entries: duplicate ids, terms and aliases; related ids that do not exist."""
    problems: list[Problem] = []
    seen_ids: dict[str, Entry] = {}
    seen_names: dict[str, tuple[Entry, str]] = {}
    for entry in entries:
        if entry.id in seen_ids:
            first = seen_ids[entry.id]
            problems.append(
                Problem(path, entry.line_of("id"), f"duplicate id '{entry.id}' (first at line {first.line_of('id')})")
            )
        else:
            seen_ids[entry.id] = entry
        for index, name in enumerate(entry.names):
            kind, line = (
                ("term", entry.line_of("term")) if index == 0 else ("alias", entry.line_of("aliases", index - 1))
            )
            key = normalize(name)
            if key in seen_names:
                other, other_kind = seen_names[key]
                where = "this entry" if other is entry else f"entry '{other.id}'"
                problems.append(
                    Problem(
                        path,
                        line,
                        f"duplicate {kind} '{name}': already the {other_kind} of {where} (line {other.line})",
                    )
                )
            else:
                seen_names[key] = (entry, kind)
    for entry in entries:
        for entry_id, offset in glossary_references(entry.details):
            if entry_id not in seen_ids:
                problems.append(
                    Problem(
                        path,
                        entry.line_of("details") + offset,
                        f"entry '{entry.id}': details link to unknown glossary term '{REF_PREFIX}{entry_id}'",
                    )
                )
        for index, related in enumerate(entry.related):
            if related not in seen_ids:
                problems.append(
                    Problem(
                        path,
                        entry.line_of("related", index),
                        f"entry '{entry.id}': related id '{related}' is not a glossary entry",
                    )
                )
            elif related == entry.id:
                problems.append(
                    Problem(path, entry.line_of("related", index), f"entry '{entry.id}' lists itself as related")
                )
    return problems


def load_glossary(file: Path, shown_path: str | None = None) -> tuple[list[Entry], list[Problem]]:
    """Parse and validate the YAML file; return the entries and every problem found."""
    shown = shown_path or str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        return [], [Problem(shown, 1, f"cannot read the glossary: {error.strerror}")]
    entries, problems = parse_glossary(text, shown)
    return entries, problems + validate_entries(entries, shown)


def normalize(name: str) -> str:
    return " ".join(name.casefold().split())


# --------------------------------------------------------------------------------------------------
# Matching terms in Markdown
# --------------------------------------------------------------------------------------------------

MASK = "\x00"
FRONT_MATTER_RE = re.compile(r"\A-{3}[ \t]*\n(?P<yaml>.*?\n)(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)
FENCE_OPEN_RE = re.compile(r"^(?P<indent>[ \t>]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
INLINE_CODE_RE = re.compile(r"(?<![`\\])(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)(?P=ticks)(?!`)", re.DOTALL)
ABBR_DEF_RE = re.compile(r"^\*\[[^\]\n]*\]:.*$", re.MULTILINE)
REF_DEF_RE = re.compile(r"^[ \t]*\[(?!\^)(?P<label>[^\]\n]+)\]:[ \t]*\S.*$", re.MULTILINE)
FOOTNOTE_LABEL_RE = re.compile(r"\[\^[^\]\n]*\]:?")
SNIPPET_RE = re.compile(r"^[ \t]*-{1,}8<-{1,}.*$", re.MULTILINE)
HTML_BLOCK_TAGS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "canvas",
    "center",
    "details",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "iframe",
    "main",
    "nav",
    "noscript",
    "ol",
    "p",
    "pre",
    "script",
    "section",
    "style",
    "summary",
    "table",
    "ul",
    "video",
    "audio",
    "math",
    "svg",
}
HTML_BLOCK_START_RE = re.compile(r"^[ ]{0,3}<(?P<tag>[A-Za-z][\w-]*)(?=[\s/>]|$)(?P<attrs>[^>]*)")
HTML_INLINE_ELEMENT_RE = re.compile(
    r"<(?P<tag>a|abbr|code|kbd|pre|samp|var|script|style|button|label|svg|span)\b[^>]*>.*?</(?P=tag)\s*>",
    re.DOTALL | re.IGNORECASE,
)
HTML_TAG_RE = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
AUTOLINK_URL_RE = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>")
BARE_URL_RE = re.compile(r"\b(?:https?|ftp)://[^\s<>()\[\]]+")
ATTR_LIST_RE = re.compile(r"\{:?[ \t]*[#.\w][^{}\n]*\}")
EMOJI_RE = re.compile(r"(?<![\w:]):[a-z0-9]+(?:[-_+][a-z0-9]+)*:(?![\w:])")
LINK_TEXT = r"\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
INLINE_LINK_RE = re.compile(r"!?" + LINK_TEXT + r"(?P<dest>\((?:[^()\n]|\([^()\n]*\))*\))")
REF_LINK_RE = re.compile(r"!?" + LINK_TEXT + r"\[(?P<label>[^\[\]\n]*)\]")
SHORTCUT_LINK_RE = re.compile(r"!?" + LINK_TEXT + r"(?![(\[:])")
HEADING_RE = re.compile(r"^[ \t]*#{1,6}(?:[ \t].*)?$", re.MULTILINE)
BLOCK_TITLE_RE = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?|===\+?)(?:[ \t].*)?$", re.MULTILINE)
_G_LABEL = r"[ \t]*(?P<label>" + re.escape(REF_PREFIX) + r"[^\[\]\n]*?)[ \t]*"
GLOSSARY_REF_RE = re.compile(r"!?" + LINK_TEXT + r"\[" + _G_LABEL + r"\]")
COLLAPSED_GLOSSARY_REF_RE = re.compile(r"\[" + _G_LABEL + r"\]\[\]")


NOT_NEWLINE_RE = re.compile(r"[^\n]")


def _blank(text: str, start: int, end: int) -> str:
    """Replace text[start:end] with MASK, keeping line breaks (so offsets and lines stay put)."""
    return text[:start] + NOT_NEWLINE_RE.sub(MASK, text[start:end]) + text[end:]


def _blank_all(text: str, pattern: re.Pattern, group: str | int = 0, *, upto_end: bool = False) -> str:
    """Blank every match of `pattern` (or only its `group`; with `upto_end`, from the group's end on)."""

    def blank(match: re.Match) -> str:
        start, end = match.span(group)
        if start < 0:
            return match.group(0)
        if upto_end:
            start, end = end, match.end()
        offset, whole = match.start(), match.group(0)
        return (
            whole[: start - offset]
            + NOT_NEWLINE_RE.sub(MASK, whole[start - offset : end - offset])
            + whole[end - offset :]
        )

    return pattern.sub(blank, text)


def mask_code(text: str) -> str:
    """Blank out what is never prose: front matter, fenced code, inline code, HTML comments.

    The result has the same length and line breaks as `text`, so a position found in it is a position
    in `text`. Reference-style link syntax stays visible (the reference checks need it).
    """
    if match := FRONT_MATTER_RE.match(text):
        text = _blank(text, 0, match.end())
    lines = text.split("\n")
    fence: tuple[str, int] | None = None
    for number, line in enumerate(lines):
        if fence is None:
            opened = FENCE_OPEN_RE.match(line)
            if opened and not (opened["fence"][0] == "`" and "`" in opened["info"]):
                fence = (opened["fence"][0], len(opened["fence"]))
                lines[number] = MASK * len(line)
        else:
            stripped = line.strip(" \t>")
            char, length = fence
            if stripped and set(stripped) == {char} and len(stripped) >= length:
                fence = None
            lines[number] = MASK * len(line)
    text = "\n".join(lines)
    text = _blank_all(text, HTML_COMMENT_RE)
    return _blank_all(text, INLINE_CODE_RE)


def _mask_html_blocks(text: str) -> str:
    """Blank raw HTML blocks (block-level tag, no `markdown` attribute): Markdown is not read inside."""
    lines = text.split("\n")
    closing: str | None = None
    for number, line in enumerate(lines):
        if closing is None:
            start = HTML_BLOCK_START_RE.match(line)
            if not start or start["tag"].lower() not in HTML_BLOCK_TAGS or "markdown" in start["attrs"]:
                continue
            tag = start["tag"].lower()
            lines[number] = MASK * len(line)
            if f"</{tag}" not in line.lower() and tag != "hr":
                closing = f"</{tag}"
        else:
            lines[number] = MASK * len(line)
            if closing in line.lower():
                closing = None
    return "\n".join(lines)


def mask_markdown(text: str, *, keep_structure: bool = False) -> str:
    """Blank everything that is not running prose a term may be matched in.

    Always blanked: front matter, code, HTML (comments, tags, inline elements, raw HTML blocks), link
    destinations and labels, reference/abbreviation definitions, snippet lines, attribute lists, emoji
    shortcodes, URLs. With `keep_structure=False` (automatic linking) also headings, admonition, details and
    tab titles, and link text; with `keep_structure=True` (finding mentions) those stay readable.
    """
    text = mask_code(text)
    for pattern in (ABBR_DEF_RE, REF_DEF_RE, SNIPPET_RE):
        text = _blank_all(text, pattern)
    text = _blank_all(text, FOOTNOTE_LABEL_RE)
    text = _blank_all(text, HTML_INLINE_ELEMENT_RE)
    text = _blank_all(text, AUTOLINK_URL_RE)
    text = _mask_html_blocks(text)
    text = _blank_all(text, HTML_TAG_RE)
    text = _blank_all(text, BARE_URL_RE)
    text = _blank_all(text, ATTR_LIST_RE)
    text = _blank_all(text, EMOJI_RE)
    if keep_structure:
        text = _blank_all(text, INLINE_LINK_RE, "dest")
        text = _blank_all(text, REF_LINK_RE, "text", upto_end=True)
    else:
        text = _blank_all(text, INLINE_LINK_RE)
        text = _blank_all(text, REF_LINK_RE)
        text = _blank_all(text, SHORTCUT_LINK_RE)
        text = _blank_all(text, HEADING_RE)
        text = _blank_all(text, BLOCK_TITLE_RE)
    return text


def plural_forms(name: str) -> tuple[str, ...]:
    """English plural of the last word, for names that have one ('ARN' -> 'ARNs', 'policy' -> 'policies')."""
    if not name or not name[-1].isalpha() or name[-1] in "sS":
        return ()
    last = re.split(r"[\s-]", name)[-1]
    if last.isupper():
        return (name + "s",)
    if name.endswith("y") and len(name) > 1 and name[-2].lower() not in "aeiou":
        return (name[:-1] + "ies",)
    if name.endswith(("x", "z", "ch", "sh")):
        return (name + "es",)
    return (name + "s",)


def _form_tokens(form: str) -> list[str]:
    """Regex pieces of one written form: case-sensitive, except the first letter of an all-lowercase form."""
    parts: list[str] = []
    for index, char in enumerate(form):
        if char.isspace():
            if not parts or parts[-1] != r"[ \t]+":
                parts.append(r"[ \t]+")
        elif index == 0 and char.isalpha() and not any(c.isupper() for c in form[1:]):
            parts.append(f"[{char.upper()}{char.lower()}]")
        else:
            parts.append(re.escape(char))
    return parts


def _trie_pattern(forms: Iterable[str]) -> str:
    """One regex for many forms, shared prefixes factored out: far faster than a flat alternation.

    Optional tails are greedy, so the longest form wins at a position (backtracking to a shorter one if
    the word boundary after the longer one fails).
    """
    end = ""  # marks a complete form; a key no token can equal
    trie: dict = {}
    for form in forms:
        node = trie
        for token in _form_tokens(form):
            node = node.setdefault(token, {})
        node[end] = {}

    def emit(node: dict) -> str:
        branches = [token + emit(child) for token, child in sorted(node.items()) if token != end]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end in node:
            return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    return emit(trie)


# A term starts and ends a word: not glued to letters, digits, or identifier and path punctuation
# (a hyphen is fine: SNS-to-SQS mentions both).
NOT_BEFORE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_:/@$#.\\")
WORD_AFTER = r"(?![A-Za-z0-9_:/@$#]|\.[A-Za-z0-9])"


@dataclass(frozen=True)
class Matcher:
    """Finds any written form of any entry; `owner` maps a normalized form to its entry id."""

    pattern: re.Pattern | None
    owner: Mapping[str, str]

    def finditer(self, text: str) -> Iterable[tuple[re.Match, str]]:
        """Non-overlapping whole-word matches, left to right."""
        if self.pattern is None:
            return
        position = 0
        while match := self.pattern.search(text, position):
            if match.start() and text[match.start() - 1] in NOT_BEFORE:
                position = match.start() + 1
                continue
            owner = self.owner.get(normalize(match.group(0)))
            if owner is not None:
                yield match, owner
            position = match.end()


def build_matcher(entries: Iterable[Entry]) -> Matcher:
    """One regex for every term, alias and generated plural; the longest form wins at a position."""
    owner: dict[str, str] = {}
    entries = list(entries)
    for entry in entries:  # written forms first, so they win over a generated plural
        for name in entry.names:
            owner.setdefault(normalize(name), entry.id)
    for entry in entries:
        for name in entry.names:
            for plural in plural_forms(name):
                owner.setdefault(normalize(plural), entry.id)
    forms: dict[str, str] = {}
    for entry in entries:
        for name in entry.names:
            for form in (name, *plural_forms(name)):
                if owner.get(normalize(form)) == entry.id:
                    forms.setdefault(form, entry.id)
    if not forms:
        return Matcher(None, owner)
    return Matcher(re.compile("(?:" + _trie_pattern(forms) + ")" + WORD_AFTER), owner)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def glossary_references(text: str) -> list[tuple[str, int]]:
    """Every `[text][g:id]` (and `[g:id][]`) outside code: (id, line)."""
    masked = mask_code(text)
    found = []
    for pattern in (GLOSSARY_REF_RE, COLLAPSED_GLOSSARY_REF_RE):
        for match in pattern.finditer(masked):
            found.append((match["label"][len(REF_PREFIX) :].strip(), line_of(text, match.start())))
    return sorted(found, key=lambda item: item[1])


def find_mentions(text: str, matcher: Matcher) -> dict[str, int]:
    """Entry id -> line of its first mention (term, alias, plural or `g:` reference) outside code."""
    mentions: dict[str, int] = {}
    masked = mask_markdown(text, keep_structure=True)
    for match, entry_id in matcher.finditer(masked):
        mentions.setdefault(entry_id, line_of(text, match.start()))
    for entry_id, line in glossary_references(text):
        if entry_id not in mentions or line < mentions[entry_id]:
            mentions[entry_id] = line
    return mentions


def reference_problems(page: SourcePage, known_ids: Iterable[str]) -> list[Problem]:
    """A `g:` reference whose id is not in the glossary."""
    known = set(known_ids)
    return [
        Problem(page.path, line, f"unknown glossary term '{REF_PREFIX}{entry_id}': no entry has the id '{entry_id}'")
        for entry_id, line in glossary_references(page.text)
        if entry_id not in known
    ]


# --------------------------------------------------------------------------------------------------
# Rewriting a page's Markdown
# --------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def relative_link(from_src_uri: str, to_src_uri: str) -> str:
    """Path of `to` relative to the directory of `from` (both docs-relative .md paths)."""
    return posixpath.relpath(to_src_uri, posixpath.dirname(from_src_uri) or ".")


def entry_link(from_src_uri: str, entry_id: str) -> str:
    return f"{relative_link(from_src_uri, GLOSSARY_PAGE)}#{entry_id}"


def plain_text(markdown_text: str) -> str:
    """A one-line definition without Markdown syntax, for a title attribute."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)
    text = re.sub(r"[`*_]{1,3}", "", text)
    return " ".join(text.replace('"', "'").replace("|", "/").split())


def tooltip_text(entry: Entry) -> str:
    """`expansion — definition` (the term stands in for a missing expansion)."""
    return f"{entry.expansion or entry.term} — {plain_text(entry.definition)}"


def abbreviation_keys(entry: Entry) -> tuple[str, ...]:
    """The forms an abbreviation tooltip is attached to: single-word term/aliases, with their plurals."""
    keys = []
    for name in entry.names:
        if name.split() == [name]:
            for form in (name, *plural_forms(name)):
                if form not in keys:
                    keys.append(form)
    return tuple(keys)


def abbreviation_lines(entries: Iterable[Entry]) -> list[str]:
    lines = []
    for entry in entries:
        if entry.abbr:
            title = tooltip_text(entry)
            lines.extend(f"*[{key}]: {title}" for key in abbreviation_keys(entry))
    return lines


def reference_definitions(src_uri: str, entries: Iterable[Entry]) -> list[str]:
    return [f"[{REF_PREFIX}{entry.id}]: {entry_link(src_uri, entry.id)}" for entry in entries]


def append_definitions(markdown_text: str, src_uri: str, entries: Sequence[Entry]) -> str:
    """Append abbreviations and `g:` link references (invisible; each must start a line)."""
    lines = abbreviation_lines(entries) + reference_definitions(src_uri, entries)
    return markdown_text.rstrip("\n") + "\n\n<!-- glossary definitions -->\n\n" + "\n".join(lines) + "\n"


def explicitly_linked(markdown_text: str) -> set[str]:
    """Ids the author already links (a `g:` reference or a link to the glossary page's anchor)."""
    ids = {entry_id for entry_id, _ in glossary_references(markdown_text)}
    ids |= set(re.findall(r"glossary\.md#([a-z0-9-]+)", mask_code(markdown_text)))
    return ids


def autolink(markdown_text: str, src_uri: str, entries: Sequence[Entry], matcher: Matcher | None = None) -> str:
    """Link the first linkable mention of each `autolink` entry to its glossary entry (once per page)."""
    by_id = {entry.id: entry for entry in entries}
    matcher = matcher or build_matcher(entries)
    masked = mask_markdown(markdown_text)
    done = explicitly_linked(markdown_text)
    edits: list[tuple[int, int, str]] = []
    for match, entry_id in matcher.finditer(masked):
        entry = by_id.get(entry_id)
        if entry is None or not entry.autolink or entry_id in done:
            continue
        if match.start() and markdown_text[match.start() - 1] in "!\\":
            continue
        done.add(entry_id)
        words = markdown_text[match.start() : match.end()]
        title = plain_text(f"{entry.term}: {entry.definition}")
        edits.append(
            (match.start(), match.end(), f'[{words}]({entry_link(src_uri, entry_id)} "{title}"){{ .{AUTOLINK_CLASS} }}')
        )
    for start, end, replacement in reversed(edits):
        markdown_text = markdown_text[:start] + replacement + markdown_text[end:]
    return markdown_text


# --------------------------------------------------------------------------------------------------
# Generating the glossary page and the topic glossaries
# --------------------------------------------------------------------------------------------------


def sort_key(entry: Entry) -> tuple[str, str]:
    return (re.sub(r"[^a-z0-9 ]", "", entry.term.casefold()), entry.id)


def letter_of(entry: Entry) -> str:
    first = sort_key(entry)[0][:1].upper()
    return first if first.isalpha() else "#"


def topic_reference(from_src_uri: str, topic: str, landing: Mapping[str, bool]) -> str:
    """Markdown for a topic: a link to its glossary (or to the landing page while the marker is missing);
    plain text when the site has no landing page for it."""
    page, label = TOPICS[topic]
    if page not in landing:
        return label
    link = relative_link(from_src_uri, page)
    return f"[{label}]({link}#{TOPIC_ANCHOR})" if landing[page] else f"[{label}]({link})"


def landing_status(page_texts: Mapping[str, str]) -> dict[str, bool]:
    """Each section landing page that exists -> whether it has a `<!-- topic-glossary -->` line."""
    return {
        page: replace_marker(page_texts[page], TOPIC_MARKER, "")[1]
        for page, _label in TOPICS.values()
        if page in page_texts
    }


def render_glossary(
    entries: Sequence[Entry],
    used_on: Mapping[str, Sequence[tuple[str, str]]],
    landing: Mapping[str, bool] | None = None,
    page_src_uri: str = GLOSSARY_PAGE,
) -> str:
    """Markdown of the full glossary: letter index, then one H3 (= anchor, search result) per term,
    each entry in its own box (ENTRY_CLASS).

    `used_on` maps an entry id to (src_uri, title) of the pages that mention it, in reading order;
    `landing` maps each existing section landing page to whether it has its topic glossary marker.
    """
    landing = landing or {}
    by_id = {entry.id: entry for entry in entries}
    ordered = sorted(entries, key=sort_key)
    letters = list(dict.fromkeys(letter_of(entry) for entry in ordered))
    # Letters apart by spaces only: the stylesheet lays them out as a row of touch-sized targets.
    out = [" ".join(f"[{letter}](#letter-{letter.lower()})" for letter in letters) + "\n{ .glossary-index }", ""]
    topic_links = " · ".join(topic_reference(page_src_uri, topic, landing) for topic in TOPICS)
    out += [f"Glossaries by topic: {topic_links}.", ""]
    current = None
    for entry in ordered:
        letter = letter_of(entry)
        if letter != current:
            current = letter
            out += [f"## {letter} {{ #letter-{letter.lower()} }}", ""]
        out += [f'<div class="{ENTRY_CLASS}" markdown>', "", f"### {entry.term} {{ #{entry.id} }}", ""]
        if entry.expansion:
            out += [f"*{entry.expansion}*", "{ .glossary-expansion }", ""]
        out += [entry.definition, ""]
        if entry.details:
            out += [entry.details.strip(), ""]
        facts = []
        if entry.related:
            related = sorted((by_id[r] for r in entry.related if r in by_id), key=sort_key)
            facts.append("**Related:** " + " · ".join(f"[{r.term}](#{r.id})" for r in related))
        facts.append(
            "**Topics:** " + " · ".join(topic_reference(page_src_uri, t, landing) for t in entry.topics if t in TOPICS)
        )
        pages = used_on.get(entry.id, ())
        if pages:
            facts.append(
                "**Used on:** " + " · ".join(f"[{title}]({relative_link(page_src_uri, src)})" for src, title in pages)
            )
        else:
            facts.append("**Used on:** no page yet.")
        facts.append(f"**Source:** [{entry.source_title or 'AWS documentation'}]({entry.source})")
        out += [f"- {fact}" for fact in facts] + ["", "</div>", ""]
    return "\n".join(out).rstrip() + "\n"


def render_topic_glossary(entries: Sequence[Entry], topic: str, page_src_uri: str) -> str:
    """Markdown of one topic's glossary: a definition list whose terms link to the full entries."""
    chosen = sorted((e for e in entries if topic in e.topics), key=sort_key)
    glossary = relative_link(page_src_uri, GLOSSARY_PAGE)
    out = [
        f"## Glossary {{ #{TOPIC_ANCHOR} }}",
        "",
        f"The terms of this section in one line each. Each term links to its entry in the "
        f"[full glossary]({glossary}), with related terms, the source and every page that uses it.",
        "",
    ]
    for entry in chosen:
        expansion = f" ({entry.expansion})" if entry.expansion else ""
        out += [f"[{entry.term}]({glossary}#{entry.id}){expansion}", f":   {entry.definition}", ""]
    return "\n".join(out).rstrip() + "\n"


def replace_marker(markdown_text: str, marker: str, replacement: str) -> tuple[str, bool]:
    """Replace a marker that stands on a line of its own; report whether it was there."""
    pattern = re.compile(rf"^[ \t]*{re.escape(marker)}[ \t]*$", re.MULTILINE)
    new, count = pattern.subn(lambda _: replacement.rstrip("\n"), markdown_text, count=1)
    return new, bool(count)


# --------------------------------------------------------------------------------------------------
# Abbreviations in the rendered tree: focusable, and never inside headings or links
# --------------------------------------------------------------------------------------------------

NO_ABBR_INSIDE = {"h1", "h2", "h3", "h4", "h5", "h6", "a"}
GLOSSARY_HREF_RE = re.compile(r"(?:^|/)" + re.escape(posixpath.basename(GLOSSARY_PAGE)) + r"#(?P<id>[a-z0-9-]+)$")


def abbreviation_ids(entries: Iterable[Entry]) -> dict[str, str]:
    """Tooltip text of each abbreviation -> the id of its entry (the text is what an <abbr> carries)."""
    return {tooltip_text(entry): entry.id for entry in entries if entry.abbr}


def linked_entry_ids(root: etree.Element) -> set[str]:
    """Ids of the entries a link on the page points to (first-mention links and `g:` references)."""
    ids = set()
    for link in root.iter("a"):
        match = GLOSSARY_HREF_RE.search(link.get("href", ""))
        if match:
            ids.add(match["id"])
    return ids


def harden_abbreviations(root: etree.Element, abbr_ids: Mapping[str, str] | None = None) -> None:
    """Keep one tooltip per term on a page, at its first mention, and make that one focusable.

    A reader meets a definition once where it matters, not at every mention: every later <abbr> of
    the same term is unwrapped to plain text, and so is every <abbr> of a term the page links to its
    glossary entry (the link has the definition in its tooltip, often right beside the acronym, as in
    "dead-letter queue (DLQ)"). The one kept gets tabindex=0, so its tooltip opens on focus and tap.
    An <abbr> inside a heading or a link is always unwrapped. `abbr_ids` maps an abbreviation's title
    to its entry id (see `abbreviation_ids`); a title it does not know stands for itself.
    """
    abbr_ids = abbr_ids or {}
    seen = linked_entry_ids(root)

    def unwrap(element: etree.Element, index: int) -> None:
        child = element[index]
        text = (child.text or "") + (child.tail or "")
        if index == 0:
            element.text = (element.text or "") + text
        else:
            element[index - 1].tail = (element[index - 1].tail or "") + text
        element.remove(child)

    def walk(element: etree.Element, forbidden: bool) -> None:
        forbidden = forbidden or element.tag in NO_ABBR_INSIDE
        index = 0
        while index < len(element):
            child = element[index]
            if child.tag == "abbr":
                title = child.get("title", "")
                term = abbr_ids.get(title, title)
                if forbidden or term in seen:
                    unwrap(element, index)
                    continue
                seen.add(term)
                child.set("tabindex", "0")
            walk(child, forbidden)
            index += 1

    walk(root, False)


class AbbreviationTreeprocessor(Treeprocessor):
    def __init__(self, md, abbr_ids: Mapping[str, str]):
        super().__init__(md)
        self.abbr_ids = abbr_ids

    def run(self, root: etree.Element) -> None:
        harden_abbreviations(root, self.abbr_ids)


class GlossaryExtension(Extension):
    """Runs after `abbr` (priority 7), before `toc` (5)."""

    def __init__(self, abbr_ids: Mapping[str, str] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.abbr_ids = dict(abbr_ids or {})

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Markdown's API
        md.treeprocessors.register(AbbreviationTreeprocessor(md, self.abbr_ids), "glossary_abbr", 6)


# --------------------------------------------------------------------------------------------------
# Putting it together (pure: the hook below only feeds it)
# --------------------------------------------------------------------------------------------------


def front_matter_title(text: str) -> str:
    match = FRONT_MATTER_RE.match(text)
    if match:
        try:
            data = yaml.safe_load(match["yaml"]) or {}
        except yaml.YAMLError:
            data = {}
        if isinstance(data, dict) and isinstance(data.get("title"), str):
            return data["title"].strip()
    heading = re.search(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$", mask_code(text), re.MULTILINE)
    return heading.group(1).strip() if heading else ""


def compute_used_on(
    pages: Sequence[SourcePage], entries: Sequence[Entry], matcher: Matcher | None = None
) -> dict[str, list[tuple[str, str]]]:
    """Entry id -> [(src_uri, title)] of pages (in the given order) that mention it; the glossary excluded."""
    matcher = matcher or build_matcher(entries)
    used: dict[str, list[tuple[str, str]]] = {entry.id: [] for entry in entries}
    for page in pages:
        if page.src_uri == GLOSSARY_PAGE:
            continue
        for entry_id in find_mentions(page.text, matcher):
            if entry_id in used:
                used[entry_id].append((page.src_uri, page.title or page.src_uri))
    return used


def unused_problems(entries: Sequence[Entry], used_on: Mapping[str, Sequence], path: str) -> list[Problem]:
    return [
        Problem(path, entry.line, f"entry '{entry.id}' ({entry.term}) is used on no page", check="glossary-unused")
        for entry in entries
        if not used_on.get(entry.id)
    ]


def check_site(
    glossary_file: Path, glossary_path: str, pages: Sequence[SourcePage]
) -> tuple[list[Entry], list[Problem], dict[str, list[tuple[str, str]]]]:
    """Everything the build and the check module check: (entries, problems, used_on).

    `problems` holds the fatal ones (YAML problems, unknown `g:` references) followed by the advisory
    ones (check 'glossary-unused').
    """
    entries, problems = load_glossary(glossary_file, glossary_path)
    known = {entry.id for entry in entries}
    for page in pages:
        problems.extend(reference_problems(page, known))
    used_on = compute_used_on(pages, entries)
    if entries:
        problems.extend(unused_problems(entries, used_on, glossary_path))
    return entries, problems, used_on


class MarkerMissing(ValueError):
    """The glossary page lacks the line the hook replaces."""


def rewrite_page(
    markdown_text: str,
    src_uri: str,
    entries: Sequence[Entry],
    used_on: Mapping[str, Sequence[tuple[str, str]]],
    landing: Mapping[str, bool] | None = None,
    matcher: Matcher | None = None,
) -> str:
    """Everything the hook does to one page's Markdown (front matter already removed by MkDocs).

    The glossary page gets the generated glossary and no automatic links; a section landing page gets
    its topic glossary; every page gets first-mention links (generated text excluded), abbreviations and
    `g:` link references.
    """
    if src_uri == GLOSSARY_PAGE:
        generated = render_glossary(entries, used_on, landing, src_uri)
        markdown_text, found = replace_marker(markdown_text, GLOSSARY_MARKER, generated)
        if not found:
            raise MarkerMissing(GLOSSARY_MARKER)
    else:
        markdown_text = autolink(markdown_text, src_uri, entries, matcher)
    for topic, (landing, _label) in TOPICS.items():
        if src_uri == landing:
            topic_glossary = render_topic_glossary(entries, topic, src_uri)
            markdown_text, _ = replace_marker(markdown_text, TOPIC_MARKER, topic_glossary)
    return append_definitions(markdown_text, src_uri, entries)


def fail(problems: Sequence[Problem]) -> None:
    if problems:
        listing = "\n".join(f"  {problem}" for problem in problems)
        raise PluginError(f"Glossary: {len(problems)} problem(s):\n{listing}")


# --------------------------------------------------------------------------------------------------
# MkDocs event handlers
# --------------------------------------------------------------------------------------------------

_state: dict = {}


def _shown(path: str | os.PathLike, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


# What the hook's Markdown needs from the site's Markdown extensions, and for what.
REQUIRED_EXTENSIONS = {
    "abbr": "acronym tooltips",
    "attr_list": "the glossary's anchors and classes",
    "md_in_html": "the box around each glossary entry",
}


def missing_extensions(extensions: Sequence) -> list[str]:
    """The required extensions that a `markdown_extensions` list (names or instances) lacks."""
    names = {ext if isinstance(ext, str) else getattr(ext, "__module__", "") for ext in extensions}
    names |= {name.rsplit(".", 1)[-1] for name in names}
    return [name for name in REQUIRED_EXTENSIONS if name not in names]


def on_config(config):
    _state.clear()
    root = Path(config.config_file_path).resolve().parent
    missing = missing_extensions(config.markdown_extensions)
    if missing:
        raise PluginError(
            "Glossary: enable these Markdown extensions: "
            + "; ".join(f"'{name}' ({REQUIRED_EXTENSIONS[name]})" for name in missing)
        )
    source = Path(config.docs_dir) / SOURCE_FILE
    shown = _shown(source, root)
    entries, problems = load_glossary(source, shown)
    fail(problems)
    config.markdown_extensions.append(GlossaryExtension(abbreviation_ids(entries)))
    _state.update(root=root, source=shown, entries=entries, matcher=build_matcher(entries))
    return config


def on_files(files, config):
    root = _state["root"]
    pages = []
    for file in files.documentation_pages():
        text = file.content_string
        pages.append(SourcePage(file.src_uri, _shown(file.abs_src_path, root), text, front_matter_title(text)))
    problems = []
    known = {entry.id for entry in _state["entries"]}
    for page in pages:
        problems.extend(reference_problems(page, known))
    fail(problems)
    _state["pages"] = {page.src_uri: page for page in pages}
    _state["landing"] = landing_status({page.src_uri: page.text for page in pages})
    return files


def on_nav(nav, config, files):
    pages: dict[str, SourcePage] = _state["pages"]
    order = [page.file.src_uri for page in nav.pages if page.file.src_uri in pages]
    order += [src for src in pages if src not in order]
    ordered = [pages[src] for src in order]
    titles = {page.file.src_uri: page.title for page in nav.pages}
    ordered = [SourcePage(p.src_uri, p.path, p.text, p.title or titles.get(p.src_uri) or p.src_uri) for p in ordered]
    used_on = compute_used_on(ordered, _state["entries"], _state["matcher"])
    _state["used_on"] = used_on
    log_unused(unused_problems(_state["entries"], used_on, _state["source"]))
    for landing, has_marker in _state["landing"].items():
        if not has_marker:
            log.info("Glossary: %s has no '%s' line yet; topic links go to the page", landing, TOPIC_MARKER)
    return nav


def unused_message(problems: Sequence[Problem]) -> str:
    ids = ", ".join(p.message.split("'")[1] for p in problems)
    count = "1 entry is" if len(problems) == 1 else f"{len(problems)} entries are"
    return f"Glossary: {count} used on no page yet: {ids}. `scripts/check.py` lists them with their lines."


def log_unused(problems: Sequence[Problem]) -> None:
    """Warn about entries used on no page.

    The warning goes to a logger outside MkDocs' own tree, which strict mode does not count: a page still
    being written must not break the build (the check script reports these as findings). Set
    GLOSSARY_STRICT_UNUSED=1 to make it a MkDocs warning that fails `--strict`. `--quiet` silences it.
    """
    if not problems:
        return
    if os.environ.get(STRICT_UNUSED_ENV) == "1":
        log.warning(unused_message(problems))
    elif logging.getLogger("mkdocs").getEffectiveLevel() <= logging.WARNING:
        if not advisory_log.handlers:
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
            advisory_log.addHandler(handler)
            advisory_log.propagate = False
        advisory_log.warning(unused_message(problems))


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    try:
        return rewrite_page(markdown, src, _state["entries"], _state["used_on"], _state["landing"], _state["matcher"])
    except MarkerMissing as error:
        shown = _state["pages"][src].path if src in _state["pages"] else src
        raise PluginError(f"Glossary: {shown} needs a line '{error}'") from None
