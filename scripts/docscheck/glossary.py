"""The glossary: its one source (docs/reference/glossary.yml) and the ``[text][g:id]`` links of the pages.

The rules live in the MkDocs hook ``overrides/hooks/glossary.py``; its pure functions are imported here
by file path, so the build and this check cannot disagree. Two checks:

``glossary``
    Duplicate id, term or alias (case-insensitive); an entry without a definition, source or topics;
    an unknown key, topic or related id; a source outside the allowed documentation hosts; a ``g:``
    reference, on a page or in an entry's details, to an id the glossary lacks. The strict build fails
    on these as well.
``glossary-unused``
    An entry that no page mentions (by term, alias, plural or ``g:`` reference, outside code). The build
    only warns about it, so that placeholder pages do not break it; allow-list an entry here if it is
    kept on purpose.

Reference-style links that did not resolve at all are the ``html_links`` check's job (it reads them in
the built HTML).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from .findings import Finding, check
from .hooks import load_hook as load_hook_file

HOOK_FILE = "overrides/hooks/glossary.py"


def load_hook(root: Path) -> ModuleType | None:
    """The glossary hook: the checked root's, else this repository's."""
    return load_hook_file(root, HOOK_FILE)


def glossary_findings(
    hook: ModuleType, glossary_file: Path, glossary_path: str, pages: Iterable[tuple[str, str, str]]
) -> list[Finding]:
    """All findings of both checks for one glossary file and the pages given as (src_uri, path, text).

    `src_uri` is the page's path inside docs/ (as MkDocs names it), `path` the one to report.
    """
    sources = [hook.SourcePage(src_uri, path, text) for src_uri, path, text in pages]
    _entries, problems, _used_on = hook.check_site(glossary_file, glossary_path, sources)
    findings = []
    for problem in problems:
        check_id = "glossary-unused" if problem.check == "glossary-unused" else "glossary"
        findings.append(Finding(problem.path, problem.line, check_id, problem.message))
    return findings


def _site_findings(ctx) -> list[Finding]:
    """Both checks' findings for the repository, computed once per run and shared."""
    if "_glossary_findings" in ctx.__dict__:
        return ctx.__dict__["_glossary_findings"]
    with ctx._lock:
        if "_glossary_findings" not in ctx.__dict__:
            ctx.__dict__["_glossary_findings"] = _compute(ctx)
        return ctx.__dict__["_glossary_findings"]


def _compute(ctx) -> list[Finding]:
    hook = load_hook(ctx.root)
    if hook is None:
        return []
    glossary_file = ctx.docs_dir / hook.SOURCE_FILE
    glossary_path = ctx.rel(glossary_file)
    if not glossary_file.is_file():
        hooks = [str(entry) for entry in ctx.config.get("hooks") or []]
        if any(entry.endswith(HOOK_FILE) for entry in hooks):
            return [Finding(glossary_path, 1, "glossary", "the glossary hook is on but its source file is missing")]
        return []
    pages = []
    for page in ctx.pages:
        absolute = ctx.root / page.path
        try:
            src_uri = absolute.resolve().relative_to(ctx.docs_dir.resolve()).as_posix()
        except ValueError:
            continue
        pages.append((src_uri, page.path, "\n".join(page.lines) + "\n"))
    return glossary_findings(hook, glossary_file, glossary_path, pages)


@check("glossary", "glossary entries are unique, defined and sourced; every g: reference names one")
def check_glossary(ctx) -> Iterable[Finding]:
    return [finding for finding in _site_findings(ctx) if finding.check == "glossary"]


@check("glossary-unused", "every glossary entry is used on at least one page")
def check_glossary_unused(ctx) -> Iterable[Finding]:
    return [finding for finding in _site_findings(ctx) if finding.check == "glossary-unused"]
