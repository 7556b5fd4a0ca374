"""Exceptions, all in one file at the repository root: ``check-allowlist.yml``.

A list of entries, each silencing the findings it matches::

    - check: cfn-lint                 # required: the check id
      path: docs/examples/cloudformation/fan-out.yaml   # required: a path or glob
      line: 12                        # optional: only this line
      match: W3005                    # optional: a substring of the message
      reason: The DependsOn is kept to show the ordering explicitly.   # required

An entry without a reason, with an unknown check id, or that matches no finding of a check
that ran is itself a finding (check ``allowlist``), so the file cannot rot.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

import yaml

from .findings import Finding, check

ALLOWLIST_FILE = "check-allowlist.yml"
KNOWN_KEYS = {"check", "path", "line", "match", "reason"}


@dataclass
class Entry:
    line: int  # line of the entry in the allow-list file
    check: str
    path: str
    reason: str
    line_number: int | None = None
    match: str | None = None
    used: bool = False

    def matches(self, finding: Finding) -> bool:
        return (
            finding.check == self.check
            and (finding.path == self.path or fnmatch.fnmatchcase(finding.path, self.path))
            and (self.line_number is None or finding.line == self.line_number)
            and (self.match is None or self.match in finding.message)
        )


def load_allowlist(text: str, known_checks: set[str] | None = None) -> tuple[list[Entry], list[Finding]]:
    """Parse the allow-list. Returns (usable entries, problems with the file)."""
    problems: list[Finding] = []

    def problem(line: int, message: str) -> None:
        problems.append(Finding(ALLOWLIST_FILE, line, "allowlist", message))

    try:
        node = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem(mark.line + 1 if mark else 1, f"not valid YAML: {getattr(error, 'problem', error)}")
        return [], problems
    if node is None:
        return [], problems
    if not isinstance(node, yaml.SequenceNode):
        problem(node.start_mark.line + 1, "the allow-list must be a YAML list of entries")
        return [], problems
    entries = []
    for item in node.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            problem(line, "an entry must be a mapping with check, path and reason")
            continue
        data = yaml.safe_load(yaml.serialize(item))
        unknown = sorted(set(data) - KNOWN_KEYS)
        if unknown:
            problem(line, f"unknown key(s) {', '.join(map(str, unknown))} (known: {', '.join(sorted(KNOWN_KEYS))})")
        reason = data.get("reason")
        check_id, path = data.get("check"), data.get("path")
        if not isinstance(reason, str) or not reason.strip():
            problem(line, "entry has no reason: say why this exception is right")
            continue
        if not isinstance(check_id, str) or not check_id:
            problem(line, "entry has no check id")
            continue
        if known_checks is not None and check_id not in known_checks:
            problem(line, f"unknown check id {check_id!r}")
            continue
        if not isinstance(path, str) or not path:
            problem(line, "entry has no path")
            continue
        line_number = data.get("line")
        if line_number is not None and not isinstance(line_number, int):
            problem(line, "line must be a number")
            continue
        match = data.get("match")
        entries.append(Entry(line, check_id, path, reason.strip(), line_number, None if match is None else str(match)))
    return entries, problems


def apply_allowlist(
    root: Path, findings: list[Finding], ran: set[str], known_checks: set[str]
) -> tuple[list[Finding], list[Finding]]:
    """Drop allowed findings. Returns (remaining findings, problems with the allow-list)."""
    path = root / ALLOWLIST_FILE
    if not path.is_file():
        return findings, []
    entries, problems = load_allowlist(path.read_text(encoding="utf-8"), known_checks)
    kept = []
    for finding in findings:
        allowed = False
        for entry in entries:
            if entry.matches(finding):
                entry.used = True
                allowed = True
        if not allowed:
            kept.append(finding)
    for entry in entries:
        if not entry.used and entry.check in ran:
            where = f"{entry.path}" + (f":{entry.line_number}" if entry.line_number else "")
            problems.append(
                Finding(
                    ALLOWLIST_FILE,
                    entry.line,
                    "allowlist",
                    f"entry for [{entry.check}] at {where} matches no finding: remove it",
                )
            )
    return kept, problems


@check("allowlist", f"every entry of {ALLOWLIST_FILE} has a reason and still matches a finding")
def check_allowlist(ctx):
    # The runner applies the allow-list to the other checks' findings and reports its problems
    # under this id; on its own the check has nothing to add.
    return []
