"""Draw every Mermaid diagram at build time: a published page carries its diagrams as inline SVG.

The data flows one way. While MkDocs converts the pages (`on_page_content`), each ```mermaid
block becomes a placeholder and its source a job; once every page is converted (`on_env`),
the jobs that the cache does not hold are drawn in one browser (diagram_render.py), and the
build reports, at the fence's `path:line`, every diagram that Mermaid rejects or that breaks a
rule of the site (strict mode then fails the build). When the pages are written
(`on_post_page`) each placeholder becomes its SVG, inside a figure that scrolls sideways when
the diagram is wider than the column.

mkdocs-mermaid2-plugin keeps its part: it owns the fence and the one Mermaid configuration
(its `arguments:`), which the drawing here uses; and under `mkdocs serve` nothing is drawn at
build time, so mermaid2 adds Mermaid to the page and docs/assets/javascripts/diagram-preview.js
draws the same source with the same configuration in the browser, without a wait for Chromium
on every save.

Placeholders sit inside an element marked `data-search-exclude`, so diagram labels are not
indexed by search; the "In words" text under each diagram is.
"""

from __future__ import annotations

import html
import logging
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from diagram_cache import DiagramCache, cache_key
from diagram_font import font_face, foreign_characters, label_characters, subset
from diagram_markup import MIN_SCALE, PLACEHOLDER, fill, placeholder, render_id, script_tag
from diagram_render import (
    FONT_FAMILY,
    FONT_FILE,
    Drawing,
    DrawingError,
    RendererUnavailable,
    render_batch,
    renderer_fingerprint,
)
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.diagrams")

# From scripts/: chromium.py finds the browser the tests use too (and `make` installs it), and
# docscheck/source.py is the project's one Markdown fence parser.
sys.path.append(str(Path(__file__).resolve().parents[2] / "scripts"))
from chromium import LAUNCH_ARGS, find_chromium  # noqa: E402
from docscheck.source import find_fences  # noqa: E402

CACHE_DIR = ".cache/diagrams"
# The rule of the contributor guide: every label at least MIN_LABEL_PX CSS pixels as shown.
# A diagram is shown at its natural size, or scaled down to fit the column, but never below
# MIN_SCALE of it (it scrolls sideways instead), so its smallest label must be drawn at least
# MIN_LABEL_PX / MIN_SCALE.
MIN_LABEL_PX = 12
# An optimised diagram above this is too big to send to a phone inside a page; split it.
MAX_SVG_BYTES = 64_000

# Where mermaid2 looks for the library (its `javascript:`), and the preview script: served by
# `mkdocs serve` only, never published.
PREVIEW_SCRIPT = "assets/javascripts/diagram-preview.js"
PREVIEW_ONLY_FILES = ("assets/vendor/mermaid/mermaid.min.js", PREVIEW_SCRIPT)
VIEWER_SCRIPT = "assets/javascripts/diagrams.js"
MATERIAL_CONFIG = '<script id="__config"'

FENCE_BLOCK = re.compile(r'<pre class="mermaid"><code>(?P<code>.*?)</code></pre>', re.DOTALL)


@dataclass
class Fence:
    """Where a diagram's source is: for findings."""

    path: str
    line: int


@dataclass
class Build:
    """What this build collected and drew."""

    config: dict = field(default_factory=dict)
    fingerprint: str = ""
    font: bytes = b""  # the diagram font the renderer measures with (every diagram character)
    cache_dir: Path = Path(CACHE_DIR)
    sources: dict[str, str] = field(default_factory=dict)  # key -> source
    fences: dict[str, list[Fence]] = field(default_factory=dict)  # key -> where it appears
    drawings: dict[str, Drawing] = field(default_factory=dict)
    drawn_now: int = 0


_state = {"command": "build"}
_build = Build()


def fence_lines(markdown: str) -> list[int]:
    """1-based line of each ```mermaid fence opening in a Markdown file, in order (read by the
    checker's own fence parser, so that the build and `make check` agree on what a fence is)."""
    fences, _ = find_fences(markdown.splitlines())
    return [fence.start for fence in fences if fence.lang == "mermaid"]


