"""Fixture-driven tests of the checks: tests/fixtures/<check-id>/.

Each folder holds ``fixture.yml``, one or more ``good*`` inputs and one or more ``bad*``
inputs. ``fixture.yml`` says where an input goes in a temporary copy of a site, which checks
run, and exactly which findings each input yields::

    place: docs/examples/iam/        # folder (ends with /) or file path for the inputs
    checks: [iam-policy]             # default: the folder name
    support: {docs/index.md: "..."}  # files every case gets (a support/ folder works too)
    cases:
      good.json: []                  # good inputs: no finding
      bad-unknown-action.json:       # each expected finding: line and a part of the message
        - {line: 6, message: "s3:GetObjekt"}
      bad-other.json:
        place: docs/examples/iam/trust-policy-x.json   # per-case place, extra files, findings
        extra: {docs/other.md: "..."}
        findings: [{line: 3, message: "...", path: docs/other.md}]

A finding's path defaults to where the input was placed. Inputs not listed in ``cases`` are
an error, so no fixture is silently skipped.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from docscheck.context import Options
from docscheck.runner import run

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"


@dataclass
class Case:
    check_id: str
    name: str
    source: Path
    dest: str
    checks: list[str]
    expected: list[dict]
    support: dict[str, str] = field(default_factory=dict)
    support_dir: Path | None = None

    def __str__(self) -> str:
        return f"{self.check_id}/{self.name}"


def load_cases(check_id: str) -> list[Case]:
    folder = FIXTURES / check_id
    spec = yaml.safe_load((folder / "fixture.yml").read_text(encoding="utf-8")) or {}
    place = spec.get("place", "docs/")
    checks = spec.get("checks", [check_id])
    support = spec.get("support") or {}
    support_dir = folder / "support" if (folder / "support").is_dir() else None
    cases = []
    declared = spec.get("cases") or {}
    inputs = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name.startswith(("good", "bad")))
    undeclared = set(inputs) - set(declared)
    if undeclared:
        raise AssertionError(f"{folder}: inputs without expectations in fixture.yml: {sorted(undeclared)}")
    for name, entry in declared.items():
        if isinstance(entry, list) or entry is None:
            entry = {"findings": entry or []}
        case_place = entry.get("place", place)
        dest = case_place + name if case_place.endswith("/") else case_place
        extra = {**support, **(entry.get("extra") or {})}
        cases.append(
            Case(
                check_id,
                name,
                folder / name,
                dest,
                entry.get("checks", checks),
                entry.get("findings") or [],
                extra,
                support_dir,
            )
        )
    return cases


def cases_for(*check_ids: str) -> list[Case]:
    return [case for check_id in check_ids for case in load_cases(check_id)]


def make_root(case: Case, tmp_path: Path) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    if case.support_dir is not None:
        shutil.copytree(case.support_dir, root, dirs_exist_ok=True)
    for relative, text in case.support.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    target = root / case.dest
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(case.source, target)
    if not (root / "mkdocs.yml").exists():
        (root / "mkdocs.yml").write_text("site_name: Fixture\n", encoding="utf-8")
    (root / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    if (REPO / "pyproject.toml").is_file():
        shutil.copyfile(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def run_case(case: Case, tmp_path: Path):
    root = make_root(case, tmp_path)
    return run(root, Options(only=case.checks, jobs=1)).findings


def check_case(case: Case, tmp_path: Path) -> None:
    findings = run_case(case, tmp_path)
    actual = [(f.path, f.line, f.check, f.message) for f in findings]
    expected = [
        (e.get("path", case.dest), e["line"], e.get("check", case.check_id), e.get("message", ""))
        for e in case.expected
    ]
    unmatched = list(actual)
    missing = []
    for path, line, check_id, part in expected:
        hit = next((a for a in unmatched if a[0] == path and a[1] == line and a[2] == check_id and part in a[3]), None)
        if hit is None:
            missing.append((path, line, check_id, part))
        else:
            unmatched.remove(hit)
    report = "\n".join([f"  expected, not found: {m}" for m in missing] + [f"  unexpected: {u}" for u in unmatched])
    assert not missing and not unmatched, f"{case}:\n{report}"
