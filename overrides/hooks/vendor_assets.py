"""Serve third-party JavaScript from the site itself, copied from node_modules.

Mermaid is served on diagram pages (mkdocs-mermaid2-plugin inserts it). In the offline build,
the iframe-worker shim (search from file://) is listed as a polyfill before Material's offline
plugin runs, so the plugin does not add its CDN copy.

The hosted build also serves Mermaid's ES-module build: a small entry file that imports only
the chunks a page's diagrams need, about a third of the classic file's bytes for a flowchart.
The lazy loader prefers it over http(s). A browser cannot import modules from file://, so the
offline copy keeps to the classic file and leaves the modules out. They are added as files of
the build straight from node_modules, since nothing checks their path under docs_dir.

The files are installed by `npm ci` (package.json pins them) and never committed. They are
copied into docs/assets/vendor/ (git-ignored) because mkdocs-mermaid2-plugin checks that its
`javascript:` path exists under docs_dir. A file is rewritten only when it differs, so
`mkdocs serve` does not see a change and rebuild in a loop.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
VENDOR_DIR = "assets/vendor"  # in docs_dir, and so in the site
MERMAID_DIST = "mermaid/dist"
# (file in node_modules, destination under VENDOR_DIR)
VENDOR_FILES: tuple[tuple[str, str], ...] = (
    (f"{MERMAID_DIST}/mermaid.min.js", "mermaid/mermaid.min.js"),
    ("iframe-worker/shim/index.js", "iframe-worker/shim.js"),
)
SEARCH_SHIM = f"{VENDOR_DIR}/iframe-worker/shim.js"
# Mermaid's ES-module build: its entry file and the chunks it imports by relative path, which
# keep their place beside it, next to the classic file.
MERMAID_ESM_ENTRY = "mermaid.esm.min.mjs"
MERMAID_ESM_CHUNKS = "chunks/mermaid.esm.min"
MERMAID_ESM_DIR = f"{VENDOR_DIR}/mermaid"
MERMAID_ESM = f"{MERMAID_ESM_DIR}/{MERMAID_ESM_ENTRY}"


def sync_vendor_files(node_modules: Path, vendor_dir: Path) -> list[Path]:
    """Copy each vendor file that is missing or stale; return the paths written."""
    missing = [src for src, _ in VENDOR_FILES if not (node_modules / src).is_file()]
    if missing:
        raise PluginError(
            f"JavaScript dependencies are not installed ({', '.join(missing)} missing in "
            f"{node_modules}). Run `make install` (or `npm ci`)."
        )
    written = []
    for src, dest in VENDOR_FILES:
        source, target = node_modules / src, vendor_dir / dest
        if target.is_file() and filecmp.cmp(source, target, shallow=False):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    return written


def add_search_shim(extra: dict, offline_enabled: bool) -> None:
    """List the local search shim as a polyfill when building the offline copy."""
    if offline_enabled:
        polyfills = extra.setdefault("polyfills", [])
        if SEARCH_SHIM not in polyfills:
            polyfills.append(SEARCH_SHIM)


def mermaid_esm_files(node_modules: Path, site_dir: str) -> list[File]:
    """Mermaid's module entry and every chunk, to be written under MERMAID_ESM_DIR."""
    dist = node_modules / MERMAID_DIST
    chunks = sorted((dist / MERMAID_ESM_CHUNKS).glob("*.mjs"))
    if not (dist / MERMAID_ESM_ENTRY).is_file() or not chunks:
        raise PluginError(
            f"Mermaid's ES-module build is not installed ({dist / MERMAID_ESM_ENTRY}). "
            "Run `make install` (or `npm ci`)."
        )
    paths = [MERMAID_ESM_ENTRY, *(chunk.relative_to(dist).as_posix() for chunk in chunks)]
    return [
        File(path, str(dist), site_dir, use_directory_urls=False, dest_uri=f"{MERMAID_ESM_DIR}/{path}")
        for path in paths
    ]


def is_offline_build(config) -> bool:
    offline = config.plugins.get("material/offline")
    return bool(offline and offline.config.enabled)


# Before Material's offline plugin (priority 0), which adds a CDN shim when none is listed.
@event_priority(100)
def on_config(config):
    sync_vendor_files(NODE_MODULES, Path(config.docs_dir) / VENDOR_DIR)
    add_search_shim(config.extra, is_offline_build(config))
    return config


def on_files(files: Files, config) -> Files:
    if not is_offline_build(config):
        for file in mermaid_esm_files(NODE_MODULES, config.site_dir):
            files.append(file)
    return files
