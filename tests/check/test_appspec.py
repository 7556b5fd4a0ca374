"""AppSpec files against the schema of their platform."""

from __future__ import annotations

import pytest
from docscheck.appspec import appspec_problems, normalize, platform_of

from check.harness import cases_for, check_case


@pytest.mark.parametrize("case", cases_for("appspec"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


def test_platform():
    assert platform_of({"version": 0.0, "os": "linux"}) == "ec2"
    assert platform_of({"Resources": [{"S": {"Type": "AWS::ECS::Service"}}]}) == "ecs"
    assert platform_of({"resources": [{"F": {"type": "AWS::Lambda::Function"}}]}) == "lambda"
    assert platform_of({}, name="lambda-appspec.yml") == "lambda"
    assert platform_of({"os": "linux"}, explicit="appspec-ecs") == "ecs"


def test_normalize_keeps_hook_and_resource_names():
    data = {"Resources": [{"MyFunction": {"Type": "x"}}], "Hooks": [{"BeforeAllowTraffic": "f"}]}
    assert normalize(data, "lambda") == {
        "resources": [{"MyFunction": {"type": "x"}}],
        "hooks": [{"BeforeAllowTraffic": "f"}],
    }


def test_ec2_appspec_must_be_yaml():
    problems = appspec_problems({"version": 0.0, "os": "linux"}, "ec2", ".json")
    assert [message for _, message in problems] == [
        "an EC2/On-Premises AppSpec file must be YAML (appspec.yml) [EC2/On-Premises AppSpec]"
    ]
