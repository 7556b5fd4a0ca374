"""YAML and JSON samples parse, with line numbers.

YAML is read with a loader that knows CloudFormation's short-form intrinsic functions
(``!Ref``, ``!Sub``, ``!GetAtt`` ...), rejects any other local tag, and reports duplicate keys
(which YAML parsers otherwise keep silently, last one winning).
"""

from __future__ import annotations

import json
import re

import yaml

from .findings import Finding, check

# https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html
CFN_TAGS = (
    "Base64",
    "Cidr",
    "Condition",
    "FindInMap",
    "GetAtt",
    "GetAZs",
    "ImportValue",
    "Join",
    "Select",
    "Split",
    "Sub",
    "Transform",
    "Ref",
    "And",
    "Equals",
    "If",
    "Not",
    "Or",
    "Length",
    "ToJsonString",
    "ForEach",
    "ValueOf",
    "Contains",
    "EachMemberEquals",
    "EachMemberIn",
    "RefAll",
)


class CfnTag:
    """A short-form intrinsic function, kept as {"Fn::X": value} (or {"Ref": value})."""


def _long_name(tag: str) -> str:
    return tag if tag in ("Ref", "Condition") else f"Fn::{tag}"


class CfnLoader(yaml.SafeLoader):
    """SafeLoader + CloudFormation short tags + duplicate-key detection."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    hash(key)
                except TypeError:
                    continue
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"duplicate key {key!r} (first on line {seen[key] + 1}); YAML keeps only the last one",
                        key_node.start_mark,
                    )
                seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def _make_constructor(tag: str):
    def construct(loader: CfnLoader, node: yaml.Node):
        if isinstance(node, yaml.ScalarNode):
            value = loader.construct_scalar(node)
            if tag == "GetAtt" and isinstance(value, str):
                value = value.split(".", 1)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        return {_long_name(tag): value}

    return construct


for _tag in CFN_TAGS:
    CfnLoader.add_constructor(f"!{_tag}", _make_constructor(_tag))


def load_yaml(text: str):
    return yaml.load(text, Loader=CfnLoader)  # noqa: S506 - a SafeLoader subclass


def parse_data(text: str, data_format: str) -> tuple[object, str, int]:
    """Parse YAML or JSON. Returns (data, error message, 1-based error line)."""
    if data_format == "json":
        try:
            return json.loads(text, object_pairs_hook=_no_duplicates), "", 0
        except json.JSONDecodeError as error:
            return None, f"invalid JSON: {error.msg} (column {error.colno})", error.lineno
        except DuplicateKey as error:
            return None, f"duplicate key {error.key!r} in a JSON object", _line_of_key(text, error.key)
    try:
        return load_yaml(text), "", 0
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return None, f"invalid YAML: {_yaml_message(error)}", line


class DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise DuplicateKey(key)
        seen[key] = value
    return seen


def _line_of_key(text: str, key: str) -> int:
    hits = [number for number, line in enumerate(text.splitlines(), 1) if f'"{key}"' in line]
    return hits[1] if len(hits) > 1 else (hits[0] if hits else 1)


def _yaml_message(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    text = (f"{context}, {problem}" if context else problem) if problem else str(error).splitlines()[0]
    return re.sub(r"\s+", " ", text).strip()


# ----- node positions, for schema errors ------------------------------------------------------
def compose(text: str):
    """The YAML node tree (JSON is YAML too), or None when it does not parse."""
    try:
        return yaml.compose(text, Loader=CfnLoader)  # noqa: S506
    except yaml.YAMLError:
        return None


def locate(node, path, *, ignore_case: bool = False) -> int:
    """1-based line of the node at ``path`` (keys and list indexes); the deepest found on the way."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in path:
        if isinstance(node, yaml.MappingNode):
            match = None
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                if key == part or (
                    ignore_case and isinstance(key, str) and isinstance(part, str) and key.lower() == part.lower()
                ):
                    match = (key_node, value_node)
                    break
            if match is None:
                return line
            line = match[0].start_mark.line + 1
            node = match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


# The sample kinds that are data (parsed here first); fences.py maps samples to these kinds.
DATA_KINDS = frozenset(
    {
        "yaml",
        "json",
        "cloudformation",
        "iam",
        "appspec",
        "buildspec",
        "api",
        "ecr-lifecycle",
        "github-workflow",
        "state-machine",
    }
)


@check("data-format", "YAML (with CloudFormation tags) and JSON samples parse, with no duplicate keys")
def check_data_formats(ctx):
    from .fences import collect_samples

    for sample in collect_samples(ctx):
        if sample.kind in DATA_KINDS and sample.parse_error:
            yield Finding(sample.path, sample.at(sample.parse_line), "data-format", sample.parse_error)


# ----- JSON Schema validation with source lines ------------------------------------------------
def load_schema(name: str) -> dict:
    """A schema kept in scripts/docscheck/schemas/."""
    from pathlib import Path

    return json.loads((Path(__file__).parent / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))


def schema_problems(data, schema: dict) -> list[tuple[tuple, str]]:
    """(path, message) for every schema error; the path points at the offending key where possible."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema)
    out = []
    for error in validator.iter_errors(data):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = set(error.schema.get("properties", {}))
            for extra in (key for key in error.instance if key not in allowed):
                known = ", ".join(sorted(allowed)) or "none"
                out.append(((*path, extra), f"unknown key {extra!r} here (allowed: {known})"))
            continue
        if "propertyNames" in error.absolute_schema_path:
            names = error.validator_value if error.validator == "enum" else []
            allowed = f" (allowed: {', '.join(map(str, names))})" if names else ""
            out.append(((*path, error.instance), f"{error.instance!r} is not allowed here{allowed}"))
            continue
        if error.validator == "anyOf" and all(set(sub) == {"required"} for sub in error.validator_value):
            options = " or ".join(name for sub in error.validator_value for name in sub["required"])
            where = "/".join(map(str, path)) or "the top level"
            out.append((path, f"{where} needs {options}"))
            continue
        if error.validator == "anyOf" and error.context:
            reasons = " or ".join(dict.fromkeys(sub.message for sub in error.context))
            where = "/".join(map(str, path))
            out.append((path, f"{where}: {reasons}" if where else reasons))
            continue
        if error.validator == "required":
            where = "/".join(map(str, path)) or "the top level"
            out.append((path, f"{error.message} (at {where})"))
            continue
        where = "/".join(map(str, path))
        out.append((path, f"{where}: {error.message}" if where else error.message))
    return sorted(out, key=lambda item: [str(part) for part in item[0]])
