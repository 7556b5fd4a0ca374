"""Give each page the date of its last commit, for the "last updated" line under the content.

One `git log` call for the whole docs folder, not one per page. Without history (a tarball
export, no git installed) pages simply have no date: the build never fails for lack of one.
A shallow clone gives every page the date of the one commit it has, which is still true.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

COMMIT_MARK = "\x00"


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
