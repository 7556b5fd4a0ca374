"""Amazon ECR lifecycle policies, against schemas/ecr-lifecycle-policy.schema.json.

No service model describes the policy text (the ECR API takes it as a string), so the schema is
built from the ECR User Guide's property reference and syntax template; the rules that span
several rules (each ``rulePriority`` unique, a ``tagStatus: any`` rule last) are checked here.
Policies are the JSON files under docs/examples/ecr/ and fences marked
``data-check="ecr-lifecycle"``.
"""

from __future__ import annotations

from .appspec import sample_findings
from .data_formats import load_schema, schema_problems
from .fences import samples_of
from .findings import check

CHECK_ID = "ecr-lifecycle"


def _readable(path: tuple, message: str) -> str:
    """Say what the schema's "not" and "pattern" errors mean for a lifecycle policy."""
    where = "/".join(map(str, path))
    if "should not be valid under" in message:
        return f"{where}: an untagged rule must not have tagPatternList or tagPrefixList"
    if "does not match" in message and "tagPatternList" in path:
        return f"{where}: a tag pattern may hold at most four wildcards (*)"
    return message


def lifecycle_problems(data) -> list[tuple[tuple, str]]:
    problems = [
        (path, _readable(path, message)) for path, message in schema_problems(data, load_schema("ecr-lifecycle-policy"))
    ]
    rules = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(rules, list):
        return problems
    priorities = [(index, rule.get("rulePriority")) for index, rule in enumerate(rules) if isinstance(rule, dict)]
    seen: dict = {}
    for index, priority in priorities:
        if isinstance(priority, int) and priority in seen:
            problems.append(
                (("rules", index, "rulePriority"), f"rulePriority {priority} is also used by rule {seen[priority]}")
            )
        seen.setdefault(priority, index)
    numbers = [priority for _, priority in priorities if isinstance(priority, int)]
    for index, rule in enumerate(rules):
        selection = rule.get("selection") if isinstance(rule, dict) else None
        priority = rule.get("rulePriority") if isinstance(rule, dict) else None
        is_any = isinstance(selection, dict) and selection.get("tagStatus") == "any"
        if is_any and isinstance(priority, int) and priority < max(numbers):
            problems.append(
                (
                    ("rules", index, "rulePriority"),
                    f"a tagStatus 'any' rule must have the highest rulePriority ({priority} < {max(numbers)})",
                )
            )
    return problems


@check(CHECK_ID, "ECR lifecycle policies match the documented rule syntax (keys, values, tag lists, priorities)")
def check_ecr_lifecycle(ctx):
    for sample in samples_of(ctx, "ecr-lifecycle"):
        if not sample.parse_error:
            yield from sample_findings(sample, CHECK_ID, lifecycle_problems(sample.data))
