"""The benchmark's synthetic copy: N times the pages, diagrams and samples, and it still builds."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bench_content import copied_question, count_content, make_scaled_copy
from sites import REPO, build_site

SCALE = 3
# The sections that stay single (the glossary and self-check grow with the site by themselves).
SINGLE = {"reference", "examples", "assets"}
INCLUDED_SAMPLE = re.compile(r"""--8<--\s+["']examples/([^"':]+)""")


def topic_folders(docs: Path) -> list[str]:
    return sorted(p.name for p in docs.iterdir() if p.is_dir() and p.name not in SINGLE)


def pages_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md") if "page-templates" not in p.parts)


@pytest.fixture(scope="module")
def scaled_copy(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("scaled") / "repo"
    make_scaled_copy(dest, SCALE)
    return dest


def test_every_topic_section_and_every_sample_is_there_n_times(scaled_copy):
    original, copy = REPO / "docs", scaled_copy / "docs"
    for folder in topic_folders(original):
        for k in range(2, SCALE + 1):
            assert pages_in(copy / f"{folder}-copy-{k}") == pages_in(original / folder), (folder, k)
    samples = [p for p in (original / "examples").rglob("*") if p.is_file()]
    copied = [p for p in (copy / "examples").rglob("*") if p.is_file()]
    assert len(copied) == SCALE * len(samples)

    before, after = count_content(REPO), count_content(scaled_copy)
    assert after.samples == SCALE * before.samples
    assert before.pages < after.pages and before.diagrams < after.diagrams


def test_copy_k_includes_its_own_samples_and_links_to_its_own_sections(scaled_copy):
    docs = scaled_copy / "docs"
    folders = topic_folders(REPO / "docs")
    included = []
    for page in (p for folder in folders for p in (docs / f"{folder}-copy-2").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for sample in INCLUDED_SAMPLE.findall(text):
            assert "-copy-2" in sample and (docs / "examples" / sample).is_file(), (page, sample)
            included.append(sample)
        for folder in folders:
            assert f"../{folder}/" not in text, f"{page} links to the original {folder}/"
    assert included, "no copied page includes a sample"
    nav = (scaled_copy / "mkdocs.yml").read_text(encoding="utf-8")
    assert nav.count(f"(copy {SCALE}):") == len(folders)


def test_the_scaled_copy_builds_strictly(scaled_copy, tmp_path):
    build_site(tmp_path / "site", site_url="http://127.0.0.1:8000/", root=scaled_copy)
    built = {p.parent.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("index.html")}
    for folder in topic_folders(REPO / "docs"):
        assert f"{folder}-copy-{SCALE}" in built


def test_a_copied_question_has_its_own_id_and_stem():
    line = '??? question q-fan-out-shared-queue "Five functions need every order. What do you build?"'
    assert copied_question(line, 3) == (
        '??? question q-fan-out-shared-queue-copy-3 "Copy 3: Five functions need every order. What do you build?"'
    )
    assert copied_question("    - [x] Not a title line.", 3) == "    - [x] Not a title line."


def test_the_question_bank_of_the_scaled_copy_passes_its_check(scaled_copy):
    """No id and no stem twice, as on the real site: the benchmark's check at 10x must pass."""
    done = subprocess.run(
        [sys.executable, "scripts/check.py", "--root", str(scaled_copy), "--quick", "--only", "question-bank"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
