"""Import an MkDocs hook's pure functions by file path (hooks are not a package).

A check and the hook it mirrors must agree on the rules, so the check imports the hook: the
checked root's copy when it has one, else this repository's (test fixtures have none).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

# The repository this checker belongs to.
CHECKER_REPO = Path(__file__).resolve().parents[2]


def load_hook(root: Path, hook_file: str) -> ModuleType | None:
    """The module at `root/hook_file`, else this repository's; None when neither exists."""
    path = root / hook_file
    if not path.is_file():
        path = CHECKER_REPO / hook_file
    if not path.is_file():
        return None
    name = f"docscheck_hook_{Path(hook_file).stem}_{abs(hash(str(path.resolve())))}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # a hook's dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module
