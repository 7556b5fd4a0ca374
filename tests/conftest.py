"""Shared fixtures: the two builds of the site (hosted and offline), each built once per run."""

from __future__ import annotations

import pytest
from sites import BuiltSite, OfflineDownload, build_site, free_port, make_offline, serve


@pytest.fixture(scope="session")
def hosted_site(tmp_path_factory) -> BuiltSite:
    """The hosted build, served over http on loopback with site_url matching its origin."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/"
    root = tmp_path_factory.mktemp("hosted")
    build_site(root, site_url=base_url)
    serve(root, port)
    return BuiltSite(root, base_url)


@pytest.fixture(scope="session")
def offline_download(tmp_path_factory) -> OfflineDownload:
    """`make offline` run once: the folder and the zip a reader downloads, in a temporary dist/."""
    return make_offline(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def offline_site(offline_download) -> BuiltSite:
    """The offline build, opened from disk as a reader would after unzipping it."""
    root = offline_download.folder
    return BuiltSite(root, root.as_uri() + "/")
