"""Gather every self-check question of the site onto one page, grouped by section.

Questions are written once, on their topic page, as collapsed admonitions:

    ??? question "A subscribed queue never receives messages. Why?"
        **Answer:** ...

        **Why:** ...

The page `reference/self-check.md` holds the marker `<!-- self-check-questions -->`; this hook
replaces it with the questions of every page in navigation order, with their relative links
rewritten so they still point where they did on the topic page.

One heading per page, so the table of contents has one entry per page: a section's heading
(its navigation title) holds the questions of its landing page, and each other page of the
section has a heading of its own. The home page's questions sit under "Home".

Above the questions, two buttons open or close every answer at once. A script inline in the
page shows them and makes them work; without JavaScript they stay hidden, and each question
still opens on its own.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from mkdocs.exceptions import PluginError

MARKER = "<!-- self-check-questions -->"
SELF_CHECK_PAGE = "reference/self-check.md"
QUESTION_START = re.compile(r'^\?\?\?\+? question "(?P<text>[^"]+)"\s*$')
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
TITLE = re.compile(r"^title:\s*(?P<title>.+?)\s*$", re.MULTILINE)
H1 = re.compile(r"^# (?P<title>.+?)\s*$", re.MULTILINE)
# Inline links and images: ](target) or ](target "title"); the target is group 1.
INLINE_LINK = re.compile(r"\]\((?P<target>[^)\s]+)(?P<rest>(?:\s+\"[^\"]*\")?\))")


@dataclass
class Question:
    text: str
    body: str
    line: int


@dataclass
class PageQuestions:
    src_uri: str
    title: str
    questions: list[Question] = field(default_factory=list)

    @property
    def section(self) -> str:
        """The docs folder the page is in; "" for a page at the top (the home page)."""
        return self.src_uri.split("/")[0] if "/" in self.src_uri else ""

    @property
    def is_landing(self) -> bool:
        """The page that stands for its whole section: a folder's index.md, or the home page."""
        return self.src_uri == "index.md" or self.src_uri.endswith("/index.md")


HOME_SECTION = "Home"
# Shows the buttons and opens or closes every question of the page. The script finds its buttons
# as the element just before it, not by id: the combined print page renames every id.
CONTROLS = """<div class="self-check-controls" id="self-check-controls" hidden>
<button type="button" data-open="true">Show all answers</button>
<button type="button" data-open="false">Hide all answers</button>
</div>
<script>
  (function (controls) {
    controls.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-open]");
      if (!button) return;
      var open = button.getAttribute("data-open") === "true";
      document.querySelectorAll(".md-content details.question").forEach(function (question) {
        question.open = open;
      });
    });
    controls.hidden = false;
  })(document.currentScript.previousElementSibling);
</script>
"""


def page_title(markdown: str, default: str) -> str:
    front = FRONT_MATTER.match(markdown)
    if front and (found := TITLE.search(front.group(0))):
        return found.group("title").strip("'\"")
    found = H1.search(markdown)
    return found.group("title") if found else default


def extract_questions(markdown: str) -> list[Question]:
    """Every `??? question "..."` block with its indented body, outside code fences."""
    lines = markdown.splitlines()
    questions, in_fence, index = [], False, 0
    while index < len(lines):
        line = lines[index]
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence else QUESTION_START.match(line)
        if not match:
            index += 1
            continue
        body, cursor = [], index + 1
        while cursor < len(lines) and (lines[cursor].startswith("    ") or not lines[cursor].strip()):
            body.append(lines[cursor][4:])
            cursor += 1
        questions.append(Question(match.group("text"), "\n".join(body).strip("\n"), index + 1))
        index = cursor
    return questions


def rebase_links(markdown: str, from_page: str, to_page: str) -> str:
    """Rewrite relative links written on `from_page` so they work on `to_page` (both src URIs)."""
    from_dir, to_dir = posixpath.dirname(from_page), posixpath.dirname(to_page)

    def rewrite(match: re.Match) -> str:
        target = match.group("target")
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
            return match.group(0)
        path, _, anchor = target.partition("#")
        absolute = from_page if not path else posixpath.normpath(posixpath.join(from_dir, path))
        relative = posixpath.relpath(absolute, to_dir or ".")
        return f"]({relative}{'#' + anchor if anchor else ''}{match.group('rest')}"

    return INLINE_LINK.sub(rewrite, markdown)


def source_line(page: PageQuestions, link: str) -> str:
    """Where a group of questions comes from, worded so it does not repeat the heading above."""
    if page.src_uri == "index.md":
        return f"From [the home page]({link})."
    if page.is_landing:
        return f"From [the section's overview page]({link})."
    return f"From [the {page.title} page]({link})."


def render_self_check(pages: list[PageQuestions], sections: dict[str, str]) -> str:
    """Markdown for the self-check page: an H2 per section (with its landing page's questions),
    an H3 per other page of the section."""
    out, current_section = [], None
    total = sum(len(page.questions) for page in pages)
    out.append(f"{total} questions from {sum(1 for p in pages if p.questions)} pages.\n\n{CONTROLS}")
    for page in pages:
        if not page.questions:
            continue
        if page.section != current_section:
            current_section = page.section
            out.append(f"\n## {sections.get(page.section, page.section.title() or HOME_SECTION)}\n")
        link = posixpath.relpath(page.src_uri, posixpath.dirname(SELF_CHECK_PAGE))
        heading = "" if page.is_landing else f"\n### {page.title}\n"
        out.append(f"{heading}\n{source_line(page, link)}\n")
        for question in page.questions:
            body = rebase_links(question.body, page.src_uri, SELF_CHECK_PAGE)
            indented = "\n".join(f"    {line}" if line.strip() else "" for line in body.splitlines())
            out.append(f'\n??? question "{question.text}"\n{indented}\n')
    return "".join(out)


def section_titles(nav) -> dict[str, str]:
    """Top-level nav section title per docs folder, e.g. {'patterns': 'Serverless patterns'}."""
    titles = {}
    for item in nav.items:
        for child in getattr(item, "children", None) or []:
            file = getattr(child, "file", None)
            if file is not None and "/" in file.src_uri:
                titles.setdefault(file.src_uri.split("/")[0], item.title)
    return titles


_state: dict = {}


def on_nav(nav, config, files):
    pages = []
    for page in nav.pages:
        markdown = page.file.content_string
        # The navigation's title ("CodeDeploy and AppSpec") is the short one readers know the
        # page by; a landing page has none, and its own title then names it.
        title = page.title or page_title(markdown, page.file.name)
        pages.append(PageQuestions(page.file.src_uri, title, extract_questions(markdown)))
    _state["pages"] = pages
    _state["sections"] = section_titles(nav)
    return nav


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != SELF_CHECK_PAGE:
        return markdown
    if MARKER not in markdown:
        raise PluginError(f"{SELF_CHECK_PAGE} must contain the line {MARKER}")
    return markdown.replace(MARKER, render_self_check(_state["pages"], _state["sections"]))
