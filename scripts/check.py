#!/usr/bin/env python3
"""Check the whole site: links, anchors, code samples, diagrams, page anatomy, secrets.

    python scripts/check.py [--root DIR] [--list] [--only ID,...] [--skip ID,...]
                            [--format human|json|github] [--external] [--quick]
                            [--timings] [--site-dir DIR] [--jobs N]

Prints one line per finding (``path:line: [check-id] message``) and a summary; exits 0 only
when nothing is found, 1 when something is, 2 on a usage error. ``--external`` adds the
(networked) external link check; the default run makes no network request. ``--quick`` leaves
out the build, the checks of the built HTML and the running of samples (for pre-commit). The checks live
in ``scripts/docscheck/`` (see its docstring for how to add one); exceptions go in
``check-allowlist.yml`` with a reason each.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from docscheck import load_checks, output  # noqa: E402
from docscheck.context import Options  # noqa: E402
from docscheck.runner import UsageError, run  # noqa: E402


def _ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="check.py", description="Validate the site: links, anchors, samples, diagrams, pages, secrets."
    )
    parser.add_argument("--root", type=Path, default=SCRIPTS.parent, help="repository root (default: %(default)s)")
    parser.add_argument("--list", action="store_true", help="list the checks and exit")
    parser.add_argument("--only", type=_ids, default=None, metavar="ID,...", help="run only these checks")
    parser.add_argument("--skip", type=_ids, default=[], metavar="ID,...", help="do not run these checks")
    parser.add_argument("--format", choices=("human", "json", "github"), default="human", help="output format")
    parser.add_argument("--external", action="store_true", help="also check external links (network)")
    parser.add_argument(
        "--quick", action="store_true", help="skip the slow checks (the build and what reads it, running samples)"
    )
    parser.add_argument("--timings", action="store_true", help="print the seconds each check took")
    parser.add_argument("--site-dir", type=Path, default=None, help="reuse this built site instead of building")
    parser.add_argument("--jobs", type=int, default=2, help="checks run at once (default: %(default)s)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.list:
        for check in load_checks().values():
            suffix = " (only with --external)" if check.opt_in else (" (slow: not in --quick)" if check.slow else "")
            print(f"{check.id:<20} {check.description}{suffix}")
        return 0
    root = args.root.resolve()
    if not (root / "mkdocs.yml").is_file():
        print(f"check.py: error: {root} has no mkdocs.yml (use --root)", file=sys.stderr)
        return 2
    if args.site_dir is not None and not (args.site_dir / "index.html").is_file():
        print(f"check.py: error: --site-dir {args.site_dir} holds no built site (no index.html)", file=sys.stderr)
        return 2
    options = Options(
        only=args.only,
        skip=args.skip,
        external=args.external,
        quick=args.quick,
        site_dir=args.site_dir,
        jobs=max(1, args.jobs),
    )
    try:
        report = run(root, options)
    except UsageError as error:
        print(f"check.py: error: {error}", file=sys.stderr)
        return 2
    if args.format == "json":
        sys.stdout.write(output.as_json(report.findings))
    elif args.format == "github":
        sys.stdout.write(output.github(report.findings))
    else:
        sys.stdout.write(output.human(report.findings))
    side = sys.stdout if args.format == "human" else sys.stderr
    for note in report.notes:
        print(f"note: {note}", file=side)
    print(output.summary(report.findings, len(report.ran), report.seconds), file=side)
    if args.timings:
        side.write(output.timings_table(report.timings))
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
