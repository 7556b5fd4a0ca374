"""API payloads: samples that are the input of an AWS API call, checked against that API's model.

botocore ships the service models the AWS SDKs and the AWS CLI are built from, so a payload can be
checked offline the way the CLI checks ``--cli-input-json`` before it sends anything: botocore's
``ParamValidator`` reports unknown keys, wrong types, missing required members and values below
a minimum. This module adds what the model also says and the validator leaves to the service:
enum values, maximum lengths and values, and ``true``/``false`` where a number belongs (Python
counts a bool as an int).

Which input a sample is:

- a file under docs/examples/: the folder's entry in ``API_INPUTS`` (``codepipeline/`` holds
  ``aws codepipeline create-pipeline --cli-input-json`` files, i.e. the whole CreatePipeline
  input, ``{"pipeline": {...}, "tags": [...]}``);
- an inline fence: ``data-check="api: <service> <Operation> [<Member>]"``, for example
  ``api: elbv2 ModifyListener DefaultActions`` for the file given to ``--default-actions``.
  Without a member the fence is the operation's whole input.

The service name is botocore's (the AWS CLI's): ``elbv2``, ``route53``, ``codepipeline``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from botocore.validate import ParamValidator, range_check

from .data_formats import compose, locate
from .fences import Sample, collect_samples
from .findings import Finding, check

CHECK_ID = "api-payload"


@dataclass(frozen=True)
class ApiInput:
    service: str
    operation: str
    member: str = ""  # "" when the payload is the operation's whole input

    @property
    def label(self) -> str:
        return f"{self.service} {self.operation}" + (f" {self.member}" if self.member else "")


# Folder under docs/examples/ -> the input its JSON and YAML files are.
API_INPUTS: dict[str, ApiInput] = {
    "codepipeline/": ApiInput("codepipeline", "CreatePipeline"),
    # `aws ecs register-task-definition --cli-input-json` files (CodePipeline's taskdef.json).
    "ecs/": ApiInput("ecs", "RegisterTaskDefinition"),
}
RE_NAME_PART = re.compile(r"\.([^.\[\s]+)|\[(\d+)\]")


def parse_declaration(value: str) -> tuple[ApiInput | None, str]:
    """``api: <service> <Operation> [<Member>]`` -> (ApiInput, problem)."""
    words = value.split(":", 1)[1].split() if ":" in value else []
    if len(words) not in (2, 3):
        return None, (
            f'data-check="{value}" should be "api: <service> <Operation> [<Member>]", '
            'for example "api: elbv2 ModifyListener DefaultActions"'
        )
    return ApiInput(*words), ""


@cache
def _loader():
    import botocore.session

    return botocore.session.get_session()


def input_shape(api: ApiInput):
    """The model shape the payload must match, or raise ValueError saying what is unknown."""
    session = _loader()
    services = session.get_available_services()
    if api.service not in services:
        raise ValueError(f"botocore has no service {api.service!r} (service names are the AWS CLI's, e.g. elbv2)")
    model = session.get_service_model(api.service)
    if api.operation not in model.operation_names:
        raise ValueError(f"{api.service} has no operation {api.operation!r}")
    shape = model.operation_model(api.operation).input_shape
    if not api.member:
        return shape
    if shape is None or api.member not in shape.members:
        members = ", ".join(shape.members) if shape is not None else "none"
        raise ValueError(f"{api.service} {api.operation} has no input member {api.member!r} (members: {members})")
    return shape.members[api.member]


class ModelValidator(ParamValidator):
    """botocore's validator plus the model's enums, maximums, and no bool for a number."""

    def _validate_string(self, param, shape, errors, name):
        super()._validate_string(param, shape, errors, name)
        if not isinstance(param, str):
            return
        if shape.enum and param not in shape.enum:
            errors.report(name, "invalid enum", param=param, valid_values=list(shape.enum))
        maximum = shape.metadata.get("max")
        if maximum is not None and len(param) > maximum:
            errors.report(name, "too long", param=param, max_allowed=maximum)

    def _validate_number(self, param, shape, errors, name):
        if isinstance(param, bool):
            errors.report(name, "invalid type", param=param, valid_types=[str(int)])
            return False
        return True

    def _validate_integer(self, param, shape, errors, name):
        if self._validate_number(param, shape, errors, name):
            super()._validate_integer(param, shape, errors, name)
            self._check_max(param, shape, errors, name)

    def _validate_long(self, param, shape, errors, name):
        if self._validate_number(param, shape, errors, name):
            super()._validate_long(param, shape, errors, name)
            self._check_max(param, shape, errors, name)

    def _check_max(self, param, shape, errors, name):
        maximum = shape.metadata.get("max")
        if isinstance(param, int) and maximum is not None and param > maximum:
            errors.report(name, "too large", param=param, max_allowed=maximum)

    def _validate_list(self, param, shape, errors, name):
        # botocore only type-checks the items of a list of unconstrained scalars; check them fully
        # so that enum values and bools in lists are caught too.
        if not isinstance(param, (list, tuple)):
            errors.report(name, "invalid type", param=param, valid_types=[str(list)])
            return
        range_check(name, len(param), shape, "invalid length", errors)
        maximum = shape.metadata.get("max")
        if maximum is not None and len(param) > maximum:
            errors.report(name, "too many items", param=len(param), max_allowed=maximum)
        for index, item in enumerate(param):
            self._validate(item, shape.member, errors, f"{name}[{index}]")


def name_to_path(name: str) -> tuple:
    """botocore's ``.pipeline.stages[0].name`` -> ("pipeline", "stages", 0, "name")."""
    name = name.split(" (key: ", 1)[0]
    if name and not name.startswith((".", "[")):
        name = "." + name
    return tuple(int(index) if index else key for key, index in RE_NAME_PART.findall(name))


