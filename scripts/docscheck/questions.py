"""The question bank: every `??? question` of the site is exam-style and complete.

The form is defined once, in overrides/hooks/question_bank.py, which the self-check and
practice pages are built from; this check reports what that module finds, at the line:
a missing or malformed id, fewer than two options, an option without its explanation, a
number of right options that the stem does not ask for, no **Why:** link to the section
that teaches the answer, no **Source:**, and an id or a stem used twice on the site. Whether
the **Why:** link leads to an anchor that exists is the ``build`` check's finding (strict
MkDocs validates every link and anchor).
"""

from __future__ import annotations

from .findings import Finding, check
from .hooks import load_hook

HOOK_FILE = "overrides/hooks/question_bank.py"
CHECK_ID = "question-bank"


def bank_findings(bank, pages: list[tuple[str, str]]) -> list[Finding]:
    """Findings for pages given as (path to report, Markdown text)."""
    findings, questions = [], {}
    for path, text in pages:
        found, problems = bank.parse_questions(text)
        questions[path] = found
        findings += [Finding(path, problem.line, CHECK_ID, problem.message) for problem in problems]
    findings += [
        Finding(path, problem.line, CHECK_ID, problem.message) for path, problem in bank.bank_problems(questions)
    ]
    return findings


@check(CHECK_ID, "every ??? question has a stable id, options with explanations, the right answers, Why and Source")
def check_question_bank(ctx):
    bank = load_hook(ctx.root, HOOK_FILE)
    pages = [(page.path, "\n".join(page.lines)) for page in ctx.pages]
    yield from bank_findings(bank, pages)
