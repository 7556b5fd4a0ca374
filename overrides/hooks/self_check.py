"""The self-check page: every question of the site, with its answer, grouped by section.

overrides/hooks/question_pages.py collects the questions (read by question_bank.py, where the
form is defined) and replaces `<!-- self-check-questions -->` on `reference/self-check.md`
with what `render_self_check` writes: for each question its stem, the right option(s) and
why, collapsed, with its relative links rewritten so they still lead where they did on the
topic page. The options and their explanations stay on the topic page and the practice page:
here a reader checks themselves quickly.

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
from collections.abc import Callable
from dataclasses import dataclass, field

from question_bank import Question

MARKER = "<!-- self-check-questions -->"
SELF_CHECK_PAGE = "reference/self-check.md"
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
TITLE = re.compile(r"^title:\s*(?P<title>.+?)\s*$", re.MULTILINE)
H1 = re.compile(r"^# (?P<title>.+?)\s*$", re.MULTILINE)
# Inline links and images: ](target) or ](target "title"); the target is group 1.
INLINE_LINK = re.compile(r"\]\((?P<target>[^)\s]+)(?P<rest>(?:\s+\"[^\"]*\")?\))")


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


def rewrite_links(markdown: str, from_page: str, url_of: Callable[[str], str | None]) -> str:
    """Point the relative links written on `from_page` where `url_of(source path)` says the
    target is seen from elsewhere (None: leave the link as written). Addresses with a scheme
    or from the root stay."""
    from_dir = posixpath.dirname(from_page)

    def rewrite(match: re.Match) -> str:
        target = match.group("target")
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
            return match.group(0)
        path, _, anchor = target.partition("#")
        url = url_of(from_page if not path else posixpath.normpath(posixpath.join(from_dir, path)))
        if url is None:
            return match.group(0)
        return f"]({url}{'#' + anchor if anchor else ''}{match.group('rest')}"

    return INLINE_LINK.sub(rewrite, markdown)


def rebase_links(markdown: str, from_page: str, to_page: str) -> str:
    """Rewrite relative links written on `from_page` so they work on `to_page` (both src URIs)."""
    to_dir = posixpath.dirname(to_page) or "."
    return rewrite_links(markdown, from_page, lambda source: posixpath.relpath(source, to_dir))


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
            out.append(answer_block(question, page.src_uri, SELF_CHECK_PAGE))
    return "".join(out)


def answer_block(
    question: Question, src_uri: str, to_page: str, *, with_id: bool = False, with_why: bool = True
) -> str:
    """A question with its right option(s) (and why), as the self-check page shows it; the
    practice page's list also gives the id and leaves why to its modes."""
    answers = "; ".join(rebase_links(option.text, src_uri, to_page) for option in question.correct)
    title = f"{question.id} " if with_id else ""
    why = f"\n    **Why:** {rebase_links(question.why, src_uri, to_page)}\n" if with_why else ""
    return f'\n??? question {title}"{question.stem}"\n    **Answer:** {answers}\n{why}'


def section_titles(nav) -> dict[str, str]:
    """Top-level nav section title per docs folder, e.g. {'patterns': 'Serverless patterns'}."""
    titles = {}
    for item in nav.items:
        for child in getattr(item, "children", None) or []:
            file = getattr(child, "file", None)
            if file is not None and "/" in file.src_uri:
                titles.setdefault(file.src_uri.split("/")[0], item.title)
    return titles
