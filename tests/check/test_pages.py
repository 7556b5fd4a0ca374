"""Page conventions: front matter, anatomy, self-checks, sources, diagram descriptions."""

from __future__ import annotations

import pytest
from docscheck import pages
from docscheck.source import parse_page

from check.harness import cases_for, check_case


@pytest.mark.parametrize(
    "case",
    cases_for(
        "front-matter", "page-anatomy", "self-check", "sources", "diagram-description", "todo", "related-both-ways"
    ),
    ids=str,
)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


def page(text: str):
    return parse_page("docs/x.md", text)


def test_reference_pages_need_no_self_check_or_diagram():
    text = (
        "---\ntitle: Glossary\ndescription: Terms.\npage_type: reference\nreviewed: 2026-11-27\n---\n\n"
        "# Glossary\n\n## Sources\n\n- [IAM](https://docs.aws.amazon.com/iam/) — terms.\n\n"
        "*Last reviewed: 2026-11-27.*\n"
    )
    parsed = page(text)
    assert pages.anatomy_findings(parsed) == []
    assert pages.self_check_findings(parsed) == []
    assert pages.sources_findings(parsed) == []
    assert pages.front_matter_findings(parsed) == []


def test_headings_inside_code_fences_do_not_count():
    text = "# T\n\n```markdown\n## Not a heading\n```\n\n## Real\n"
    assert [h.text for h in pages.h2s(page(text))] == ["Real"]


def test_questions_inside_code_fences_are_examples_not_questions():
    text = '# T\n\n## Self-check\n\n```markdown\n??? question "Shown as an example"\n    **Answer:** x\n```\n'
    assert pages.question_lines(page(text)) == []


def test_section_docs_of_an_overview(tmp_path):
    from docscheck.context import Context

    for name in ("index.md", "a/index.md", "a/one.md", "a/two.md", "a/deep/index.md", "a/deep/three.md", "b/index.md"):
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text("# x\n")
    ctx = Context(tmp_path)
    assert pages.section_docs(ctx, "a/index.md") == ["a/deep/index.md", "a/one.md", "a/two.md"]
    assert pages.section_docs(ctx, "index.md") == ["a/index.md", "b/index.md"]


def test_the_h1_may_come_from_an_included_file():
    text = (
        "---\ntitle: C\ndescription: D.\npage_type: reference\nreviewed: 2026-11-27\n---\n\n"
        '<!-- note -->\n--8<-- "C.md"\n'
    )
    parsed = page(text)
    assert pages.front_matter_findings(parsed, lambda target: "# Contributing") == []
    assert pages.front_matter_findings(parsed, lambda target: "Intro")[0].line == 9
