"""The self-check page gathers every question, in order, with links that still work."""

from __future__ import annotations

from self_check import PageQuestions, Question, extract_questions, page_title, rebase_links, render_self_check

TOPIC_PAGE = """---
title: Fan-out
---

# Fan-out

```text
??? question "Not a question: inside a code fence"
```

??? question "Why does the queue get nothing?"
    **Answer:** the queue policy.

    **Why:** see [filter policies](#filter-policies) and [IAM](../identity/permissions.md#resource-based).

Text after.
"""


def test_questions_are_extracted_with_body_and_line_but_not_from_code():
    questions = extract_questions(TOPIC_PAGE)
    assert [(q.text, q.line) for q in questions] == [("Why does the queue get nothing?", 11)]
    assert questions[0].body.startswith("**Answer:** the queue policy.")
    assert "**Why:**" in questions[0].body
    assert "Text after." not in questions[0].body


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
        PageQuestions("patterns/fan-out.md", "Fan-out", [Question("Q1?", "**Answer:** A.\n\n**Why:** [x](#y)", 3)]),
        PageQuestions("patterns/command.md", "Command", []),
        PageQuestions("identity/federation.md", "Federation", [Question("Q2?", "**Answer:** B.", 5)]),
    ]
    markdown = render_self_check(pages, {"patterns": "Serverless patterns", "identity": "Identity and access"})
    assert markdown.startswith("2 questions from 2 pages.")
    assert markdown.index("## Serverless patterns") < markdown.index("## Identity and access")
    assert "### Command" not in markdown
    assert '??? question "Q1?"\n    **Answer:** A.\n\n    **Why:** [x](../patterns/fan-out.md#y)' in markdown
    assert "From [the Federation page](../identity/federation.md)." in markdown


def headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("#")]


def test_no_heading_repeats_the_one_above_it_and_each_page_has_one():
    """A landing page's questions sit under its section's heading; the home page's under Home."""
    pages = [
        PageQuestions("index.md", "AWS Practice Notes", [Question("Q0?", "**Answer:** 0.", 1)]),
        PageQuestions("patterns/index.md", "Serverless patterns", [Question("Q1?", "**Answer:** 1.", 1)]),
        PageQuestions("patterns/fan-out.md", "Fan-out", [Question("Q2?", "**Answer:** 2.", 1)]),
    ]
    markdown = render_self_check(pages, {"patterns": "Serverless patterns"})
    assert headings(markdown) == ["## Home", "## Serverless patterns", "### Fan-out"]
    assert "From [the home page](../index.md)." in markdown
    assert "From [the section's overview page](../patterns/index.md)." in markdown
    assert "AWS Practice Notes" not in markdown


def test_the_show_and_hide_all_buttons_come_first_and_stay_hidden_without_javascript():
    pages = [PageQuestions("patterns/fan-out.md", "Fan-out", [Question("Q?", "**Answer:** A.", 1)])]
    markdown = render_self_check(pages, {"patterns": "Serverless patterns"})
    controls = markdown.index('<div class="self-check-controls" id="self-check-controls" hidden>')
    assert controls < markdown.index("## Serverless patterns")
    assert '<button type="button" data-open="true">Show all answers</button>' in markdown
    assert '<button type="button" data-open="false">Hide all answers</button>' in markdown
    assert "controls.hidden = false;" in markdown
