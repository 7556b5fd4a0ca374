"""Fence kinds, fence syntax, snippet includes, sample folders."""

from __future__ import annotations

import pytest
from docscheck.fences import decide_fence, refine_kind, snippet_section
from docscheck.source import parse_page

from check.harness import cases_for, check_case


@pytest.mark.parametrize("case", cases_for("fence-kind", "fence-syntax", "snippet", "sample-kind"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


def fence(text: str):
    page = parse_page("docs/x.md", text)
    assert len(page.fences) == 1, page.fences
    return page.fences[0]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("```yaml\na: 1\n```\n", "yaml"),
        ("```yml\na: 1\n```\n", "yaml"),
        ("```json\n{}\n```\n", "json"),
        ("```python\nx = 1\n```\n", "python"),
        ("```bash\nls\n```\n", "bash"),
        ("```console\n$ ls\n```\n", "display"),
        ("```mermaid\nflowchart LR\n```\n", "mermaid"),
        ('``` { .json data-check="iam-trust" }\n{}\n```\n', "iam"),
        ('``` { .yaml data-check="skip: excerpt" }\n...\n```\n', "skip"),
        ('``` { .json data-check="api: elbv2 ModifyListener DefaultActions" }\n[]\n```\n', "api"),
        ('```yaml\n--8<-- "examples/x.yaml:part"\n```\n', "include"),
        ("```hcl\nx {}\n```\n", "unknown"),
        ("```\nx\n```\n", "unknown"),
    ],
)
def test_decide_fence(text, kind):
    assert decide_fence(fence(text)).kind == kind


def test_fence_in_an_admonition_keeps_page_lines():
    page = parse_page("docs/x.md", "# T\n\n!!! tip\n    ```yaml\n    a: 1\n    b: 2\n    ```\n")
    (only,) = page.fences
    assert (only.start, only.first_body_line, only.end) == (4, 5, 7)
    assert only.body == ["a: 1", "b: 2"]


def test_nested_fences_are_content_of_the_outer_one():
    page = parse_page("docs/x.md", "````markdown\n```yaml\na: 1\n```\n````\n")
    assert [f.lang for f in page.fences] == ["markdown"]


def test_refine_kind_by_content():
    assert refine_kind("yaml", {"Resources": {"T": {"Type": "AWS::SNS::Topic"}}}) == "cloudformation"
    assert refine_kind("json", {"Version": "2012-10-17", "Statement": []}) == "iam"
    assert refine_kind("yaml", {"version": 0.0, "os": "linux"}) == "appspec"
    assert refine_kind("yaml", {"version": 0.2, "phases": {}}) == "buildspec"
    assert refine_kind("yaml", {"Resources": {"T": "not a resource"}}) == "yaml"


def test_snippet_section():
    text = "a\n# --8<-- [start:x]\nb\n# --8<-- [start:y]\nc\n# --8<-- [end:y]\n# --8<-- [end:x]\nd\n"
    assert snippet_section(text, "x") == "b\nc\n"
    assert snippet_section(text, "y") == "c\n"
    assert snippet_section(text, "z") is None