def collect(content: str, src_path: str, markdown: str, build: Build) -> str:
    """Replace each diagram block of a page's HTML by a placeholder, and record its job."""
    lines = fence_lines(markdown)
    count = 0

    def job(match: re.Match) -> str:
        nonlocal count
        source = html.unescape(match.group("code")).rstrip("\n") + "\n"
        key = cache_key(source, build.config, build.fingerprint)
        line = lines[count] if count < len(lines) else 1
        count += 1
        build.sources[key] = source
        build.fences.setdefault(key, []).append(Fence(src_path, line))
        return placeholder(key)

    return FENCE_BLOCK.sub(job, content)


def problems_of(drawing: Drawing | DrawingError) -> list[str]:
    """What is wrong with one drawing, as finding messages (empty when nothing is)."""
    if isinstance(drawing, DrawingError):
        return [f"Mermaid cannot draw it: {drawing.message}"]
    problems = []
    if drawing.min_font_px is not None and drawing.min_font_px * MIN_SCALE < MIN_LABEL_PX:
        problems.append(
            f"smallest label is {drawing.min_font_px:g} px: shown at {MIN_SCALE:.0%}, the smallest the site "
            f"scales a diagram, it would read {drawing.min_font_px * MIN_SCALE:g} px, under {MIN_LABEL_PX} px"
        )
    size = len(drawing.svg.encode())
    if size > MAX_SVG_BYTES:
        problems.append(
            f"optimised SVG is {size / 1000:.1f} kB, over the {MAX_SVG_BYTES / 1000:.0f} kB limit "
            "(MAX_SVG_BYTES): split the diagram"
        )
    return problems


def mermaid_line_offset(message: str, source: str) -> int:
    """Mermaid names the line inside the diagram ("Parse error on line 4"), counted after a
    leading `---` configuration block; 0 when it names none."""
    match = re.search(r"on line (\d+)", message)
    if not match:
        return 0
    lines = source.splitlines()
    front_matter = 0
    if lines and lines[0].strip() == "---":
        front_matter = next((index + 1 for index in range(1, len(lines)) if lines[index].strip() == "---"), 0)
    return int(match.group(1)) + front_matter


def font_findings(build: Build) -> list[str]:
    """A character the diagram font lacks would be drawn in a font its label was not measured in."""
    findings = []
    for key, source in build.sources.items():
        for character in foreign_characters(source):
            line = next(number for number, text in enumerate(source.splitlines(), 1) if character in text)
            for fence in build.fences[key]:
                findings.append(
                    f"{fence.path}:{fence.line + line}: [diagram] character {character!r} (U+{ord(character):04X}) "
                    "is not in the diagram font: write it in ASCII, or add it to DIAGRAM_CHARACTERS in "
                    "overrides/hooks/diagram_font.py"
                )
    return findings


def draw_all(build: Build, cache: DiagramCache, render) -> list[str]:
    """Fill build.drawings from the cache, drawing the rest with `render`; return findings."""
    missing = {}
    for key in build.sources:
        cached = cache.get(key)
        if cached is not None:
            build.drawings[key] = cached
        else:
            missing[key] = build.sources[key]
    drawn = render({render_id(key): source for key, source in missing.items()}) if missing else {}
    findings = []
    for key in missing:
        result = drawn[render_id(key)]
        problems = problems_of(result)
        for fence in build.fences[key]:
            offset = mermaid_line_offset(result.message, build.sources[key]) if isinstance(result, DrawingError) else 0
            findings += [f"{fence.path}:{fence.line + offset}: [diagram] {problem}" for problem in problems]
        if not problems:
            cache.put(key, result)
            build.drawings[key] = result
            build.drawn_now += 1
    return findings


def unquotable_values(arguments, where: str = "arguments") -> list[str]:
    """Strings of the Mermaid configuration that mermaid2 cannot write into the preview page:
    it wraps each in double quotes without escaping, so a `"` or a `\\` breaks the script."""
    if isinstance(arguments, dict):
        items = [(f"{where}.{key}", value) for key, value in arguments.items()]
    elif isinstance(arguments, list):
        items = [(f"{where}[{index}]", value) for index, value in enumerate(arguments)]
    else:
        items = []
    if items:
        return [found for place, value in items for found in unquotable_values(value, place)]
    if isinstance(arguments, str) and ('"' in arguments or "\\" in arguments):
        return [where]
    return []


def is_static() -> bool:
    """Draw at build time for everything published; `mkdocs serve` previews in the browser."""
    return _state["command"] != "serve"


# ----- MkDocs events -----------------------------------------------------------------------------


