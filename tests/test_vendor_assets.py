"""Mermaid's ES-module build goes into the hosted site from node_modules, or the build says what is missing."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError
from vendor_assets import MERMAID_ESM, mermaid_esm_files


def test_the_module_entry_and_its_chunks_keep_their_layout_under_the_vendor_folder(tmp_path):
    dist = tmp_path / "mermaid" / "dist"
    (dist / "chunks" / "mermaid.esm.min").mkdir(parents=True)
    (dist / "mermaid.esm.min.mjs").write_text('import"./chunks/mermaid.esm.min/chunk-A.mjs";')
    (dist / "chunks" / "mermaid.esm.min" / "chunk-A.mjs").write_text("export{};")
    (dist / "chunks" / "mermaid.esm.min" / "chunk-A.mjs.map").write_text("{}")
    files = mermaid_esm_files(tmp_path, "/site")
    assert [file.dest_uri for file in files] == [
        MERMAID_ESM,
        "assets/vendor/mermaid/chunks/mermaid.esm.min/chunk-A.mjs",
    ]
    assert all(file.abs_src_path.startswith(str(dist)) for file in files)


def test_a_missing_module_build_stops_the_build_with_the_install_command(tmp_path):
    (tmp_path / "mermaid" / "dist").mkdir(parents=True)
    with pytest.raises(PluginError, match=r"make install"):
        mermaid_esm_files(tmp_path, "/site")
