"""The self-check page gathers every question, in order, with its answer and links that still work."""

from __future__ import annotations

from question_bank import Option, Question
from self_check import PageQuestions, page_title, rebase_links, render_self_check


def question(stem: str, answer: str = "A", why: str = "[x](#y)") -> Question:
    return Question(
        id="q-x",
        stem=stem,
        line=1,
        options=[Option(answer, True, "right", 2), Option("Other", False, "wrong", 4)],
        why=why,
        source="[S](https://docs.aws.amazon.com/)",
    )


TOPIC_PAGE = """---
title: Fan-out
---

# Fan-out

Text.
"""


def test_page_title_prefers_front_matter_then_h1():
    assert page_title(TOPIC_PAGE, "x") == "Fan-out"
    assert page_title("# Only heading\n", "x") == "Only heading"
    assert page_title("no title", "fallback") == "fallback"


def test_links_are_rebased_from_the_topic_page_to_the_self_check_page():
    body = "[a](#filter-policies) [b](../identity/permissions.md#x) [c](https://aws.amazon.com/) [d](cloudwatch.md)"
    rebased = rebase_links(body, "patterns/fan-out.md", "reference/self-check.md")
    assert rebased == (
        "[a](../patterns/fan-out.md#filter-policies) [b](../identity/permissions.md#x) "
        "[c](https://aws.amazon.com/) [d](../patterns/cloudwatch.md)"
    )


def test_rendered_page_groups_by_section_and_keeps_the_collapsed_shape():
    pages = [
        PageQuestions("patterns/fan-out.md", "Fan-out", [question("Q1?", "A.")]),
        PageQuestions("patterns/command.md", "Command", []),
        PageQuestions("identity/federation.md", "Federation", [question("Q2?", "B.")]),
    ]
    markdown = render_self_check(pages, {"patterns": "Serverless patterns", "identity": "Identity and access"})
    assert markdown.startswith("2 questions from 2 pages.")
    assert markdown.index("## Serverless patterns") < markdown.index("## Identity and access")
    assert "### Command" not in markdown
    assert '??? question "Q1?"\n    **Answer:** A.\n\n    **Why:** [x](../patterns/fan-out.md#y)' in markdown
    assert "Other" not in markdown, "only the right option is the answer"
    assert "From [the Federation page](../identity/federation.md)." in markdown


def headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("#")]


def test_no_heading_repeats_the_one_above_it_and_each_page_has_one():
    """A landing page's questions sit under its section's heading; the home page's under Home."""
    pages = [
        PageQuestions("index.md", "AWS Practice Notes", [question("Q0?")]),
        PageQuestions("patterns/index.md", "Serverless patterns", [question("Q1?")]),
        PageQuestions("patterns/fan-out.md", "Fan-out", [question("Q2?")]),
    ]
    markdown = render_self_check(pages, {"patterns": "Serverless patterns"})
    assert headings(markdown) == ["## Home", "## Serverless patterns", "### Fan-out"]
    assert "From [the home page](../index.md)." in markdown
    assert "From [the section's overview page](../patterns/index.md)." in markdown
    assert "AWS Practice Notes" not in markdown


def test_the_show_and_hide_all_buttons_come_first_and_stay_hidden_without_javascript():
    pages = [PageQuestions("patterns/fan-out.md", "Fan-out", [question("Q?")])]
    markdown = render_self_check(pages, {"patterns": "Serverless patterns"})
    controls = markdown.index('<div class="self-check-controls" id="self-check-controls" hidden>')
    assert controls < markdown.index("## Serverless patterns")
    assert '<button type="button" data-open="true">Show all answers</button>' in markdown
    assert '<button type="button" data-open="false">Hide all answers</button>' in markdown
    assert "controls.hidden = false;" in markdown
