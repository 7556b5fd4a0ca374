"""Build the self-check page and the practice page from the questions of every page.

Questions are written once, on their topic pages (the form: question_bank.py). In
`on_nav` this hook reads every page's questions in navigation order; then it fills
`reference/self-check.md` (self_check.py: each question with its answer and why) and
`practice.md` (practice_page.py: each question with its answer, for a reader without
JavaScript), writes one script per question under `assets/practice/` (options, explanations,
why and source, loaded by docs/assets/javascripts/practice.js when a session asks it), and
gives the practice page its script and style sheet, which no other page loads. A page that
lacks its marker stops the build; a malformed question is `make check`'s
finding (question-bank), not the build's, so that `make serve` keeps previewing while a
question is being written.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import markdown
import practice_page
import self_check
from diagram_markup import relative_to, script_tag
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from question_bank import parse_questions

PRACTICE_SCRIPT = "assets/javascripts/practice.js"
PRACTICE_STYLE = "assets/stylesheets/practice.css"
APP = '<div id="practice-app"'  # the start of practice_page.APP, where data-bank goes
# Inline Markdown of options, explanations, why and source; links are resolved beforehand.
INLINE_EXTENSIONS = ["pymdownx.betterem", "pymdownx.caret", "pymdownx.mark", "pymdownx.tilde", "pymdownx.smartsymbols"]
PARAGRAPH = re.compile(r"\A<p>(?P<inner>.*)</p>\Z", re.DOTALL)

_state: dict = {}


# One converter for the ~1,400 snippets of a build: setting one up loads its extensions.
_inline = markdown.Markdown(extensions=INLINE_EXTENSIONS)


def inline_html(text: str) -> str:
    rendered = _inline.reset().convert(text)
    found = PARAGRAPH.match(rendered)
    return found.group("inner") if found else rendered


def on_nav(nav, config, files):
    pages = []
    for page in nav.pages:
        text = page.file.content_string
        # The navigation's title ("CodeDeploy and AppSpec") is the short one readers know the
        # page by; a landing page has none, and its own title then names it.
        title = page.title or self_check.page_title(text, page.file.name)
        questions, _problems = parse_questions(text)
        pages.append(self_check.PageQuestions(page.file.src_uri, title, questions))
    _state["pages"] = pages
    _state["sections"] = self_check.section_titles(nav)
    return nav


def fill(text: str, page_uri: str, marker: str, rendered) -> str:
    if marker not in text:
        raise PluginError(f"{page_uri} must contain the line {marker}")
    return text.replace(marker, rendered())


def on_page_markdown(text, page, config, files):
    uri = page.file.src_uri
    if uri == self_check.SELF_CHECK_PAGE:
        return fill(
            text, uri, self_check.MARKER, lambda: self_check.render_self_check(_state["pages"], _state["sections"])
        )
    if uri == practice_page.PRACTICE_PAGE:
        return fill(
            text, uri, practice_page.MARKER, lambda: practice_page.render_practice(_state["pages"], _state["sections"])
        )
    return text


def on_env(env, config, files):
    practice = files.get_file_from_path(practice_page.PRACTICE_PAGE)
    if practice is None:
        _state["data"] = {}
        return env

    def url_of(src_path: str) -> str | None:
        target = files.get_file_from_path(src_path)
        return None if target is None else target.url_relative_to(practice)

    bank = practice_page.bank_questions(_state["pages"], url_of, inline_html)
    scripts = {question_id: practice_page.data_script(question_id, data) for question_id, data in bank.items()}
    version = _state["version"] = practice_page.bank_version(scripts)
    # Question id -> (where its script is written, the script).
    _state["data"] = {
        question_id: (practice_page.data_file(question_id, version), script) for question_id, script in scripts.items()
    }
    return env


# After mermaid2_graft.py (-10): between priorities 10 and -10 the page is a skeleton.
@event_priority(-20)
def on_post_page(output, page, config):
    if page.file.src_uri != practice_page.PRACTICE_PAGE:
        return output
    style = f'<link rel="stylesheet" href="{relative_to(page.url, PRACTICE_STYLE)}">'
    output = output.replace("</head>", style + "</head>", 1)
    bank = {"base": relative_to(page.url, practice_page.DATA_DIR) + "/", "version": _state.get("version", "")}
    output = output.replace(APP, f'{APP} data-bank="{html.escape(json.dumps(bank))}"', 1)
    return output.replace("</body>", script_tag(page.url, PRACTICE_SCRIPT, defer=True) + "</body>", 1)


def on_post_build(config):
    for path, script in _state.get("data", {}).values():
        written = Path(config.site_dir) / path
        written.parent.mkdir(parents=True, exist_ok=True)
        written.write_text(script, encoding="utf-8")
