"""The real build on a copy of the repository: a broken diagram stops it at its fence, and a
second build draws nothing."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from bench_content import copy_repository
from sites import MKDOCS, REPO

PAGE = "docs/patterns/fan-out.md"


@pytest.fixture(scope="module")
def repository_copy(tmp_path_factory):
    copy = tmp_path_factory.mktemp("copy") / "repo"
    copy_repository(REPO, copy)
    if (REPO / ".cache" / "diagrams").is_dir():  # start warm, as a contributor's second build does
        shutil.copytree(REPO / ".cache" / "diagrams", copy / ".cache" / "diagrams")
    return copy


def build(root, site_dir):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8000/"}
    env.pop("OFFLINE", None)
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site_dir)], cwd=root, env=env, capture_output=True, text=True
    )


def test_a_second_build_draws_no_diagram(repository_copy, tmp_path):
    first = build(repository_copy, tmp_path / "one")
    assert first.returncode == 0, first.stderr
    second = build(repository_copy, tmp_path / "two")
    assert second.returncode == 0, second.stderr
    assert ", 0 drawn now," in second.stderr, second.stderr[-2000:]


@pytest.mark.parametrize(
    "broken, message",
    [
        ("    topic --> --> nowhere\n", "Mermaid cannot draw it: Parse error on line"),
        (None, "Mermaid cannot draw it: No diagram type detected"),
    ],
)
def test_a_broken_diagram_stops_the_build_at_its_line(repository_copy, tmp_path, broken, message):
    page = repository_copy / PAGE
    original = page.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    fence = next(number for number, line in enumerate(lines) if line.startswith("```mermaid"))
    if broken is None:  # an unknown diagram type on the fence's first line
        lines[fence + 1] = lines[fence + 1].replace("flowchart", "flowchat", 1)
        expected_line = fence + 1
    else:  # a syntax error after the diagram's type and accessible name
        lines.insert(fence + 4, broken)
        expected_line = fence + 1 + 4
    try:
        page.write_text("".join(lines), encoding="utf-8")
        result = build(repository_copy, tmp_path / "site")
    finally:
        page.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    assert f"{PAGE}:{expected_line}: [diagram] {message}" in result.stderr, result.stderr[-3000:]
