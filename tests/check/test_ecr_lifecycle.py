"""ECR lifecycle policies against the documented rule syntax."""

from __future__ import annotations

import pytest
from docscheck.ecr_lifecycle import lifecycle_problems

from check.harness import cases_for, check_case


@pytest.mark.parametrize("case", cases_for("ecr-lifecycle"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


def rule(priority, status, **selection):
    return {
        "rulePriority": priority,
        "selection": {"tagStatus": status, "countType": "imageCountMoreThan", "countNumber": 5, **selection},
        "action": {"type": "expire"},
    }


def test_any_last_and_unique_priorities_pass():
    policy = {"rules": [rule(1, "untagged"), rule(5, "tagged", tagPrefixList=["v"]), rule(9, "any")]}
    assert lifecycle_problems(policy) == []


def test_four_wildcards_are_allowed_five_are_not():
    assert lifecycle_problems({"rules": [rule(1, "tagged", tagPatternList=["*a*b*c*"])]}) == []
    problems = lifecycle_problems({"rules": [rule(1, "tagged", tagPatternList=["*a*b*c*d*"])]})
    assert [path for path, _ in problems] == [("rules", 0, "selection", "tagPatternList", 0)]


def test_transition_to_archive_is_known():
    archive = rule(1, "any", countType="sinceImagePulled", countUnit="days", countNumber=90)
    archive["action"] = {"type": "transition", "targetStorageClass": "archive"}
    assert lifecycle_problems({"rules": [archive]}) == []
