"""CodeBuild buildspec files, validated against schemas/buildspec.schema.json."""

from __future__ import annotations

from .appspec import sample_findings
from .data_formats import load_schema, schema_problems
from .fences import samples_of
from .findings import check


def buildspec_problems(data) -> list[tuple[tuple, str]]:
    return schema_problems(data, load_schema("buildspec"))


@check("buildspec", "buildspec files match the buildspec schema (version, phases, artifacts...)")
def check_buildspec(ctx):
    for sample in samples_of(ctx, "buildspec"):
        if not sample.parse_error:
            yield from sample_findings(sample, "buildspec", buildspec_problems(sample.data))
