"""Each page shows when it last changed; a copy without git history still builds."""

from __future__ import annotations

import shutil

from git_dates import parse_git_log, without_last_reviewed_line
from sites import REPO, build_site

GIT_LOG = (
    "\x002026-11-20\npatterns/fan-out.md\nindex.md\n\n\x002026-10-01\npatterns/fan-out.md\nidentity/permissions.md\n"
)


def test_each_file_gets_the_date_of_its_newest_commit():
    assert parse_git_log(GIT_LOG) == {
        "patterns/fan-out.md": "2026-11-20",
        "index.md": "2026-11-20",
        "identity/permissions.md": "2026-10-01",
    }


def test_no_history_means_no_dates():
    assert parse_git_log("") == {}


def test_the_pages_own_last_reviewed_line_is_folded_into_the_dates_under_it():
    html = "<p>Text.</p>\n<p><em>Last reviewed: 2026-11-27.</em></p>\n<!-- glossary -->"
    assert without_last_reviewed_line(html, "2026-11-27") == "<p>Text.</p>\n<!-- glossary -->"
    # A different date is a mistake for the checker to report, not something to hide.
    assert without_last_reviewed_line(html, "2026-12-01") == html


def test_a_committed_page_shows_its_dates_once_in_one_line(hosted_site):
    html = (hosted_site.root / "patterns" / "fan-out" / "index.html").read_text(encoding="utf-8")
    assert '<p class="page-dates">Facts reviewed <time datetime=' in html
    assert " · updated <time datetime=" in html
    assert "Last reviewed:" not in html


def test_an_exported_copy_without_git_history_builds_strictly(tmp_path):
    export = tmp_path / "export"
    export.mkdir()
    # What a build reads: the pages, the theme and hooks, and scripts/chromium.py (the browser
    # that draws diagrams).
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(REPO / name, export / name, ignore=shutil.ignore_patterns("vendor"))
    shutil.copy2(REPO / "mkdocs.yml", export / "mkdocs.yml")
    (export / "node_modules").symlink_to(REPO / "node_modules")
    build_site(tmp_path / "site", site_url="https://example.com/", config=export / "mkdocs.yml")
    html = (tmp_path / "site" / "contributing" / "diagrams" / "index.html").read_text(encoding="utf-8")
    assert "updated <time" not in html.lower()
