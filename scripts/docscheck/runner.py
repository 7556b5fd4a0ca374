"""Run the selected checks, in parallel, and collect every finding."""

from __future__ import annotations

import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import load_checks
from .allowlist import apply_allowlist
from .context import Context, Options
from .findings import Check, Finding, sort_findings


class UsageError(ValueError):
    """Bad options (unknown check id, opt-in check without its flag)."""


@dataclass
class Report:
    findings: list[Finding]
    timings: list[tuple[str, float]]
    ran: list[str]
    seconds: float
    notes: list[str] = field(default_factory=list)


def select_checks(only=None, skip=(), external: bool = False, quick: bool = False) -> list[Check]:
    registry = load_checks()
    for check_id in [*(only or []), *skip]:
        if check_id not in registry:
            raise UsageError(f"unknown check id {check_id!r}; --list shows them")
    selected = []
    for check in registry.values():
        if only and check.id not in only:
            continue
        if check.id in skip:
            continue
        if quick and check.slow and not (only and check.id in only):
            continue
        if check.opt_in and not external:
            if only and check.id in only:
                raise UsageError(f"{check.id} makes network requests: it runs only with --external")
            continue
        selected.append(check)
    return selected


def _run_one(check: Check, ctx: Context) -> tuple[list[Finding], float]:
    started = time.monotonic()
    try:
        findings = list(check.function(ctx) or [])
    except Exception as error:  # a crash is a finding too, never a silent pass
        module_file = f"scripts/docscheck/{check.module.rsplit('.', 1)[-1]}.py"
        detail = traceback.format_exception_only(type(error), error)[-1].strip()
        findings = [Finding(module_file, 1, check.id, f"the check crashed: {detail}")]
    return findings, time.monotonic() - started


def run(root: Path, options: Options | None = None) -> Report:
    options = options or Options()
    started = time.monotonic()
    selected = select_checks(options.only, options.skip, options.external, options.quick)
    ctx = Context(Path(root), options)
    timings: list[tuple[str, float]] = []
    findings: list[Finding] = []
    try:
        # Parse pages and samples once, before the threads share them.
        parse_started = time.monotonic()
        from .fences import collect_samples

        ctx.pages  # noqa: B018 - warm the cache
        collect_samples(ctx)
        timings.append(("(read pages and samples)", time.monotonic() - parse_started))

        results: dict[str, tuple[list[Finding], float]] = {}
        with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
            site_checks = [check for check in selected if check.needs_site]
            build_future = None
            if site_checks:

                def timed_build():
                    begun = time.monotonic()
                    ctx.build()
                    return time.monotonic() - begun

                build_future = pool.submit(timed_build)
            futures = {check.id: pool.submit(_run_one, check, ctx) for check in selected if not check.needs_site}
            if build_future is not None:
                build_seconds = build_future.result()
                label = "(mkdocs build, reused --site-dir)" if ctx.build().reused else "(mkdocs build --strict)"
                timings.append((label, build_seconds))
                futures.update({check.id: pool.submit(_run_one, check, ctx) for check in site_checks})
            for check_id, future in futures.items():
                results[check_id] = future.result()
        for check in selected:
            check_findings, seconds = results[check.id]
            findings.extend(check_findings)
            timings.append((check.id, seconds))
        ran = {check.id for check in selected}
        findings, problems = apply_allowlist(ctx.root, findings, ran, set(load_checks()))
        if "allowlist" in ran:
            findings.extend(problems)
    finally:
        ctx.close()
    return Report(sort_findings(findings), timings, [c.id for c in selected], time.monotonic() - started, ctx.notes)
