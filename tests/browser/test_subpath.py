"""The site as GitHub Pages serves it: under a sub-path, with its own 404 page."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import urldefrag, urljoin

import pytest
from sites import BuiltSite, build_site, free_port, html_pages, serve

SUB_PATH = "aws-practice-notes/"

LINKS = "() => [...document.querySelectorAll('a[href]')].map((a) => a.href)"


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory) -> BuiltSite:
    port = free_port()
    server_root = tmp_path_factory.mktemp("pages")
    site_root = server_root / SUB_PATH
    base_url = f"http://127.0.0.1:{port}/{SUB_PATH}"
    build_site(site_root, site_url=base_url)
    serve(server_root, port, not_found_page=site_root / "404.html")
    return BuiltSite(site_root, base_url)


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_every_page_and_link_works_under_the_sub_path(sub_path_site, make_probe):
    probe = make_probe(sub_path_site.base_url)
    problems, checked = [], {}
    for html_file in html_pages(sub_path_site.root):
        if html_file.name == "404.html":
            continue
        relative = html_file.relative_to(sub_path_site.root).as_posix()
        probe.blocked.clear()
        probe.console_errors.clear()
        page = probe.open(sub_path_site.url(relative))
        problems += [f"{relative}: {text}" for text in probe.console_errors + probe.blocked]
        for href in page.evaluate(LINKS):
            target, _ = urldefrag(href)
            if not target.startswith(f"http://127.0.0.1:{sub_path_site.base_url.split(':')[2].split('/')[0]}/"):
                continue  # links to other sites are the external link check's business
            if not target.startswith(sub_path_site.base_url):
                problems.append(f"{relative}: link leaves the sub-path: {href}")
                continue
            if target not in checked:
                checked[target] = status_of(target)
            if checked[target] != 200:
                problems.append(f"{relative}: {href} answers {checked[target]}")
    assert problems == []
    assert len(checked) > 10


def test_a_missing_address_shows_the_styled_404_page_with_a_way_home(sub_path_site, make_probe):
    probe = make_probe(sub_path_site.base_url)
    missing = urljoin(sub_path_site.base_url, "no/such/page/")
    page = probe.page
    failed_responses = []
    page.on("response", lambda response: response.status >= 400 and failed_responses.append(response.url))
    response = page.goto(missing)
    assert response.status == 404
    assert page.locator("h1").first.inner_text() == "Page not found"
    # The theme's stylesheet loaded, although the address is two folders deep.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    # The only failure is the missing address itself (Chromium logs it once to the console).
    assert failed_responses == [missing]
    assert len(probe.console_errors) == 1 and probe.blocked == []
    page.get_by_role("link", name="Go to the home page").click()
    page.wait_for_load_state()
    assert page.url == sub_path_site.base_url


def test_the_sitemap_lists_every_page_at_its_sub_path_address(sub_path_site):
    with urllib.request.urlopen(urljoin(sub_path_site.base_url, "sitemap.xml"), timeout=10) as response:
        sitemap = response.read().decode("utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    # Not the 404 page, nor the whole site in one page for printing (it would repeat every page).
    pages = [p for p in html_pages(sub_path_site.root) if p.name != "404.html" and "print_page" not in p.parts]
    assert len(locations) == len(pages)
    assert all(location.startswith(sub_path_site.base_url) for location in locations)
    assert all(status_of(location) == 200 for location in locations)
