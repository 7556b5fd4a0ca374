"""Output formats: human lines, JSON, GitHub Actions annotations. Pure functions."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

from .findings import Finding


def human(findings: list[Finding]) -> str:
    return "".join(f"{finding.human()}\n" for finding in findings)


def summary(findings: list[Finding], checks_run: int, seconds: float) -> str:
    if not findings:
        return f"OK: no findings ({checks_run} checks in {seconds:.1f} s)"
    by_check = Counter(finding.check for finding in findings)
    files = len({finding.path for finding in findings})
    parts = ", ".join(f"{check_id}: {count}" for check_id, count in sorted(by_check.items()))
    noun = "finding" if len(findings) == 1 else "findings"
    return f"FAILED: {len(findings)} {noun} in {files} file(s) ({parts}); {checks_run} checks in {seconds:.1f} s"


def as_json(findings: list[Finding]) -> str:
    return json.dumps([finding.as_dict() for finding in findings], indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding]) -> str:
    """One ``::error`` workflow command per finding."""
    return "".join(
        f"::error file={_escape_property(f.path)},line={f.line},title={_escape_property(f.check)}::"
        f"{_escape_data(f.message)}\n"
        for f in findings
    )


def timings_table(timings: Iterable[tuple[str, float]]) -> str:
    rows = list(timings)
    width = max((len(name) for name, _ in rows), default=10)
    lines = [f"{name:<{width}}  {seconds:6.2f} s" for name, seconds in rows]
    return "Timings (wall clock per check; checks run in parallel):\n" + "".join(f"  {line}\n" for line in lines)
