"""overrides/hooks/question_bank.py: the one definition of a question's Markdown form."""

from __future__ import annotations

from question_bank import bank_problems, parse_questions

GOOD = """## Self-check

```markdown
??? question q-example-in-a-fence "Not a question: an example in a code fence?"
```

??? question q-fan-out-shared-queue "Five functions poll one queue and each must see every event. What fixes it?"
    - [ ] A longer visibility timeout.
        - It decides when a message is retried,
          not who receives it.
    - [x] A queue per function, all subscribed to one SNS topic.
        - The topic copies each message to every queue.

    **Why:** a queue hands each message to one consumer.
    See [Solution](#solution).

    **Source:** [Fanout](https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html)

??? question q-fan-out-two-dlqs "Which two dead-letter queues does a fan-out need? (Choose two.)"
    - [x] One on the queue.
        - It keeps what the consumer failed.
    - [x] One on the subscription.
        - It keeps what SNS could not deliver.
    - [ ] One on the topic.
        - A topic has no dead-letter queue of its own.

    **Why:** two different failures. See [Dead letters](../patterns/fan-out.md#dlq).

    **Source:** [SNS dead-letter queues](https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html)
"""


def messages(text: str) -> list[tuple[int, str]]:
    return [(problem.line, problem.message) for problem in parse_questions(text)[1]]


def test_a_good_page_reads_into_questions_with_options_and_explanations():
    questions, problems = parse_questions(GOOD)
    assert problems == []
    assert [question.id for question in questions] == ["q-fan-out-shared-queue", "q-fan-out-two-dlqs"]
    first, second = questions
    assert first.line == 7 and first.expected_correct == 1 and second.expected_correct == 2
    assert [(option.text, option.correct) for option in first.options] == [
        ("A longer visibility timeout.", False),
        ("A queue per function, all subscribed to one SNS topic.", True),
    ]
    assert first.options[0].explanation == "It decides when a message is retried, not who receives it."
    assert first.why == "a queue hands each message to one consumer. See [Solution](#solution)."
    assert first.source.startswith("[Fanout](https://")
    assert first.body.startswith("- [ ] A longer visibility timeout.")


def test_each_broken_rule_is_named_at_the_question():
    broken = GOOD.replace("q-fan-out-shared-queue ", "").replace(
        "        - The topic copies each message to every queue.\n", ""
    )
    found = messages(broken)
    assert (7, 'question has no id: write ??? question q-<page>-<topic> "..."') in found
    assert any(line == 11 and "option has no explanation" in message for line, message in found)


def test_the_number_of_right_options_must_be_what_the_stem_asks_for():
    two_right = GOOD.replace("- [ ] A longer visibility timeout.", "- [x] A longer visibility timeout.")
    assert (
        7,
        "2 option(s) marked right, but the stem asks for 1 (end the stem with '(Choose two.)' for two)",
    ) in messages(two_right)
    one_right = GOOD.replace("- [x] One on the subscription.", "- [ ] One on the subscription.")
    assert any("1 option(s) marked right, but the stem asks for 2" in message for _, message in messages(one_right))


def test_why_must_link_a_section_and_source_an_https_page():
    no_link = GOOD.replace("See [Solution](#solution).", "See the solution.")
    no_source = GOOD.replace(
        "[Fanout](https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html)", "the SNS guide"
    )
    assert any("**Why:** must link the section" in message for _, message in messages(no_link))
    assert any("**Source:** must link an AWS page" in message for _, message in messages(no_source))


def test_malformed_ids_titles_and_stray_lines_are_reported():
    assert any("must be q- and lowercase" in m for _, m in messages(GOOD.replace("q-fan-out-two-dlqs", "Q_Two")))
    assert (7, 'write a question as ??? question q-<id> "<stem>"') in messages(
        GOOD.replace('??? question q-fan-out-shared-queue "Five', "??? question q-fan-out-shared-queue Five")
    )
    stray = GOOD.replace("    **Why:** a queue hands", "    **Answer:** a topic.\n\n    **Why:** a queue hands")
    assert any("unexpected line in a question" in m for _, m in messages(stray))


def test_an_id_or_a_stem_used_twice_on_the_site_is_named_with_the_first_place():
    questions, _ = parse_questions(GOOD)
    found = bank_problems({"docs/a.md": questions, "docs/b.md": questions})
    assert [(path, problem.line) for path, problem in found] == [
        ("docs/b.md", 7),
        ("docs/b.md", 7),
        ("docs/b.md", 19),
        ("docs/b.md", 19),
    ]
    assert "is already used at docs/a.md:7" in found[0][1].message
    assert "already asked at docs/a.md:7" in found[1][1].message
