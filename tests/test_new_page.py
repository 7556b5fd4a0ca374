"""`make new-page` scaffolds a page that builds, that the checker holds back until it is filled in."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys

import pytest
from new_page import ScaffoldError, add_to_nav, render_template, scaffold
from sites import REPO, build_site

TODAY = dt.date(2026, 11, 27)
COPIED = ("docs", "overrides", "scripts", "mkdocs.yml", "check-allowlist.yml", "CONTRIBUTING.md")

FILLED_BODY = """
# AWS CodeBuild

AWS CodeBuild runs build and test commands in managed containers, billed by the minute.

## What it is

A managed build service: each build starts a fresh container from an image you choose.

## Key concepts

A build project names the source, the image and the buildspec file to follow.

## How it works

```mermaid
flowchart LR
    accTitle: A CodeBuild build
    accDescr: A source revision enters a build container that follows the buildspec and writes artifacts.
    source(Source revision) --> container[Build container] --> artifacts[(Artifacts)]
```

*In words:* a source revision enters a fresh build container, which writes the artifacts.
{ .diagram-description }

## Limits and gotchas

Builds time out after a limit you set on the project.

## Compared with alternatives

Self-hosted build servers need patching; CodeBuild containers are new for every build.

## Exam tips

!!! exam "Exam tip"
    CodeBuild builds and tests; CodePipeline only orchestrates the stages.

## Example

See the [buildspec sample](../examples/buildspec/buildspec.yml).

## Self-check

{questions}
## Related pages

- [Delivery](index.md), whose "In this section" list links back here.

## Sources

- [AWS CodeBuild User Guide](https://docs.aws.amazon.com/codebuild/latest/userguide/welcome.html) — what CodeBuild is.

*Last reviewed: 2026-11-27.*
"""
# Six questions in the bank's form, as a topic page needs (question_bank.py).
SCENARIOS = [
    ("build-stage", "Which service runs the commands of a pipeline's build stage?", "AWS CodeBuild"),
    ("commands", "Where does a CodeBuild build find the commands it runs?", "The buildspec file"),
    ("fresh-container", "A build must not see files left by the previous build. What does it need?", "Nothing"),
    ("orchestration", "Which service moves a revision from stage to stage?", "AWS CodePipeline"),
    ("billing", "How is a CodeBuild build billed?", "By the minute"),
    ("timeout", "A build hangs for hours. What stops it?", "The project's timeout"),
]
FILLED_BODY = FILLED_BODY.replace(
    "{questions}",
    "\n".join(
        f'??? question q-codebuild-{key} "{stem}"\n'
        f"    - [x] {right}.\n        - Right, as [What it is](#what-it-is) says.\n"
        "    - [ ] AWS CodeCommit.\n        - It stores code; it runs no build.\n\n"
        "    **Why:** see [What it is](#what-it-is).\n\n"
        "    **Source:** [AWS CodeBuild User Guide](https://docs.aws.amazon.com/codebuild/latest/userguide/welcome.html)\n"
        for key, stem, right in SCENARIOS
    ),
)


@pytest.fixture
def site_copy(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("vendor", "__pycache__"))
        else:
            shutil.copy2(source, root / name)
    (root / "node_modules").symlink_to(REPO / "node_modules")
    return root


def run_check(root) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/check.py", "--root", str(root)],
        cwd=root,
        capture_output=True,
        text=True,
    )


def test_nav_entry_goes_after_the_last_page_of_its_section():
    config = (
        "nav:\n  - Delivery:\n      - delivery/index.md\n      - ECR: delivery/ecr.md\n  - IaC:\n      - iac/index.md\n"
    )
    updated = add_to_nav(config, "delivery", "AWS CodeBuild", "codebuild")
    assert "      - ECR: delivery/ecr.md\n      - AWS CodeBuild: delivery/codebuild.md\n  - IaC:" in updated


def test_template_gets_title_date_and_slug_and_keeps_todos():
    template = (
        '---\ntitle: TODO Name\nreviewed: {{ today }}\n---\n\n# TODO Name\n\n??? question q-{{ slug }}-todo-1 "TODO"\n'
    )
    page = render_template(template, "X", TODAY, "codebuild")
    assert page == '---\ntitle: X\nreviewed: 2026-11-27\n---\n\n# X\n\n??? question q-codebuild-todo-1 "TODO"\n'


def test_bad_requests_are_refused_with_a_reason(site_copy):
    with pytest.raises(ScaffoldError, match="unknown page type"):
        scaffold(site_copy, "essay", "delivery", "x", "X", TODAY)
    with pytest.raises(ScaffoldError, match="already exists"):
        scaffold(site_copy, "service", "delivery", "ecr", "X", TODAY)
    with pytest.raises(ScaffoldError, match="lowercase words"):
        scaffold(site_copy, "service", "delivery", "Code Build", "X", TODAY)


def test_a_new_page_builds_is_held_back_while_unfinished_and_passes_once_filled(site_copy, tmp_path):
    page = scaffold(site_copy, "service", "delivery", "codebuild", "AWS CodeBuild", TODAY)
    assert "  - AWS CodeBuild: delivery/codebuild.md" in (site_copy / "mkdocs.yml").read_text()
    build_site(tmp_path / "scaffolded", site_url="https://example.com/", config=site_copy / "mkdocs.yml")

    unfinished = run_check(site_copy)
    assert unfinished.returncode == 1
    todo_lines = re.findall(r"^docs/delivery/codebuild\.md:\d+: \[todo\]", unfinished.stdout, flags=re.MULTILINE)
    assert len(todo_lines) >= 10

    front_matter = page.read_text().split("\n---\n", 1)[0] + "\n---\n"
    page.write_text(
        front_matter.replace(
            "TODO One sentence that says what the reader learns on this page.",
            "What AWS CodeBuild does and where it fits in a pipeline.",
        )
        + FILLED_BODY
    )
    landing = site_copy / "docs" / "delivery" / "index.md"
    landing.write_text(
        landing.read_text().replace(
            "## In this section\n\n", "## In this section\n\n- [AWS CodeBuild](codebuild.md): managed builds.\n", 1
        )
    )
    finished = run_check(site_copy)
    assert finished.returncode == 0, finished.stdout
