"""The practice page and its question data: pure functions over the collected questions.

overrides/hooks/question_pages.py uses them to build `practice.md` in two parts:

- `render_practice` writes the page's own list, which is what a reader without JavaScript
  gets: an H2 per section and an H3 per page (each carrying its key in a data attribute), then
  each question with its id, its stem and its right answer, collapsed.
- `bank_questions` gives, per question, everything the modes need to ask and explain it
  beyond the stem that the list already shows: options with their explanations, why (with
  its link to the section that teaches it) and source, as HTML. `data_script` writes that as
  one small script per question, which docs/assets/javascripts/practice.js loads when a
  session is about to ask it: the practice page itself stays light, a 20-question exam loads
  20 of them, and a script loads from file:// where a fetch of JSON would not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from self_check import HOME_SECTION, PageQuestions, answer_block, rewrite_links

PRACTICE_PAGE = "practice.md"
MARKER = "<!-- practice-questions -->"
# Where practice.js runs the modes; hidden until it does, so a reader without JavaScript meets
# the list right away.
APP = '<div id="practice-app" class="practice" hidden></div>'
DATA_DIR = "assets/practice"
HOME_KEY = "home"


def page_key(src_uri: str) -> str:
    """A page's key in the practice data: its source path without `.md` (`patterns/fan-out`)."""
    return src_uri.removesuffix(".md")


def section_key(page: PageQuestions) -> str:
    return page.section or HOME_KEY


def section_title(page: PageQuestions, sections: dict[str, str]) -> str:
    return sections.get(page.section, page.section.title() or HOME_SECTION)


def page_heading(page: PageQuestions) -> str:
    """The H3 of a page: a landing page is its section's overview."""
    if page.src_uri == "index.md":
        return "Home page"
    return "Overview" if page.is_landing else page.title


def render_practice(pages: list[PageQuestions], sections: dict[str, str]) -> str:
    """The place of the modes, then the page's list: every question with its answer, by section
    and page."""
    out, current = [APP, "\n"], None
    for page in pages:
        if not page.questions:
            continue
        if section_key(page) != current:
            current = section_key(page)
            out.append(f'\n## {section_title(page, sections)} {{ #practice-{current} data-section="{current}" }}\n')
        out.append(f'\n### {page_heading(page)} {{ data-page="{page_key(page.src_uri)}" }}\n')
        out += [
            answer_block(question, page.src_uri, PRACTICE_PAGE, with_id=True, with_why=False)
            for question in page.questions
        ]
    return "".join(out)


def bank_questions(
    pages: list[PageQuestions],
    url_of: Callable[[str], str | None],
    inline_html: Callable[[str], str],
) -> dict[str, dict]:
    """Per question id: the question in full, as HTML, but for the stem (practice.js reads it
    from the page's list, where it is already)."""

    def html(markdown: str, src_uri: str) -> str:
        return inline_html(rewrite_links(markdown, src_uri, url_of))

    return {
        question.id: {
            "choose": question.expected_correct,
            "options": [
                [html(option.text, page.src_uri), int(option.correct), html(option.explanation, page.src_uri)]
                for option in question.options
            ],
            "why": html(question.why, page.src_uri),
            "source": html(question.source, page.src_uri),
        }
        for page in pages
        for question in page.questions
    }


def data_script(question_id: str, data: dict) -> str:
    """The script that hands one question to practice.js."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"(window.practiceBank=window.practiceBank||{{}})[{json.dumps(question_id)}]={payload};\n"


def bank_version(scripts: dict[str, str]) -> str:
    """One digest of every question's script: it names the files, so a browser never keeps an
    old copy of a question that changed, and practice.js needs only this to find each file."""
    digest = hashlib.sha256()
    for question_id in sorted(scripts):
        digest.update(scripts[question_id].encode())
    return digest.hexdigest()[:10]


def data_file(question_id: str, version: str) -> str:
    """Where a question's script is written."""
    return f"{DATA_DIR}/{question_id}.{version}.js"
