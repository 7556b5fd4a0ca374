"""Give each page the date of its last commit, for the "last updated" line under the content.

One `git log` call for the whole docs folder, not one per page. Without history (a tarball
export, no git installed) pages simply have no date: the build never fails for lack of one.
A shallow clone gives every page the date of the one commit it has, which is still true.

A page's Markdown ends with "*Last reviewed: YYYY-MM-DD.*" (the checker keeps it equal to the
front matter's `reviewed`), for readers of the source. On the site, the line of dates under the
content (main.html) already says it, so the rendered copy is dropped: a page ends with one
line of dates, not three dates in two places.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

COMMIT_MARK = "\x00"
LAST_REVIEWED = re.compile(r"<p><em>Last reviewed: (?P<date>\d{4}-\d{2}-\d{2})\.</em></p>\n?")


def parse_git_log(output: str) -> dict[str, str]:
    """Map each path to its newest date from `git log --format=%x00%cs --name-only` output."""
    dates: dict[str, str] = {}
    date = None
    for line in output.splitlines():
        if line.startswith(COMMIT_MARK):
            date = line[1:].strip()
        elif line.strip() and date:
            dates.setdefault(line.strip(), date)
    return dates


def last_commit_dates(docs_dir: Path) -> dict[str, str]:
    """Newest commit date of every file under docs_dir, keyed by its path inside docs_dir."""
    try:
        result = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--relative", "--", "."],
            cwd=docs_dir,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    return parse_git_log(result.stdout) if result.returncode == 0 else {}


_dates: dict[str, str] = {}


def on_config(config):
    _dates.clear()
    _dates.update(last_commit_dates(Path(config.docs_dir)))
    return config


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri in _dates:
        page.meta["git_updated"] = _dates[page.file.src_uri]
    return markdown


def without_last_reviewed_line(page_html: str, reviewed: str) -> str:
    """The page's HTML without its "Last reviewed" paragraph, if that gives the same date."""
    matches = [m for m in LAST_REVIEWED.finditer(page_html) if m.group("date") == reviewed]
    if not matches:
        return page_html
    last = matches[-1]
    return page_html[: last.start()] + page_html[last.end() :]


def on_page_content(html, page, config, files):
    reviewed = page.meta.get("reviewed")
    return without_last_reviewed_line(html, str(reviewed)) if reviewed else html