def on_startup(command, dirty):
    _state["command"] = command


def on_config(config):
    global _build
    mermaid2 = config.plugins.get("mermaid2")
    if mermaid2 is None:
        raise PluginError("diagrams.py needs mkdocs-mermaid2-plugin: its `arguments:` configure Mermaid")
    unquotable = unquotable_values(mermaid2.config["arguments"])
    if unquotable:
        raise PluginError(
            "mkdocs.yml: mermaid2 `arguments:` must not hold a double quote or a backslash (mermaid2 "
            f"writes them into the preview page unescaped): {', '.join(unquotable)}; use single quotes"
        )
    if FONT_FAMILY not in str(mermaid2.config["arguments"].get("fontFamily", "")):
        raise PluginError(
            f"mkdocs.yml: mermaid2 `arguments: fontFamily` must name '{FONT_FAMILY}', the font the site "
            "serves and measures labels with"
        )
    try:
        cache_dir = Path(config.config_file_path).parent / CACHE_DIR
        font = subset(FONT_FILE, cache_dir)
        _build = Build(
            config=dict(mermaid2.config["arguments"]),
            fingerprint=renderer_fingerprint(font),
            font=font,
            cache_dir=cache_dir,
        )
    except (RendererUnavailable, OSError) as error:
        raise PluginError(f"Diagrams cannot be drawn: {error}") from error
    return config


def on_files(files, config):
    if is_static():
        for path in PREVIEW_ONLY_FILES:
            file = files.get_file_from_path(path)
            if file is not None:
                files.remove(file)
    return files


def on_page_content(content, page, config, files):
    if not is_static():
        return content
    source = Path(page.file.abs_src_path)
    # Findings name the file as a contributor finds it: from the repository root (docs/...).
    where = os.path.relpath(source, Path(config.config_file_path).parent)
    return collect(content, where, source.read_text(encoding="utf-8"), _build)


def on_env(env, config, files):
    if not is_static() or not _build.sources:
        return env
    cache = DiagramCache(_build.cache_dir)

    def render(jobs):
        return render_batch(jobs, _build.config, executable=find_chromium(), launch_args=LAUNCH_ARGS, font=_build.font)

    started = time.monotonic()
    try:
        findings = font_findings(_build) + draw_all(_build, cache, render)
    except RendererUnavailable as error:
        raise PluginError(f"Diagrams cannot be drawn: {error}") from error
    # Logged, not raised: the build goes on, so that MkDocs still reports every broken link and
    # anchor, and strict mode stops it at the end with all of them.
    for finding in findings:
        log.error(finding)
    # One line that `make bench` reads for the time diagrams cost a cold and a warm build.
    log.info(
        "Diagrams: %d on the site, %d drawn now, %d from the cache, in %.2f s",
        len(_build.sources),
        _build.drawn_now,
        len(_build.sources) - _build.drawn_now,
        time.monotonic() - started,
    )
    return env


# Before mermaid2 (priority 0) and its skeleton hook (10): a page whose diagrams are drawn
# gives mermaid2 nothing to add. Under `mkdocs serve`, the preview script goes before
# Material's bundle, so that Material finds no diagram to draw in its own way.
@event_priority(20)
def on_post_page(output, page, config):
    if is_static():
        if "<!--diagram:" not in output:
            return output
        keys = {match.group("key") for match in PLACEHOLDER.finditer(output)}
        shown = label_characters(_build.drawings[key].svg for key in keys if key in _build.drawings)
        output = fill(output, _build.drawings)
        # The font loads when a label first needs it, which on a long page is after the first paint:
        # asking for it from <head> has it ready before the parser reaches the first diagram.
        head = (
            f"<style>{font_face(FONT_FAMILY, subset(FONT_FILE, _build.cache_dir, shown))}</style>"
            f"<script>document.fonts.load('16px \"{FONT_FAMILY}\"')</script>"
        )
        output = output.replace("</head>", head + "</head>", 1)
        return output.replace("</body>", script_tag(page.url, VIEWER_SCRIPT, defer=True) + "</body>", 1)
    if '<pre class="mermaid">' not in output or MATERIAL_CONFIG not in output:
        return output
    at = output.index(MATERIAL_CONFIG)
    return output[:at] + script_tag(page.url, PREVIEW_SCRIPT, defer=False) + "\n" + output[at:]
