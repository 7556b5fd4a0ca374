"""Third-party files the site serves are copied from node_modules, or the build says what is missing."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError
from vendor_assets import VENDOR_FILES, sync_vendor_files


def installed(node_modules):
    for source, _ in VENDOR_FILES:
        (node_modules / source).parent.mkdir(parents=True, exist_ok=True)
        (node_modules / source).write_text(f"contents of {source}")


def test_every_listed_file_is_copied_and_an_unchanged_one_is_not_rewritten(tmp_path):
    installed(tmp_path / "node_modules")
    written = sync_vendor_files(tmp_path / "node_modules", tmp_path / "vendor")
    assert sorted(written) == sorted(tmp_path / "vendor" / dest for _, dest in VENDOR_FILES)
    assert sync_vendor_files(tmp_path / "node_modules", tmp_path / "vendor") == []


def test_a_missing_package_stops_the_build_with_the_install_command(tmp_path):
    installed(tmp_path / "node_modules")
    (tmp_path / "node_modules" / VENDOR_FILES[1][0]).unlink()
    with pytest.raises(PluginError, match=rf"{VENDOR_FILES[1][0]}.*make install"):
        sync_vendor_files(tmp_path / "node_modules", tmp_path / "vendor")
