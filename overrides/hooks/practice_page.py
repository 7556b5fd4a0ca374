"""The practice page and its question data: pure functions over the collected questions.

overrides/hooks/question_pages.py uses them to build `practice.md` in two parts:

- `render_practice` writes the page's own list, which is what a reader without JavaScript
  gets: an H2 per section and an H3 per page (each carrying its key in a data attribute), then
  each question with its id, its stem and its right answer, collapsed.
- `bank_sections` gives, per section, everything the modes need to ask and explain each
  question: options with their explanations, why (with its link to the section that teaches
  it) and source, as HTML. `data_script` writes that as one small script per section, which
  docs/assets/javascripts/practice.js loads only when a session uses the section: the page
  itself stays light, and a script loads from file:// where a fetch of JSON would not.
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


def bank_sections(
    pages: list[PageQuestions],
    sections: dict[str, str],
    url_of: Callable[[str], str | None],
    inline_html: Callable[[str], str],
) -> dict[str, dict]:
    """Per section key: its title and pages, each with its questions in full, as HTML."""

    def html(markdown: str, src_uri: str) -> str:
        return inline_html(rewrite_links(markdown, src_uri, url_of))

    bank: dict[str, dict] = {}
    for page in pages:
        if not page.questions:
            continue
        section = bank.setdefault(section_key(page), {"title": section_title(page, sections), "pages": []})
        section["pages"].append(
            {
                "key": page_key(page.src_uri),
                "title": page_heading(page),
                "questions": [
                    {
                        "id": question.id,
                        "stem": question.stem,
                        "choose": question.expected_correct,
                        "options": [
                            [
                                html(option.text, page.src_uri),
                                int(option.correct),
                                html(option.explanation, page.src_uri),
                            ]
                            for option in question.options
                        ],
                        "why": html(question.why, page.src_uri),
                        "source": html(question.source, page.src_uri),
                    }
                    for question in page.questions
                ],
            }
        )
    return bank


def data_script(key: str, section: dict) -> str:
    """The script that hands one section's questions to practice.js."""
    payload = json.dumps(section, ensure_ascii=False, separators=(",", ":"))
    return f"(window.practiceBank=window.practiceBank||{{}})[{json.dumps(key)}]={payload};\n"


def data_file(key: str, script: str) -> str:
    """Where a section's script is written: its name changes with its content, so a browser
    never keeps an old copy of questions that changed."""
    digest = hashlib.sha256(script.encode()).hexdigest()[:10]
    return f"{DATA_DIR}/{key}.{digest}.js"
