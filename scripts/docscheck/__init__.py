"""docscheck: the checks behind ``scripts/check.py``.

One module per concern; each registers its checks with the ``@check`` decorator from
:mod:`docscheck.findings`. A check is a function ``(ctx) -> Iterable[Finding]`` that reads what it
needs from the shared :class:`docscheck.context.Context` (pages, samples, the built site) and
yields one :class:`~docscheck.findings.Finding` (path, line, check id, message) per problem. It
never stops at the first problem and never raises for a problem in the site.

Adding a check module (for example ``glossary.py``)
----------------------------------------------------
1. Write ``scripts/docscheck/glossary.py``::

       from .findings import Finding, check

       @check("glossary", "glossary entries are unique, defined, sourced and used")
       def check_glossary(ctx):
           for page in ctx.pages:          # parsed Markdown, with line numbers
               ...
               yield Finding(page.path, line, "glossary", "unknown term 'g:foo'")

   Keep the logic in pure functions next to it, so tests can import them.
2. Register the module: add ``"glossary"`` to ``CHECK_MODULES`` below. That is the only line
   to change elsewhere; ``--list``, ``--only``/``--skip``, the output formats, ``--timings`` and
   the allow-list (``check-allowlist.yml``) pick the new check up from the registry.
3. Add fixtures ``tests/fixtures/<check-id>/`` (``fixture.yml``, a ``good.*`` input and one or
   more ``bad*.*`` inputs with their expected findings) and ``tests/check/test_glossary.py``;
   ``tests/check/test_findings.py`` fails while a registered check has no fixtures.

Pass ``needs_site=True`` to ``@check`` when the check reads the built HTML (``ctx.build()``),
``slow=True`` when ``--quick`` (pre-commit) should leave it out, and ``opt_in=True`` when it must
run only on request (as the external link check does). The fixture format is described in
``tests/check/harness.py``. Exceptions to any check go in ``check-allowlist.yml``, with a reason.
"""

from __future__ import annotations

import importlib

from .findings import REGISTRY, Check, Finding, check

__all__ = ["CHECK_MODULES", "REGISTRY", "Check", "Finding", "check", "load_checks"]

# Check modules, in the order their checks start (slow subprocess-based ones early, so they
# overlap with the build). One line per module: this is where a new module is registered.
CHECK_MODULES: tuple[str, ...] = (
    "build",
    "html_links",
    "external_links",
    "cloudformation",
    "mermaid",
    "python_code",
    "shell",
    "iam",
    "appspec",
    "buildspec",
    "api_payloads",
    "ecr_lifecycle",
    "github_workflows",
    "state_machine",
    "data_formats",
    "fences",
    "pages",
    "questions",
    "tables",
    "glossary",
    "credentials",
    "allowlist",
)


def load_checks() -> dict[str, Check]:
    """Import every check module (which fills the registry) and return the registry."""
    for name in CHECK_MODULES:
        importlib.import_module(f"{__name__}.{name}")
    return REGISTRY
