"""Shared fixtures: the two builds of the site (hosted and offline), each built once per run."""

from __future__ import annotations

import pytest
from sites import BuiltSite, build_site, free_port, serve


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
def offline_site(tmp_path_factory) -> BuiltSite:
    """The offline build, opened from disk as a reader would after unzipping it."""
    root = tmp_path_factory.mktemp("offline")
    build_site(root, site_url="", offline=True)
    return BuiltSite(root, root.as_uri() + "/")
