"""Keep each drawn diagram under a key of (source, configuration, renderer), so it is drawn once.

The renderer part of the key holds Mermaid's and SVGO's versions, SVGO's settings, the font
and the drawing script (diagram_render.renderer_fingerprint): change any of them and every
diagram is drawn again. Entries are small JSON files in a git-ignored folder; a damaged entry
is treated as missing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

from diagram_render import Drawing


def cache_key(source: str, config: dict, fingerprint: str) -> str:
    payload = json.dumps({"source": source, "config": config, "renderer": fingerprint}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


class DiagramCache:
    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> Drawing | None:
        try:
            return Drawing(**json.loads(self._path(key).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def put(self, key: str, drawing: Drawing) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self._path(key).with_suffix(".tmp")
        temporary.write_text(json.dumps(dataclasses.asdict(drawing)), encoding="utf-8")
        temporary.replace(self._path(key))  # whole or absent, even if a build is interrupted
