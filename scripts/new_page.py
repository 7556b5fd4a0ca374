"""Scaffold a topic page from its template and add it to the navigation.

    make new-page TYPE=service SECTION=delivery SLUG=codebuild TITLE="AWS CodeBuild"

The page starts from docs/contributing/page-templates/<type>.md: every `TODO` in it is
something the author fills in, and `make check` reports each one left until it is gone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = Path("docs/contributing/page-templates")
SECTIONS = ("patterns", "identity", "observability", "delivery", "iac")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ScaffoldError(Exception):
    pass


def render_template(template: str, title: str, today: dt.date, slug: str = "page") -> str:
    """Fill the date, the title and the page's slug (in question ids); everything else stays
    TODO for the author."""
    text = template.replace("{{ today }}", today.isoformat()).replace("{{ slug }}", slug)
    text = re.sub(r"^title: TODO .*$", f"title: {title}", text, count=1, flags=re.MULTILINE)
    return re.sub(r"^# TODO .*$", f"# {title}", text, count=1, flags=re.MULTILINE)


def add_to_nav(mkdocs_yml: str, section: str, title: str, slug: str) -> str:
    """Insert `- Title: section/slug.md` after the last nav entry of the section."""
    lines = mkdocs_yml.splitlines(keepends=True)
    entry = re.compile(rf"^(?P<indent>\s+)- (?:[^\n]*: )?{re.escape(section)}/[^/\s]+\.md\s*$")
    last = None
    for number, line in enumerate(lines):
        if match := entry.match(line):
            last, indent = number, match.group("indent")
    if last is None:
        raise ScaffoldError(f"mkdocs.yml: no nav section holds pages under {section}/")
    lines.insert(last + 1, f"{indent}- {title}: {section}/{slug}.md\n")
    return "".join(lines)


def scaffold(root: Path, page_type: str, section: str, slug: str, title: str, today: dt.date) -> Path:
    if section not in SECTIONS:
        raise ScaffoldError(f"unknown section {section!r}; choose one of {', '.join(SECTIONS)}")
    if not SLUG.match(slug):
        raise ScaffoldError(f"slug {slug!r} must be lowercase words joined by hyphens")
    template = root / TEMPLATES / f"{page_type}.md"
    if not template.is_file():
        known = sorted(p.stem for p in (root / TEMPLATES).glob("*.md"))
        raise ScaffoldError(f"unknown page type {page_type!r}; choose one of {', '.join(known)}")
    page = root / "docs" / section / f"{slug}.md"
    if page.exists():
        raise ScaffoldError(f"{page.relative_to(root)} already exists")
    config = root / "mkdocs.yml"
    new_config = add_to_nav(config.read_text(encoding="utf-8"), section, title, slug)
    page.write_text(render_template(template.read_text(encoding="utf-8"), title, today, slug), encoding="utf-8")
    config.write_text(new_config, encoding="utf-8")
    return page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Scaffold a topic page from its template.")
    parser.add_argument("--type", required=True, dest="page_type", help="pattern or service")
    parser.add_argument("--section", required=True, help=", ".join(SECTIONS))
    parser.add_argument("--slug", required=True, help="file name without .md, e.g. codebuild")
    parser.add_argument("--title", required=True, help='page title, e.g. "AWS CodeBuild"')
    parser.add_argument("--root", type=Path, default=REPO, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        page = scaffold(args.root, args.page_type, args.section, args.slug, args.title, dt.date.today())
    except ScaffoldError as error:
        print(f"new-page: {error}", file=sys.stderr)
        return 2
    relative = page.relative_to(args.root)
    print(f"Created {relative} and added it to the navigation in mkdocs.yml.")
    print("Next:")
    print(f"  1. Fill in every TODO in {relative} (`make check` lists the ones left).")
    print("  2. Put samples under docs/examples/<kind>/ and include them by named section.")
    print("  3. Add new terms to docs/reference/glossary.yml.")
    print(f"  4. List it under 'In this section' in docs/{args.section}/index.md, and link related pages")
    print("     to it and back. Then run `make serve` and `make test`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
