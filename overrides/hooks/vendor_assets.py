"""Serve third-party files from the site itself, copied from node_modules.

- Mermaid's classic build, for the live preview of `mkdocs serve` only (mkdocs-mermaid2-plugin
  checks that its `javascript:` path exists under docs_dir; diagrams.py leaves it out of
  published builds, whose diagrams are drawn at build time).
- Panzoom, which the full-screen diagram view loads when a reader opens it.
- In the offline build, the iframe-worker shim (search from file://), listed as a polyfill
  before Material's offline plugin runs, so the plugin does not add its CDN copy.

The files are installed by `npm ci` (package.json pins them) and never committed. They are
copied into docs/assets/vendor/ (git-ignored); a file is rewritten only when it differs, so
`mkdocs serve` does not see a change and rebuild in a loop.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
VENDOR_DIR = "assets/vendor"  # in docs_dir, and so in the site
# (file in node_modules, destination under VENDOR_DIR)
VENDOR_FILES: tuple[tuple[str, str], ...] = (
    ("mermaid/dist/mermaid.min.js", "mermaid/mermaid.min.js"),
    ("@panzoom/panzoom/dist/panzoom.min.js", "panzoom/panzoom.min.js"),
    ("iframe-worker/shim/index.js", "iframe-worker/shim.js"),
)
SEARCH_SHIM = f"{VENDOR_DIR}/iframe-worker/shim.js"


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


def is_offline_build(config) -> bool:
    offline = config.plugins.get("material/offline")
    return bool(offline and offline.config.enabled)


# Before Material's offline plugin (priority 0), which adds a CDN shim when none is listed.
@event_priority(100)
def on_config(config):
    sync_vendor_files(NODE_MODULES, Path(config.docs_dir) / VENDOR_DIR)
    add_search_shim(config.extra, is_offline_build(config))
    return config
