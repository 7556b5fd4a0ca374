"""CodeDeploy AppSpec files, validated against the JSON Schemas in schemas/ for their platform.

The platform (EC2/On-Premises, AWS Lambda, Amazon ECS) comes from ``data-check="appspec-ecs"``
(or -lambda, -ec2), else from the content (``os:`` means EC2/On-Premises; the resource type
tells Lambda from ECS), else from the file name.
"""

from __future__ import annotations

from .data_formats import compose, load_schema, locate, schema_problems
from .fences import Sample, samples_of
from .findings import Finding, check

PLATFORMS = ("ec2", "lambda", "ecs")
AGENT_ONLY_HOOKS = ("DownloadBundle", "Install", "BlockTraffic", "AllowTraffic")


def platform_of(data, name: str = "", explicit: str = "") -> str:
    if explicit.startswith("appspec-") and explicit[8:] in PLATFORMS:
        return explicit[8:]
    if isinstance(data, dict):
        keys = {str(key).lower(): value for key, value in data.items()}
        if "os" in keys or "files" in keys or "permissions" in keys:
            return "ec2"
        text = repr(keys.get("resources", ""))
        if "AWS::ECS::Service" in text:
            return "ecs"
        if "AWS::Lambda::Function" in text:
            return "lambda"
    lowered = name.lower()
    for platform in ("ecs", "lambda"):
        if platform in lowered:
            return platform
    return "ec2"


def normalize(data, platform: str):
    """Lower-case keys for Lambda/ECS (CodeDeploy reads them either way), keeping hook and resource names."""
    if platform == "ec2" or not isinstance(data, dict):
        return data

    def lower(value):
        if isinstance(value, dict):
            return {str(k).lower(): lower(v) for k, v in value.items()}
        if isinstance(value, list):
            return [lower(v) for v in value]
        return value

    out = {}
    for key, value in data.items():
        name = str(key).lower()
        if name == "resources" and isinstance(value, list):
            out[name] = [{k: lower(v) for k, v in item.items()} if isinstance(item, dict) else item for item in value]
        elif name == "hooks":
            out[name] = value
        else:
            out[name] = lower(value)
    return out


def appspec_problems(data, platform: str, suffix: str = "") -> list[tuple[tuple, str]]:
    problems = schema_problems(normalize(data, platform), load_schema(f"appspec-{platform}"))
    label = {"ec2": "EC2/On-Premises", "lambda": "AWS Lambda", "ecs": "Amazon ECS"}[platform]
    out = []
    for path, message in problems:
        if platform == "ec2" and len(path) == 2 and path[0] == "hooks" and path[1] in AGENT_ONLY_HOOKS:
            message = f"hook {path[1]!r} is run by the CodeDeploy agent itself and cannot run scripts"
        elif path and path[0] == "hooks" and "is not allowed here" in message:
            article = "an" if label[0] in "AEIOU" else "a"
            name, allowed = message.split(" is not allowed")[0], message.split("(allowed: ")[1]
            message = f"{name} is not {article} {label} lifecycle hook ({allowed}"
        out.append((path, f"{message} [{label} AppSpec]"))
    if platform == "ec2" and suffix == ".json":
        out.append(((), "an EC2/On-Premises AppSpec file must be YAML (appspec.yml) [EC2/On-Premises AppSpec]"))
    return out


def sample_findings(sample: Sample, check_id: str, problems) -> list[Finding]:
    tree = compose(sample.text)
    return [
        Finding(sample.path, sample.at(locate(tree, path, ignore_case=True)), check_id, message)
        for path, message in problems
    ]


@check("appspec", "AppSpec files match the schema of their platform (required keys, valid hook names)")
def check_appspec(ctx):
    for sample in samples_of(ctx, "appspec"):
        if sample.parse_error:
            continue
        name = sample.file.name if sample.file else ""
        platform = platform_of(sample.data, name, sample.explicit)
        suffix = sample.file.suffix.lower() if sample.file else ""
        yield from sample_findings(sample, "appspec", appspec_problems(sample.data, platform, suffix))
