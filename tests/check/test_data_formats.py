"""YAML with CloudFormation tags, JSON, duplicate keys, schema errors at the right line."""

from __future__ import annotations

import pytest
from docscheck.data_formats import compose, load_yaml, locate, parse_data, schema_problems

from check.harness import cases_for, check_case


@pytest.mark.parametrize("case", cases_for("data-format"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


def test_cloudformation_short_tags():
    data = load_yaml("A: !Ref X\nB: !GetAtt Q.Arn\nC: !Sub '${X}'\nD: !If [c, !Ref Y, !Ref AWS::NoValue]\n")
    assert data == {
        "A": {"Ref": "X"},
        "B": {"Fn::GetAtt": ["Q", "Arn"]},
        "C": {"Fn::Sub": "${X}"},
        "D": {"Fn::If": ["c", {"Ref": "Y"}, {"Ref": "AWS::NoValue"}]},
    }


@pytest.mark.parametrize(
    ("text", "fmt", "line", "part"),
    [
        ("a: 1\na: 2\n", "yaml", 2, "duplicate key 'a'"),
        ("a: !Bogus x\n", "yaml", 1, "!Bogus"),
        ('{\n"a": 1,\n"a": 2\n}\n', "json", 3, "duplicate key 'a'"),
        ('{\n"a": 1,\n}\n', "json", 3, "invalid JSON"),
    ],
)
def test_parse_errors(text, fmt, line, part):
    data, error, error_line = parse_data(text, fmt)
    assert data is None and part in error and error_line == line


def test_locate_nodes_by_path():
    tree = compose("a:\n  b:\n    - x\n    - y: 1\n")
    assert locate(tree, ("a", "b", 1, "y")) == 4
    assert locate(tree, ("a", "missing")) == 1
    assert locate(compose("A:\n  B: 1\n"), ("a", "b"), ignore_case=True) == 2


def test_schema_problems_point_at_the_key():
    schema = {"type": "object", "additionalProperties": False, "properties": {"a": {"type": "integer"}}}
    assert schema_problems({"a": "x", "b": 1}, schema) == [
        (("a",), "a: 'x' is not of type 'integer'"),
        (("b",), "unknown key 'b' here (allowed: a)"),
    ]
