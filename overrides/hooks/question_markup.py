"""Give each question of a page its id, and say in words which options are right.

A question is written `??? question q-<id> "stem"` (question_bank.py), which the details
extension turns into `<details class="question q-<id>">`: the id arrives as a class. Here it
becomes the element's id, so that a question can be linked, and the number of right options
becomes `data-choose`.

Its options are a task list whose ticked boxes are the right ones. A ticked box says "right"
to the eye only: a screen reader announces a disabled, checked checkbox. So the box is hidden
from assistive technology and each option starts with words that only it reads ("Right
answer:" or "Wrong answer:"), and the option carries `data-right` or `data-wrong` for the
practice script and the style sheet.
"""

from __future__ import annotations

import re

QUESTION = re.compile(
    r'<details class="question (?P<id>q-[a-z0-9]+(?:-[a-z0-9]+)*)">(?P<body>.*?)</details>', re.DOTALL
)
OPTION = re.compile(
    r'<li class="task-list-item"><label class="task-list-control">'
    r"<input (?P<attributes>[^>]*?)\s*/?>(?P<indicator>.*?)</label>",
    re.DOTALL,
)


def mark_option(match: re.Match) -> str:
    right = re.search(r"\bchecked\b", match.group("attributes")) is not None
    kind, verdict = ("right", "Right answer:") if right else ("wrong", "Wrong answer:")
    return (
        f'<li class="task-list-item question__option" data-{kind}>'
        f'<label class="task-list-control" aria-hidden="true"><input {match.group("attributes")}>'
        f'{match.group("indicator")}</label><span class="visually-hidden">{verdict} </span>'
    )


def mark_question(match: re.Match) -> str:
    body, count = OPTION.subn(mark_option, match.group("body"))
    right = body.count(" data-right>")
    choose = f' data-choose="{right}"' if count else ""
    return f'<details class="question" id="{match.group("id")}"{choose}>{body}</details>'


def mark_questions(html: str) -> str:
    """Every question of a page's HTML with its id and its options said in words."""
    return QUESTION.sub(mark_question, html)


def on_page_content(html, page, config, files):
    return mark_questions(html)
