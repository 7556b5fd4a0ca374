"""Code samples: inline fences and the files under docs/examples/, each with a kind.

The kind decides which checks validate a sample. For a fence it comes from an explicit
``data-check`` attribute or else from the fence language, refined by content (a YAML fence that
is a whole CloudFormation template is checked as one). Attributes go in braces, which is the
form ``pymdownx.superfences`` passes through to the HTML:

    ``` { .yaml data-check="skip: excerpt of a larger template" }

A skip needs a reason. A fence whose body is only ``--8<--`` includes is checked as a reference
(the file and the named section must exist); the sample file itself is checked as a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .data_formats import DATA_KINDS, parse_data
from .findings import Finding, check
from .source import Fence, Page

# Fence language -> kind.
KIND_BY_LANG = {
    "yaml": "yaml",
    "yml": "yaml",
    "json": "json",
    "python": "python",
    "py": "python",
    "python3": "python",
    "bash": "bash",
    "sh": "bash",
    "shell": "bash",
    "mermaid": "mermaid",
}
# Languages shown as they are: nothing can validate them.
DISPLAY_LANGS = frozenset({"text", "txt", "plaintext", "console", "shell-session", "http", "markdown", "md", "html"})
# Values of data-check (besides "skip: <reason>").
EXPLICIT_KINDS = {
    "yaml": "yaml",
    "json": "json",
    "cloudformation": "cloudformation",
    "iam": "iam",
    "iam-identity": "iam",
    "iam-resource": "iam",
    "iam-trust": "iam",
    "appspec": "appspec",
    "appspec-ec2": "appspec",
    "appspec-lambda": "appspec",
    "appspec-ecs": "appspec",
    "state-machine": "state-machine",
    "buildspec": "buildspec",
    "ecr-lifecycle": "ecr-lifecycle",
    "github-workflow": "github-workflow",
    "python": "python",
    "bash": "bash",
    "text": "display",
}
# docs/examples/<folder>/ -> {suffix: kind}
EXAMPLE_KINDS = {
    "cloudformation": {".yaml": "cloudformation", ".yml": "cloudformation", ".json": "cloudformation"},
    "iam": {".json": "iam"},
    "appspec": {".yml": "appspec", ".yaml": "appspec", ".json": "appspec"},
    "buildspec": {".yml": "buildspec", ".yaml": "buildspec"},
    "codepipeline": {".json": "json", ".yaml": "yaml", ".yml": "yaml"},
    "ecr": {".json": "ecr-lifecycle"},
    "ecs": {".json": "json"},
    "stepfunctions": {".json": "state-machine"},
    "boto3": {".py": "python"},
    "cli": {".sh": "bash"},
}
# An include's file suffix must suit the fence language.
LANG_SUFFIXES = {
    "yaml": {".yaml", ".yml"},
    "json": {".json"},
    "python": {".py"},
    "bash": {".sh"},
}
RE_SNIPPET = re.compile(r"""^\s*(?P<escape>;)?--8<--\s+(?P<quote>["'])(?P<target>[^"']+)(?P=quote)\s*$""")
RE_SECTION_MARK = re.compile(r"--8<--\s*\[\s*(?P<kind>start|end)\s*:\s*(?P<name>[\w-]+)\s*\]")


@dataclass
class Sample:
    """One thing to validate: a sample file, or the body of an inline fence."""

    path: str  # where findings point (page or sample file), relative to the root
    line: int  # line in ``path`` of the sample's first line
    kind: str
    text: str
    origin: str  # "file" or "fence"
    lang: str = ""
    explicit: str = ""  # the data-check value, when one was given
    file: Path | None = None
    data: object = None  # parsed YAML/JSON (None until parsed, or when it does not parse)
    parse_error: str = ""
    parse_line: int = 0
    includes: list[tuple[str, int]] = field(default_factory=list)

    def at(self, line_in_sample: int) -> int:
        """The line in ``path`` of a 1-based line of the sample."""
        return self.line + max(line_in_sample, 1) - 1

    @property
    def name(self) -> str:
        return self.file.name if self.file else f"fence at line {self.line - 1}"

    @property
    def subkind(self) -> str:
        """A finer kind from an explicit attribute (iam-trust) or the file name (trust-policy-x.json)."""
        if self.explicit and self.explicit != self.kind and self.explicit.startswith(self.kind):
            return self.explicit
        return ""


@dataclass
class FenceDecision:
    kind: str  # a kind, "include", "display", "skip", or "unknown"
    problem: str = ""
    explicit: str = ""
    includes: list[tuple[str, int]] = field(default_factory=list)  # (target, page line)


def decide_fence(fence: Fence) -> FenceDecision:
    """Decide what a fence is, from its data-check attribute, its language and its body."""
    explicit = fence.header.attrs.get("data-check", "").strip()
    lang = fence.lang.lower()
    includes = [
        (match.group("target"), fence.first_body_line + offset)
        for offset, line in enumerate(fence.body)
        if (match := RE_SNIPPET.match(line)) and not match.group("escape")
    ]
    non_blank = [line for line in fence.body if line.strip()]
    include_only = bool(includes) and len(includes) == len(non_blank)
    if explicit:
        if explicit.split(":", 1)[0].strip() == "skip":
            reason = explicit.split(":", 1)[1].strip() if ":" in explicit else ""
            if not reason:
                return FenceDecision("skip", 'a skipped fence needs a reason: data-check="skip: <why>"', explicit)
            return FenceDecision("skip", explicit=explicit)
        if explicit.split(":", 1)[0].strip() == "api":
            # The input of an AWS API call: "api: <service> <Operation> [<Member>]" (api_payloads.py).
            if include_only:
                return FenceDecision("include", explicit=explicit, includes=includes)
            return FenceDecision("api", explicit=explicit, includes=includes)
        if explicit not in EXPLICIT_KINDS:
            known = ", ".join(sorted(EXPLICIT_KINDS))
            return FenceDecision(
                "unknown",
                f"unknown data-check value {explicit!r} "
                f"(known: {known}, api: <service> <Operation> [<Member>], skip: <reason>)",
            )
        if include_only:
            return FenceDecision("include", explicit=explicit, includes=includes)
        return FenceDecision(EXPLICIT_KINDS[explicit], explicit=explicit, includes=includes)
    if not lang:
        return FenceDecision(
            "unknown",
            "fence has no language, so no check knows what it is; use one of "
            + ", ".join(sorted({*KIND_BY_LANG, *DISPLAY_LANGS}))
            + ' or data-check="skip: <reason>"',
        )
    if lang in DISPLAY_LANGS:
        return FenceDecision("display")
    if lang not in KIND_BY_LANG:
        return FenceDecision(
            "unknown",
            f"unknown fence language {fence.lang!r}: no check knows this kind; use one of "
            + ", ".join(sorted({*KIND_BY_LANG, *DISPLAY_LANGS}))
            + ' or data-check="skip: <reason>"',
        )
    kind = KIND_BY_LANG[lang]
    if include_only:
        return FenceDecision("include", includes=includes)
    return FenceDecision(kind, includes=includes)


def refine_kind(kind: str, data: object) -> str:
    """A YAML/JSON sample whose content is a template, a policy, an AppSpec or a buildspec."""
    if kind not in ("yaml", "json") or not isinstance(data, dict):
        return kind
    resources = data.get("Resources")
    if "AWSTemplateFormatVersion" in data or (
        isinstance(resources, dict)
        and resources
        and all(isinstance(value, dict) and isinstance(value.get("Type"), str) for value in resources.values())
    ):
        return "cloudformation"
    if kind == "json" and "Statement" in data:
        return "iam"
    version = data.get("version")
    if version in (0.0, "0.0") and any(str(key).lower() in ("os", "files", "hooks", "resources") for key in data):
        return "appspec"
    if "phases" in data and version is not None:
        return "buildspec"
    return kind


def example_kind(examples_dir: Path, path: Path) -> str:
    """Kind of a file under docs/examples/ from its folder and suffix ("" when unknown)."""
    relative = path.relative_to(examples_dir)
    if len(relative.parts) < 2:
        return ""
    return EXAMPLE_KINDS.get(relative.parts[0], {}).get(path.suffix.lower(), "")


def example_files(ctx) -> list[Path]:
    if not ctx.examples_dir.is_dir():
        return []
    return sorted(
        path
        for path in ctx.examples_dir.rglob("*")
        if path.is_file() and path.suffix != ".md" and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def resolve_snippet(ctx, target: str) -> tuple[Path | None, str, str]:
    """(file, section name, problem) for an include target such as ``examples/x.yaml:queues``."""
    if re.match(r"^[a-z]+://", target):
        return None, "", "remote snippets are not allowed: include a file from docs/examples/"
    name, section = target, ""
    parts = target.split(":")
    if len(parts) > 1 and all(re.fullmatch(r"-?\d*", part) for part in parts[1:]):
        return None, "", f"include {target!r} selects lines by number: wrap the part in a named section instead"
    if len(parts) == 2 and parts[1] and not re.fullmatch(r"\d+", parts[1]):
        name, section = parts
    for base in ctx.snippet_base_paths:
        candidate = base / name
        if candidate.is_file():
            return candidate, section, ""
    return (
        None,
        section,
        f"included file {name!r} not found (looked in {', '.join(ctx.rel(b) for b in ctx.snippet_base_paths)})",
    )


def snippet_section(text: str, section: str) -> str | None:
    """The lines between ``--8<-- [start:section]`` and ``--8<-- [end:section]``, or None."""
    lines = text.splitlines()
    inside, found, kept = False, False, []
    for line in lines:
        mark = RE_SECTION_MARK.search(line)
        if mark:
            if mark.group("name") == section:
                if mark.group("kind") == "start":
                    inside, found = True, True
                else:
                    inside = False
            continue
        if inside:
            kept.append(line)
    return "\n".join(kept) + "\n" if found else None


def include_problems(ctx, page: Page, fence: Fence, includes: list[tuple[str, int]]) -> list[Finding]:
    findings = []
    for target, line in includes:
        file, section, problem = resolve_snippet(ctx, target)
        if problem:
            findings.append(Finding(page.path, line, "snippet", problem))
            continue
        if section:
            body = file.read_text(encoding="utf-8", errors="replace")
            if snippet_section(body, section) is None:
                findings.append(
                    Finding(
                        page.path,
                        line,
                        "snippet",
                        f"section {section!r} not found in {ctx.rel(file)} "
                        f"(mark it with '--8<-- [start:{section}]' and '--8<-- [end:{section}]' comment lines)",
                    )
                )
        lang_kind = KIND_BY_LANG.get(fence.lang.lower(), "")
        suffixes = LANG_SUFFIXES.get(lang_kind)
        if suffixes and file.suffix.lower() not in suffixes:
            findings.append(
                Finding(
                    page.path, line, "snippet", f"a {fence.lang} fence includes {file.name}, which is not {fence.lang}"
                )
            )
    return findings


def collect_samples(ctx) -> list[Sample]:
    """Every sample of the site, parsed where it is data. Cached on the context."""
    cached = ctx.__dict__.get("_samples")
    if cached is not None:
        return cached
    with ctx._lock:
        cached = ctx.__dict__.get("_samples")
        if cached is not None:
            return cached
        samples: list[Sample] = []
        for path in example_files(ctx):
            kind = example_kind(ctx.examples_dir, path)
            if not kind:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            samples.append(Sample(ctx.rel(path), 1, kind, text, "file", lang=path.suffix.lstrip("."), file=path))
        for page in ctx.pages:
            for fence in page.fences:
                decision = decide_fence(fence)
                if decision.kind in ("include", "display", "skip", "unknown", "mermaid") or not fence.closed:
                    continue
                text = fence.text
                if decision.includes:
                    text = _expand_includes(ctx, fence)
                samples.append(
                    Sample(
                        page.path,
                        fence.first_body_line,
                        decision.kind,
                        text,
                        "fence",
                        lang=fence.lang.lower(),
                        explicit=decision.explicit,
                        includes=decision.includes,
                    )
                )
        for sample in samples:
            if sample.kind in DATA_KINDS:
                data_format = "json" if (sample.lang == "json" or sample.kind == "iam") else "yaml"
                data, error, line = parse_data(sample.text, data_format)
                sample.data, sample.parse_error, sample.parse_line = data, error, line
                if not error and not sample.explicit:
                    sample.kind = refine_kind(sample.kind, data)
        ctx.__dict__["_samples"] = samples
        return samples


def _expand_includes(ctx, fence: Fence) -> str:
    out = []
    for line in fence.body:
        match = RE_SNIPPET.match(line)
        if match and not match.group("escape"):
            file, section, problem = resolve_snippet(ctx, match.group("target"))
            if file is not None and not problem:
                body = file.read_text(encoding="utf-8", errors="replace")
                out.append((snippet_section(body, section) if section else body) or "")
                continue
        out.append(line + "\n")
    return "".join(out)


def samples_of(ctx, *kinds: str) -> list[Sample]:
    return [sample for sample in collect_samples(ctx) if sample.kind in kinds]


# ----- checks ---------------------------------------------------------------------------------
@check("fence-kind", "every code fence has a kind a check knows (language or data-check); skips give a reason")
def check_fence_kinds(ctx):
    for page in ctx.pages:
        for fence in page.fences:
            decision = decide_fence(fence)
            if decision.problem:
                yield Finding(page.path, fence.start, "fence-kind", decision.problem)


@check("fence-syntax", "code fences are ones pymdownx.superfences renders (valid header, closed)")
def check_fence_syntax(ctx):
    for page in ctx.pages:
        for fence in page.bad_fences:
            yield Finding(page.path, fence.start, "fence-syntax", fence.header.error)
        for fence in page.fences:
            if not fence.closed:
                yield Finding(
                    page.path,
                    fence.start,
                    "fence-syntax",
                    f"fence opened with {fence.header.fence!r} is never closed (a closing line of exactly "
                    f"{fence.header.fence!r} at the same indentation is needed)",
                )


@check("snippet", "every --8<-- include names an existing file and named section, never line numbers")
def check_snippets(ctx):
    for page in ctx.pages:
        for fence in page.fences:
            decision = decide_fence(fence)
            if decision.includes:
                yield from include_problems(ctx, page, fence, decision.includes)


@check("sample-kind", "every file under docs/examples/ is in a folder and format a check knows")
def check_sample_kinds(ctx):
    known = ", ".join(f"{folder}/*{'|'.join(sorted(kinds))}" for folder, kinds in EXAMPLE_KINDS.items())
    for path in example_files(ctx):
        if not example_kind(ctx.examples_dir, path):
            yield Finding(ctx.rel(path), 1, "sample-kind", f"no check knows this sample kind (known: {known})")
