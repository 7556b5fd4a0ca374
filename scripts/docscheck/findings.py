"""Findings and the registry of checks.

A check is a function ``(ctx) -> Iterable[Finding]`` registered with :func:`check`. It never
raises for a problem in the site: it yields a :class:`Finding` for each one, so a run collects
all of them. The registry is filled when the check modules are imported (see
``docscheck.CHECK_MODULES``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where it is (path relative to the repository root, 1-based line) and what."""

    path: str
    line: int
    check: str
    message: str

    def as_dict(self) -> dict:
        return asdict(self)

    def human(self) -> str:
        return f"{self.path}:{self.line}: [{self.check}] {self.message}"


CheckFunction = Callable[..., Iterable[Finding]]


@dataclass
class Check:
    """A registered check: its id (used in output, --only/--skip and the allow-list)."""

    id: str
    description: str
    function: CheckFunction
    module: str
    # Opt-in checks run only when asked for (external links need --external).
    opt_in: bool = False
    # Checks that need the built site; the runner starts the build early for them.
    needs_site: bool = False
    # Slow checks (the build and what reads it, running samples) are left out by --quick.
    slow: bool = False


REGISTRY: dict[str, Check] = {}


def check(check_id: str, description: str, *, opt_in: bool = False, needs_site: bool = False, slow: bool = False):
    """Register the decorated function as the check ``check_id``."""

    def register(function: CheckFunction) -> CheckFunction:
        if check_id in REGISTRY and REGISTRY[check_id].function is not function:
            existing = REGISTRY[check_id]
            if existing.function.__qualname__ != function.__qualname__ or existing.module != function.__module__:
                raise ValueError(f"check id {check_id!r} registered twice ({existing.module}, {function.__module__})")
        REGISTRY[check_id] = Check(
            id=check_id,
            description=description,
            function=function,
            module=function.__module__,
            opt_in=opt_in,
            needs_site=needs_site,
            slow=slow or needs_site,
        )
        return function

    return register


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Deduplicate and order findings by path, line, check and message."""
    return sorted(set(findings))
