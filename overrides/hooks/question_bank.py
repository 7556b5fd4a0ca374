"""The question bank: exam-style questions, written once on the page that teaches their answer.

Each question is a collapsed admonition whose second word is its id, with its options as a
task list (`[x]` marks a right one), one explanation under each option, then why and where
to read more:

    ??? question q-fan-out-shared-queue "Five functions poll one SQS queue ...?"
        - [ ] Give the queue a longer visibility timeout.
            - It changes when a message is retried, not who receives it.
        - [x] Give each function its own queue, all subscribed to one SNS topic.
            - The topic copies every message to each queue.

        **Why:** a queue hands each message to one consumer. See [Solution](#solution).

        **Source:** [Fanout to Amazon SQS queues](https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html)

The id (`q-` and lowercase words joined by hyphens) is what a reader's progress is kept
under, so it never changes once published. A stem ending in "(Choose two.)" has two right
options; any other stem has one.

This module only reads Markdown: `parse_questions` returns the questions of a page and the
problems of each, with the line they are on. The hooks (self_check.py, practice.py and
question_markup.py) and `make check` (scripts/docscheck/questions.py) all read questions
through it, so there is one definition of the form.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

# docscheck/source.py is the project's one Markdown fence parser (diagrams.py reads it too).
sys.path.append(str(Path(__file__).resolve().parents[2] / "scripts"))
from docscheck.source import find_fences  # noqa: E402

QUESTION_START = re.compile(r'^\?\?\?(?P<open>\+?) question(?P<id>(?: [^\s"]+)*) "(?P<stem>[^"]*)"\s*$')
QUESTION_ID = re.compile(r"^q-[a-z0-9]+(?:-[a-z0-9]+)*$")
OPTION = re.compile(r"^- \[(?P<mark>[ xX])\] (?P<text>\S.*)$")
EXPLANATION = re.compile(r"^    - (?P<text>\S.*)$")
CONTINUATION = re.compile(r"^      \S")
WHY = re.compile(r"^\*\*Why:\*\*\s*(?P<text>.*)$")
SOURCE = re.compile(r"^\*\*Source:\*\*\s*(?P<text>.*)$")
CHOOSE = re.compile(r"\(Choose (?P<count>two|three)\.\)$")
CHOOSE_COUNT = {"two": 2, "three": 3}
LINK = re.compile(r"\[(?P<label>[^\]]+)\]\((?P<target>[^)\s]+)\)")
UNEXPECTED = "unexpected line in a question: write options '- [ ]' / '- [x]', then **Why:** and **Source:**"
MIN_OPTIONS = 2
MAX_OPTIONS = 5


@dataclass
class Option:
    text: str
    correct: bool
    explanation: str
    line: int


@dataclass
class Question:
    id: str
    stem: str
    line: int
    options: list[Option] = field(default_factory=list)
    why: str = ""
    source: str = ""
    body: str = ""  # the Markdown under the title, as written (4 spaces of the admonition removed)

    @property
    def expected_correct(self) -> int:
        """How many options the stem asks for: "(Choose two.)" at its end means two."""
        found = CHOOSE.search(self.stem)
        return CHOOSE_COUNT[found.group("count")] if found else 1

    @property
    def correct(self) -> list[Option]:
        return [option for option in self.options if option.correct]


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


def _links(text: str) -> list[str]:
    return [match.group("target") for match in LINK.finditer(text)]


def _paragraph(lines: list[tuple[int, str]], start: int) -> tuple[str, int]:
    """The paragraph that starts at lines[start], joined into one line, and the index after it."""
    parts, index = [], start
    while index < len(lines) and lines[index][1].strip():
        parts.append(lines[index][1].strip())
        index += 1
    return " ".join(parts), index


def _parse_body(question: Question, lines: list[tuple[int, str]]) -> list[Problem]:
    """Fill `question` from its body lines (number, text without the admonition's indent)."""
    problems, index = [], 0
    while index < len(lines):
        number, text = lines[index]
        if not text.strip():
            index += 1
            continue
        if option := OPTION.match(text):
            if question.why or question.source:
                problems.append(Problem(number, "options come before **Why:** and **Source:**"))
            index += 1
            explanation = ""
            if index < len(lines) and (found := EXPLANATION.match(lines[index][1])):
                parts = [found.group("text")]
                index += 1
                while index < len(lines) and CONTINUATION.match(lines[index][1]):
                    parts.append(lines[index][1].strip())
                    index += 1
                explanation = " ".join(parts)
            else:
                problems.append(
                    Problem(number, "option has no explanation: add '    - why it is right or wrong' under it")
                )
            question.options.append(
                Option(option.group("text").strip(), option.group("mark") != " ", explanation, number)
            )
            continue
        if WHY.match(text):
            paragraph, index = _paragraph(lines, index)
            question.why = WHY.match(paragraph).group("text").strip()
            continue
        if SOURCE.match(text):
            paragraph, index = _paragraph(lines, index)
            question.source = SOURCE.match(paragraph).group("text").strip()
            continue
        problems.append(
            Problem(
                number, "unexpected line in a question: write options '- [ ]' / '- [x]', then **Why:** and **Source:**"
            )
        )
        _, index = _paragraph(lines, index)
    return problems


def _check(question: Question) -> list[Problem]:
    problems, line = [], question.line
    if not question.id:
        problems.append(Problem(line, 'question has no id: write ??? question q-<page>-<topic> "..."'))
    elif not QUESTION_ID.match(question.id):
        problems.append(Problem(line, f"question id '{question.id}' must be q- and lowercase words joined by hyphens"))
    if not question.stem.strip():
        problems.append(Problem(line, "question has no stem"))
    if len(question.options) < MIN_OPTIONS:
        problems.append(
            Problem(line, f"question has {len(question.options)} option(s); it needs at least {MIN_OPTIONS}")
        )
    elif len(question.options) > MAX_OPTIONS:
        problems.append(Problem(line, f"question has {len(question.options)} options; at most {MAX_OPTIONS}"))
    if question.options and len(question.correct) != question.expected_correct:
        wanted = question.expected_correct
        problems.append(
            Problem(
                line,
                f"{len(question.correct)} option(s) marked right, but the stem asks for {wanted}"
                + ("" if wanted > 1 else " (end the stem with '(Choose two.)' for two)"),
            )
        )
    if not question.why:
        problems.append(Problem(line, "question has no **Why:** paragraph"))
    elif not any("#" in target and not target.startswith(("http:", "https:")) for target in _links(question.why)):
        problems.append(
            Problem(line, "**Why:** must link the section that teaches the answer ([Title](page.md#anchor))")
        )
    if not question.source:
        problems.append(Problem(line, "question has no **Source:** paragraph"))
    elif not any(target.startswith("https://") for target in _links(question.source)):
        problems.append(Problem(line, "**Source:** must link an AWS page over https"))
    return problems


def parse_questions(markdown: str) -> tuple[list[Question], list[Problem]]:
    """Every `??? question` block of a page outside code fences, and what is wrong with each."""
    lines = markdown.splitlines()
    fences, _ = find_fences(lines)
    code = {number for fence in fences for number in range(fence.start, fence.end + 1)}
    questions, problems, index = [], [], 0
    while index < len(lines):
        text = lines[index]
        start = None if index + 1 in code else QUESTION_START.match(text)
        if not start:
            if index + 1 not in code and text.startswith("??? question"):
                problems.append(Problem(index + 1, 'write a question as ??? question q-<id> "<stem>"'))
            index += 1
            continue
        words = start.group("id").split()
        question = Question(id=words[0] if words else "", stem=start.group("stem").strip(), line=index + 1)
        if len(words) > 1:
            problems.append(Problem(index + 1, "a question has one id after 'question', nothing else"))
        body, cursor = [], index + 1
        while cursor < len(lines) and (lines[cursor].startswith("    ") or not lines[cursor].strip()):
            body.append((cursor + 1, lines[cursor][4:]))
            cursor += 1
        while body and not body[-1][1].strip():
            body.pop()
        question.body = "\n".join(text for _, text in body)
        problems += _parse_body(question, body) + _check(question)
        questions.append(question)
        index = cursor
    return questions, problems


def bank_problems(pages: dict[str, list[Question]]) -> list[tuple[str, Problem]]:
    """Across the site: an id or a stem used twice (each repeat named where it is)."""
    seen_ids: dict[str, str] = {}
    seen_stems: dict[str, str] = {}
    found = []
    for path, questions in pages.items():
        for question in questions:
            where = f"{path}:{question.line}"
            if question.id and question.id in seen_ids:
                found.append(
                    (path, Problem(question.line, f"id '{question.id}' is already used at {seen_ids[question.id]}"))
                )
            seen_ids.setdefault(question.id, where)
            stem = " ".join(question.stem.lower().split())
            if stem and stem in seen_stems:
                found.append((path, Problem(question.line, f"the same stem is already asked at {seen_stems[stem]}")))
            seen_stems.setdefault(stem, where)
    return found
