"""The hooks that turn written questions into pages: question_markup.py (ids and words for the
ticked boxes), practice_page.py (the practice page's list and its per-question data) and the
link rewriting they share with the self-check page (self_check.rewrite_links)."""

from __future__ import annotations

import json

import markdown
from practice_page import bank_questions, bank_version, data_file, data_script, render_practice
from question_bank import parse_questions
from question_markup import mark_questions
from self_check import PageQuestions, rewrite_links
from test_question_bank import GOOD


def html_of(text: str) -> str:
    return markdown.markdown(
        text,
        extensions=["pymdownx.details", "pymdownx.tasklist"],
        extension_configs={"pymdownx.tasklist": {"custom_checkbox": True}},
    )


def test_a_question_gets_its_id_and_says_in_words_which_options_are_right():
    marked = mark_questions(html_of(GOOD))
    assert '<details class="question" id="q-fan-out-shared-queue" data-choose="1">' in marked
    assert '<details class="question" id="q-fan-out-two-dlqs" data-choose="2">' in marked
    assert marked.count(' data-right><label class="task-list-control" aria-hidden="true">') == 3
    assert marked.count('<span class="visually-hidden">Right answer: </span>') == 3
    assert marked.count('<span class="visually-hidden">Wrong answer: </span>') == 2
    # Other collapsed blocks are left alone.
    other = '<details class="note"><summary>Note</summary><p>x</p></details>'
    assert mark_questions(other) == other


def pages() -> list[PageQuestions]:
    questions, _ = parse_questions(GOOD)
    return [
        PageQuestions("index.md", "AWS Practice Notes", []),
        PageQuestions("patterns/fan-out.md", "Fan-out", questions),
    ]


def test_the_practice_list_has_each_question_with_its_answer_under_its_section_and_page():
    text = render_practice(pages(), {"patterns": "Serverless patterns"})
    assert '## Serverless patterns { #practice-patterns data-section="patterns" }' in text
    assert '### Fan-out { data-page="patterns/fan-out" }' in text
    assert '??? question q-fan-out-shared-queue "Five functions' in text
    assert "    **Answer:** A queue per function, all subscribed to one SNS topic.\n" in text
    assert "    **Answer:** One on the queue.; One on the subscription.\n" in text
    assert "A longer visibility timeout" not in text, "the list gives the answer, not every option"


def test_links_are_resolved_from_the_page_that_wrote_them():
    urls = {"patterns/fan-out.md": "../patterns/fan-out/", "identity/permissions.md": "../identity/permissions/"}
    text = "[a](#solution) [b](../identity/permissions.md#kms) [c](https://aws.amazon.com/) [d](missing.md)"
    assert rewrite_links(text, "patterns/fan-out.md", urls.get) == (
        "[a](../patterns/fan-out/#solution) [b](../identity/permissions/#kms) "
        "[c](https://aws.amazon.com/) [d](missing.md)"
    )


def test_each_question_gets_a_script_with_all_of_it_but_the_stem():
    bank = bank_questions(pages(), {"patterns/fan-out.md": "../patterns/fan-out/"}.get, lambda md: md)
    assert len(bank) == 2
    question = bank["q-fan-out-shared-queue"]
    assert question["choose"] == 1
    # The practice page's own list shows the stem; the data does not repeat it.
    assert "stem" not in question
    assert question["options"][1] == [
        "A queue per function, all subscribed to one SNS topic.",
        1,
        "The topic copies each message to every queue.",
    ]
    assert question["why"].endswith("[Solution](../patterns/fan-out/#solution).")
    script = data_script("q-fan-out-shared-queue", question)
    prefix = '(window.practiceBank=window.practiceBank||{})["q-fan-out-shared-queue"]='
    assert script.startswith(prefix)
    assert json.loads(script[len(prefix) :].rstrip(";\n")) == question
    version = bank_version({"q-fan-out-shared-queue": script})
    assert data_file("q-fan-out-shared-queue", version) == f"assets/practice/q-fan-out-shared-queue.{version}.js"
    # Any change to any question renames every file, so no browser keeps a stale copy.
    assert bank_version({"q-fan-out-shared-queue": script + " "}) != version
