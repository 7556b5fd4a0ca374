"""Shell samples: bash -n and shellcheck."""

from __future__ import annotations

import shutil

import pytest
from docscheck.shell import bash_syntax

from check.harness import cases_for, check_case


@pytest.mark.parametrize("case", cases_for("shell"), ids=str)
def test_fixture(case, tmp_path):
    check_case(case, tmp_path)


def test_bash_syntax_reports_the_line_once(tmp_path):
    script = tmp_path / "x.sh"
    script.write_text("echo ok\nif true; then\n")
    problems = bash_syntax(shutil.which("bash"), str(script))
    assert len(problems) == 1 and problems[0][1].startswith("bash -n: syntax error")
