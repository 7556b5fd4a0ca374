"""Serve third-party JavaScript from the site itself, copied from node_modules.

Mermaid is served on diagram pages (mkdocs-mermaid2-plugin inserts it). In the offline build,
the iframe-worker shim (search from file://) is listed as a polyfill before Material's offline
plugin runs, so the plugin does not add its CDN copy.

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

# (file in node_modules, destination under docs/assets/vendor)
VENDOR_FILES: tuple[tuple[str, str], ...] = (
    ("mermaid/dist/mermaid.min.js", "mermaid/mermaid.min.js"),
    ("iframe-worker/shim/index.js", "iframe-worker/shim.js"),
)
SEARCH_SHIM = "assets/vendor/iframe-worker/shim.js"


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


# Before Material's offline plugin (priority 0), which adds a CDN shim when none is listed.
@event_priority(100)
def on_config(config):
    root = Path(__file__).resolve().parents[2]
    sync_vendor_files(root / "node_modules", Path(config.docs_dir) / "assets" / "vendor")
    offline = config.plugins.get("material/offline")
    add_search_shim(config.extra, bool(offline and offline.config.enabled))
    return config