def _where(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the top level"


def _short(value) -> str:
    """A value as it is written in JSON, cut short."""
    text = json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


JSON_TYPES = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list", dict: "an object"}


def _type_name(value) -> str:
    return "null" if value is None else JSON_TYPES.get(type(value), type(value).__name__)


def _wanted(valid_types: list[str]) -> str:
    names = {
        "<class 'str'>": "a string",
        "<class 'int'>": "a whole number",
        "<class 'float'>": "a number",
        "<class 'decimal.Decimal'>": "a number",
        "<class 'bool'>": "true or false",
        "<class 'dict'>": "an object",
        "<class 'list'>": "a list",
        "<class 'tuple'>": "a list",
    }
    return " or ".join(dict.fromkeys(names.get(t, t) for t in valid_types))


def payload_problems(data, api: ApiInput) -> list[tuple[tuple, str]]:
    """(path of the offending key, message) for every way ``data`` breaks the model."""
    try:
        shape = input_shape(api)
    except ValueError as error:
        return [((), str(error))]
    if shape is None:
        return [((), f"{api.label} takes no input")]
    report = ModelValidator().validate(data, shape)
    problems = []
    for reason, name, extra in report._errors:  # botocore keeps the structured errors here
        path = name_to_path(name)
        where = _where(path)
        if reason == "unknown field":
            path = (*path, extra["unknown_param"])
            message = f"unknown key {extra['unknown_param']!r} in {where} (allowed: {', '.join(extra['valid_names'])})"
        elif reason == "missing required field":
            message = f"{where} is missing the required key {extra['required_name']!r}"
        elif reason == "invalid type":
            message = (
                f"{where}: {_short(extra['param'])} is {_type_name(extra['param'])}; "
                f"the model wants {_wanted(extra['valid_types'])}"
            )
        elif reason == "invalid enum":
            message = f"{where}: {_short(extra['param'])} is not one of {', '.join(extra['valid_values'])}"
        elif reason in ("invalid range", "invalid length"):
            what = "value" if reason == "invalid range" else "length"
            message = f"{where}: {what} {_short(extra['param'])} is below the minimum of {extra['min_allowed']}"
        elif reason == "too long":
            message = f"{where}: longer than the maximum of {extra['max_allowed']} characters"
        elif reason == "too large":
            message = f"{where}: {extra['param']} is above the maximum of {extra['max_allowed']}"
        elif reason == "too many items":
            message = f"{where}: {extra['param']} items, more than the maximum of {extra['max_allowed']}"
        else:
            message = f"{where}: {report._format_error((reason, name, extra))}"
        problems.append((path, f"{message} [{api.label}]"))
    return problems


def api_input_of(ctx, sample: Sample) -> tuple[ApiInput | None, str]:
    """Which API input a sample is (None when it is not one), and a problem with its declaration."""
    if sample.origin == "fence":
        if sample.kind == "api":
            return parse_declaration(sample.explicit)
        return None, ""
    if sample.file is None or sample.kind not in ("json", "yaml"):
        return None, ""
    relative = sample.file.relative_to(ctx.examples_dir).as_posix()
    for prefix, api in API_INPUTS.items():
        if relative.startswith(prefix):
            return api, ""
    return None, ""


def declaration_line(sample: Sample) -> int:
    """The fence's opening line, which holds data-check (line 1 for a file)."""
    return max(sample.line - 1, 1) if sample.origin == "fence" else 1


@check(CHECK_ID, "API payload samples match the service's model in botocore (keys, types, required, enums)")
def check_api_payloads(ctx):
    for sample in collect_samples(ctx):
        api, problem = api_input_of(ctx, sample)
        if problem:
            yield Finding(sample.path, declaration_line(sample), CHECK_ID, problem)
            continue
        if api is None or sample.parse_error:
            continue
        try:
            input_shape(api)
        except ValueError as error:  # the declaration names no real input: say so where it is
            yield Finding(sample.path, declaration_line(sample), CHECK_ID, str(error))
            continue
        tree = compose(sample.text)
        for path, message in payload_problems(sample.data, api):
            yield Finding(sample.path, sample.at(locate(tree, path)), CHECK_ID, message)
