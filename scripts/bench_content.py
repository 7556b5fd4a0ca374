"""Make a synthetic copy of the repository with N times the content, for the build benchmark.

    python scripts/bench_content.py DEST [--scale 10]

Each topic section of the nav (a folder such as docs/patterns/, landing page included) is copied
N-1 times as a sibling folder (docs/patterns-copy-2/ ...) and listed in the nav right after the
original as "Serverless patterns (copy 2)". Copy k is a mirror of the copied sections: its
links to another copied section go to that section's copy k, so every link resolves, "Related
pages" still link both ways, and a landing page's "In this section" list still names exactly the
pages of its folder. Every sample under docs/examples/ is copied N-1 times too, and the pages of
copy k include copy k of each sample, so the checker validates N times the samples.

The home page's table of every page gains one row per copied section. The home page and the
Reference section stay single: the glossary and self-check pages are filled in by hooks from the
whole site, so they grow with it anyway.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from docscheck.hooks import load_hook

REPO = Path(__file__).resolve().parent.parent
# Installed, built or cached: not content. node_modules is linked instead (the hooks read it).
NOT_COPIED = (
    ".git",
    ".venv",
    "node_modules",
    "site",
    "site-offline",
    "dist",
    ".cache",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "vendor",
)
SINGLE_SECTIONS = ("reference",)
NAV_SECTION = re.compile(r"^  - (?P<label>[^:\n]+):\n(?P<body>(?:      .*\n)+)", re.MULTILINE)
NAV_PATH = re.compile(r"(?P<folder>[\w-]+)/(?P<page>[\w./-]+\.md)$", re.MULTILINE)
INCLUDE = re.compile(r"""(?P<head>--8<--\s+["'])examples/(?P<file>[^"':]+)""")
# The question title line as the site defines it (overrides/hooks/question_bank.py).
QUESTION_START = load_hook(REPO, "overrides/hooks/question_bank.py").QUESTION_START


@dataclass(frozen=True)
class ContentCount:
    pages: int
    diagrams: int
    samples: int


def count_content(root: Path) -> ContentCount:
    docs = root / "docs"
    pages = [p for p in docs.rglob("*.md") if "page-templates" not in p.parts]
    diagrams = sum(p.read_text(encoding="utf-8").count("```mermaid") for p in pages)
    samples = sum(1 for p in (docs / "examples").rglob("*") if p.is_file())
    return ContentCount(len(pages), diagrams, samples)


def copied_name(name: str, copy: int) -> str:
    """`fan-out.yaml` -> `fan-out-copy-3.yaml`; `patterns` -> `patterns-copy-3`."""
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}-copy-{copy}.{suffix}" if dot else f"{name}-copy-{copy}"


def copy_repository(source: Path, dest: Path) -> None:
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(*NOT_COPIED), symlinks=True)
    os.symlink(source / "node_modules", dest / "node_modules")


def copy_samples(docs: Path, scale: int) -> None:
    for sample in sorted(p for p in (docs / "examples").rglob("*") if p.is_file()):
        for copy in range(2, scale + 1):
            shutil.copyfile(sample, sample.with_name(copied_name(sample.name, copy)))


def copied_question(line: str, copy: int) -> str:
    """A question's title line as a question of copy `copy`: the bank allows no id and no stem
    twice, so both are marked with the copy."""
    found = QUESTION_START.match(line)
    if not found:
        return line
    names = " ".join(copied_name(name, copy) if name.startswith("q-") else name for name in found["id"].split())
    # The mark goes first: a stem's end says how many options are right ("(Choose two.)").
    return f'???{found["open"]} question {names} "Copy {copy}: {found["stem"]}"'


def copied_page_text(text: str, folders: list[str], copy: int) -> str:
    """The page as part of copy `copy`: its samples and its links to copied sections point
    there, and its questions are its own."""
    text = INCLUDE.sub(lambda m: f"{m.group('head')}examples/{copied_name(m.group('file'), copy)}", text)
    for folder in folders:
        text = text.replace(f"../{folder}/", f"../{copied_name(folder, copy)}/")
    return "\n".join(copied_question(line, copy) for line in text.split("\n"))


def copy_section(docs: Path, folder: str, pages: list[str], folders: list[str], copy: int) -> None:
    """Copy the nav's pages of a section (files it only includes, like page templates, stay put)."""
    target = docs / copied_name(folder, copy)
    for page in pages:
        destination = target / page
        destination.parent.mkdir(parents=True, exist_ok=True)
        text = (docs / folder / page).read_text(encoding="utf-8")
        destination.write_text(copied_page_text(text, folders, copy), encoding="utf-8")


def with_copied_rows(home_text: str, folders: list[str], scale: int) -> str:
    """The home page with each table row that links a copied section's landing page repeated per copy."""
    lines = []
    for line in home_text.splitlines(keepends=True):
        lines.append(line)
        folder = next((f for f in folders if line.startswith("|") and f"]({f}/index.md)" in line), None)
        if folder is not None:
            copies = range(2, scale + 1)
            lines.extend(line.replace(f"]({folder}/", f"]({copied_name(folder, copy)}/") for copy in copies)
    return "".join(lines)


def section_folder(body: str) -> str | None:
    """The one folder all pages of a nav section live in, or None when they are spread out."""
    folders = {match.group("folder") for match in NAV_PATH.finditer(body)}
    return folders.pop() if len(folders) == 1 else None


def extend_nav(config_text: str, scale: int) -> tuple[str, dict[str, list[str]]]:
    """Each single-folder section followed by its copies (a text edit: the config has YAML tags).

    Returns the new configuration and, per folder to copy, its pages in the nav.
    """
    sections: dict[str, list[str]] = {}

    def with_copies(match: re.Match) -> str:
        folder = section_folder(match.group("body"))
        if folder is None or folder in SINGLE_SECTIONS:
            return match.group(0)
        sections[folder] = [m.group("page") for m in NAV_PATH.finditer(match.group("body"))]
        copies = [match.group(0)]
        for copy in range(2, scale + 1):
            body = NAV_PATH.sub(
                lambda m, c=copy: f"{copied_name(m.group('folder'), c)}/{m.group('page')}", match.group("body")
            )
            copies.append(f"  - {match.group('label')} (copy {copy}):\n{body}")
        return "".join(copies)

    nav_start = config_text.index("\nnav:\n")
    return config_text[:nav_start] + NAV_SECTION.sub(with_copies, config_text[nav_start:]), sections


def make_scaled_copy(dest: Path, scale: int, source: Path = REPO) -> None:
    """Write the scaled copy into `dest` (which must not exist yet)."""
    copy_repository(source, dest)
    docs = dest / "docs"
    config = dest / "mkdocs.yml"
    config_text, sections = extend_nav(config.read_text(encoding="utf-8"), scale)
    config.write_text(config_text, encoding="utf-8")
    copy_samples(docs, scale)
    for folder, pages in sections.items():
        for copy in range(2, scale + 1):
            copy_section(docs, folder, pages, list(sections), copy)
    home = docs / "index.md"
    home.write_text(with_copied_rows(home.read_text(encoding="utf-8"), list(sections), scale), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path, help="folder to create")
    parser.add_argument("--scale", type=int, default=10, help="content multiplier (default: %(default)s)")
    args = parser.parse_args()
    make_scaled_copy(args.dest, args.scale)
    print(f"{count_content(REPO)} -> {count_content(args.dest)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
