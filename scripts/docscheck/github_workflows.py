"""GitHub Actions workflows shown in pages, against the workflow schema check-jsonschema ships.

A page that shows how CI reaches AWS (OIDC federation, deployments) often shows a workflow. The
repository's own workflows are checked with the same schema (``vendor.github-workflows`` in
tests/test_repository.py); this check applies it to samples: YAML fences with ``on:`` and
``jobs:`` at the top level, or marked ``data-check="github-workflow"``.

Workflows are read as YAML 1.2 (ruamel.yaml, as check-jsonschema does), so ``on`` stays a key
instead of becoming the boolean true that YAML 1.1 parsers make of it.
"""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path

from .data_formats import compose, locate
from .fences import Sample, collect_samples
from .findings import Finding, check

CHECK_ID = "github-workflow"


@cache
def workflow_schema() -> dict:
    import check_jsonschema

    path = Path(check_jsonschema.__file__).parent / "builtin_schemas" / "vendor" / "github-workflows.json"
    return json.loads(path.read_text(encoding="utf-8"))


def load_workflow(text: str):
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(io.StringIO(text))


def is_workflow(sample: Sample) -> bool:
    if sample.kind == "github-workflow":
        return True
    data = sample.data
    return (
        sample.kind == "yaml"
        and isinstance(data, dict)
        and isinstance(data.get("jobs"), dict)
        and (True in data or "on" in data)
    )


def _describe(error) -> list[tuple[tuple, str]]:
    path = tuple(error.absolute_path)
    where = "/".join(map(str, path)) or "the top level"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        return [
            ((*path, extra), f"unknown key {extra!r} in {where}") for extra in error.instance if extra not in allowed
        ]
    if error.context:
        # oneOf/anyOf: the alternative the data got deepest into is the one the author meant
        # (on a tie, the one with fewer errors).
        branches: dict = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        closest = max(
            branches.values(),
            key=lambda subs: (max(len(sub.absolute_path) for sub in subs), -len(subs)),
        )
        return [problem for sub in closest for problem in _describe(sub)]
    return [(path, f"{where}: {error.message}")]


def workflow_problems(data) -> list[tuple[tuple, str]]:
    from jsonschema import Draft7Validator

    problems = [
        problem for error in Draft7Validator(workflow_schema()).iter_errors(data) for problem in _describe(error)
    ]
    return sorted(set(problems), key=lambda item: [str(part) for part in item[0]])


@check(CHECK_ID, "GitHub Actions workflows in pages match the workflow schema check-jsonschema ships")
def check_github_workflows(ctx):
    for sample in collect_samples(ctx):
        if sample.parse_error or not is_workflow(sample):
            continue
        try:
            data = load_workflow(sample.text)
        except Exception as error:  # noqa: BLE001 - ruamel's errors have no common base worth naming
            yield Finding(sample.path, sample.line, CHECK_ID, f"not readable as YAML 1.2: {error}")
            continue
        tree = compose(sample.text)
        for path, message in workflow_problems(data):
            yield Finding(sample.path, sample.at(locate(tree, path)), CHECK_ID, f"{message} [GitHub workflow]")
