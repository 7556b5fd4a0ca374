"""The shared, lazily computed state of one run: configuration, pages, samples, the build.

Checks get a :class:`Context` and ask it for what they need; each expensive thing (parsing
every page, building the site) is computed once, thread-safely, and shared.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .source import Page, parse_page

VENDOR_DIR = "assets/vendor"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without importing anything it names (``!!python/name:``) and with ``!ENV``."""


def _construct_env(loader: yaml.SafeLoader, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node)
        names, default = values[:-1] or values, values[-1] if len(values) > 1 else None
    for name in names:
        if name in os.environ:
            return os.environ[name]
    return default


def _construct_other(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return f"<{suffix}{loader.construct_scalar(node)}>"
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_ConfigLoader.add_constructor("!ENV", _construct_env)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_other)
_ConfigLoader.add_multi_constructor("!", _construct_other)


def load_mkdocs_config(path: Path) -> dict:
    """The parts of mkdocs.yml a check may need, as plain data (empty when the file is missing)."""
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - safe subclass
    return data if isinstance(data, dict) else {}


def extension_config(config: dict, name: str) -> dict | None:
    """The options of a Markdown extension in mkdocs.yml, {} when listed bare, None when absent."""
    for entry in config.get("markdown_extensions") or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return None


@dataclass
class BuildResult:
    """Output of one ``mkdocs build --strict``."""

    site_dir: Path | None
    returncode: int
    log: str
    seconds: float = 0.0
    reused: bool = False


@dataclass
class Options:
    only: Sequence[str] | None = None
    skip: Sequence[str] = ()
    external: bool = False
    quick: bool = False
    site_dir: Path | None = None
    jobs: int = 2


@dataclass
class Context:
    """Everything a check may ask about one copy of the site."""

    root: Path
    options: Options = field(default_factory=Options)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    _build_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _site_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _build: BuildResult | None = field(default=None, repr=False)
    _tmp: tempfile.TemporaryDirectory | None = field(default=None, repr=False)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()

    # ----- configuration -------------------------------------------------------------------
    @functools.cached_property
    def config(self) -> dict:
        return load_mkdocs_config(self.root / "mkdocs.yml")

    @functools.cached_property
    def docs_dir(self) -> Path:
        return self.root / str(self.config.get("docs_dir") or "docs")

    @property
    def examples_dir(self) -> Path:
        return self.docs_dir / "examples"

    @functools.cached_property
    def custom_fences(self) -> frozenset[str]:
        options = extension_config(self.config, "pymdownx.superfences") or {}
        names = {fence.get("name") for fence in options.get("custom_fences") or [] if isinstance(fence, dict)}
        return frozenset(name for name in names if name) or frozenset({"mermaid"})

    @functools.cached_property
    def snippet_base_paths(self) -> list[Path]:
        options = extension_config(self.config, "pymdownx.snippets")
        if options is None:
            return [self.docs_dir]
        base = options.get("base_path", ["."])
        if isinstance(base, str):
            base = [base]
        return [self.root / entry for entry in base]

    def rel(self, path: Path | str) -> str:
        """Path relative to the root, POSIX style (absolute paths outside the root stay absolute)."""
        path = Path(path)
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            try:
                return path.relative_to(self.root).as_posix()
            except ValueError:
                return path.as_posix()

    # ----- pages ---------------------------------------------------------------------------
    @functools.cached_property
    def _exclude_spec(self):
        import pathspec

        patterns = [".*", "/templates/"]
        extra = self.config.get("exclude_docs")
        if isinstance(extra, str):
            patterns.extend(extra.splitlines())
        return pathspec.GitIgnoreSpec.from_lines(patterns)

    def is_excluded_doc(self, relative_to_docs: str) -> bool:
        return self._exclude_spec.match_file(relative_to_docs)

    @functools.cached_property
    def page_paths(self) -> list[Path]:
        """Markdown pages of the site (docs/**/*.md, minus excluded and vendored files)."""
        if not self.docs_dir.is_dir():
            return []
        pages = []
        for path in sorted(self.docs_dir.rglob("*.md")):
            relative = path.relative_to(self.docs_dir).as_posix()
            if relative.startswith(f"{VENDOR_DIR}/") or self.is_excluded_doc(relative):
                continue
            pages.append(path)
        return pages

    @functools.cached_property
    def pages(self) -> list[Page]:
        return [self.page(path) for path in self.page_paths]

    def page(self, path: Path) -> Page:
        cache = self.__dict__.get("_page_cache")
        if cache is not None and path in cache:
            return cache[path]
        with self._lock:
            cache = self.__dict__.setdefault("_page_cache", {})
            if path not in cache:
                text = path.read_text(encoding="utf-8", errors="replace")
                cache[path] = parse_page(self.rel(path), text, self.custom_fences)
            return cache[path]

    def page_for_doc(self, doc: str) -> Page | None:
        """The page for a path relative to docs_dir (as MkDocs names it in its messages)."""
        path = self.docs_dir / doc
        return self.page(path) if path.is_file() else None

    # ----- files ---------------------------------------------------------------------------
    def text_files(self, *, include_pages: bool = True) -> list[Path]:
        """Text files a reader can see or download: docs/ (minus vendored assets), overrides/."""
        files = []
        for base in (self.docs_dir, self.root / "overrides"):
            if not base.is_dir():
                continue
            for path in sorted(base.rglob("*")):
                if not path.is_file() or "__pycache__" in path.parts:
                    continue
                relative = path.relative_to(self.root).as_posix()
                if f"/{VENDOR_DIR}/" in f"/{relative}" or path.suffix in BINARY_SUFFIXES:
                    continue
                if not include_pages and path.suffix == ".md":
                    continue
                files.append(path)
        return files

    # ----- tools ---------------------------------------------------------------------------
    def tool(self, name: str) -> str | None:
        """An executable, looked up next to this Python first (the venv), then on PATH."""
        here = Path(sys.executable).parent
        candidate = here / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
        return shutil.which(name)

    @property
    def node_modules(self) -> Path:
        return self.root / "node_modules"

    def tmpdir(self) -> Path:
        """A scratch directory that lives as long as this context."""
        with self._lock:
            if self._tmp is None:
                self._tmp = tempfile.TemporaryDirectory(prefix="docscheck-")
            return Path(self._tmp.name)

    def close(self) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    # ----- the build -----------------------------------------------------------------------
    def build(self) -> BuildResult:
        """Build the site once (strict), or reuse --site-dir; later calls return the same result."""
        with self._build_lock:
            if self._build is None:
                if self.options.site_dir is not None:
                    self._build = BuildResult(Path(self.options.site_dir), 0, "", reused=True)
                else:
                    self._build = run_mkdocs_build(self.root, self.tmpdir() / "site")
            return self._build


BINARY_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".svg", ".woff", ".woff2", ".ttf", ".zip", ".gz", ".pdf"}
)


def run_mkdocs_build(root: Path, site_dir: Path) -> BuildResult:
    """``mkdocs build --strict`` in a subprocess; the log is kept for the build check."""
    import time

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    started = time.monotonic()
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - started
    built = site_dir if site_dir.is_dir() and next(site_dir.rglob("*.html"), None) is not None else None
    return BuildResult(built, process.returncode, process.stdout + process.stderr, seconds)
