"""What a reader of either build would notice: nothing loads from outside the site, Mermaid
only where there are diagrams, and an offline zip that opens from disk."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from docscheck.html_links import LINK_ATTRIBUTES
from sites import html_pages
from vendor_assets import MERMAID_ESM as MERMAID_MODULE

# Elements and attributes through which a page loads something: the checker's table of link
# attributes without the ones a reader follows (a, form) and <link>, which loads only for some rels.
LOADING_ATTRIBUTES = {tag: names for tag, names in LINK_ATTRIBUTES.items() if tag not in ("a", "form", "link")}
LOADING_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
MERMAID_SCRIPT = "assets/vendor/mermaid/mermaid.min.js"
MERMAID_LOADER = "assets/javascripts/mermaid-loader.js"
# A module's imports of other files of the site: `import"./a.mjs"`, `from"./b.mjs"`, `import("./c.mjs")`.
RELATIVE_IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}/[^"']+)["']""")


class LoadedUrls(HTMLParser):
    """Collects every URL a page would load, with the line it is written on."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[int, str]] = []
        self.has_diagram = False
        self.mermaid_sources: list[str] = []
        self.mermaid_modules: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        line = self.getpos()[0]
        for name in LOADING_ATTRIBUTES.get(tag, ()):
            for url in (values.get(name) or "").split(","):
                if url.strip():
                    self.urls.append((line, url.strip().split()[0]))
        rels = set((values.get("rel") or "").split())
        if tag == "link" and rels & LOADING_LINK_RELS and values.get("href"):
            self.urls.append((line, values["href"]))
        if tag == "script" and values.get("data-mermaid-src"):
            self.mermaid_sources.append(values["data-mermaid-src"])
            self.urls.append((line, values["data-mermaid-src"]))
        if tag == "script" and values.get("data-mermaid-esm"):
            self.mermaid_modules.append(values["data-mermaid-esm"])
            self.urls.append((line, values["data-mermaid-esm"]))
        if values.get("style"):
            self.urls.extend((line, url) for url in CSS_URL.findall(values["style"]))
        if tag == "pre" and "mermaid" in (values.get("class") or "").split():
            self.has_diagram = True


def parse(page: Path) -> LoadedUrls:
    parser = LoadedUrls()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme in ("http", "https") or url.startswith("//"))


def external_loads(site_root: Path) -> list[str]:
    found = []
    for page in html_pages(site_root):
        for line, url in parse(page).urls:
            if is_external(url):
                found.append(f"{page.relative_to(site_root)}:{line}: {url}")
    for stylesheet in site_root.rglob("*.css"):
        for url in CSS_URL.findall(stylesheet.read_text(encoding="utf-8")):
            if is_external(url):
                found.append(f"{stylesheet.relative_to(site_root)}: {url}")
    return found


@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
def test_nothing_is_loaded_from_outside_the_site(variant, request):
    site = request.getfixturevalue(variant)
    assert external_loads(site.root) == []


def test_the_checker_notices_an_external_script(tmp_path):
    page = tmp_path / "index.html"
    page.write_text('<html><head>\n<script src="https://cdn.example.com/x.js"></script></head></html>')
    assert external_loads(tmp_path) == ["index.html:2: https://cdn.example.com/x.js"]


@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
def test_mermaid_is_loaded_only_on_pages_with_diagrams(variant, request):
    site = request.getfixturevalue(variant)
    diagram_pages, wrong = 0, []
    for page in html_pages(site.root):
        parsed = parse(page)
        loads_mermaid = any(url.endswith(MERMAID_LOADER) for _, url in parsed.urls) and any(
            source.endswith(MERMAID_SCRIPT) for source in parsed.mermaid_sources
        )
        diagram_pages += parsed.has_diagram
        if loads_mermaid != parsed.has_diagram:
            wrong.append(f"{page.relative_to(site.root)}: diagram={parsed.has_diagram} mermaid={loads_mermaid}")
    assert wrong == []
    assert diagram_pages >= 1
    assert (site.root / MERMAID_SCRIPT).is_file() and (site.root / MERMAID_LOADER).is_file()


def module_graph(entry: Path) -> tuple[set[Path], list[str]]:
    """Every module file reachable from `entry` by relative import, and the imports that are missing."""
    seen, missing, todo = set(), [], [entry.resolve()]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        for specifier in RELATIVE_IMPORT.findall(module.read_text(encoding="utf-8")):
            target = (module.parent / specifier).resolve()
            if target.is_file():
                todo.append(target)
            else:
                missing.append(f"{module.name} imports {specifier}")
    return seen, missing


def test_hosted_diagram_pages_offer_mermaids_module_build_with_every_part_it_imports(hosted_site):
    modules = set()
    for page in html_pages(hosted_site.root):
        parsed = parse(page)
        assert len(parsed.mermaid_modules) == parsed.has_diagram, page
        modules |= {(page.parent / module).resolve() for module in parsed.mermaid_modules}
    assert modules == {(hosted_site.root / MERMAID_MODULE).resolve()}
    reachable, missing = module_graph(hosted_site.root / MERMAID_MODULE)
    assert missing == []
    # The entry imports the core and, on demand, one chunk per diagram type: dozens of files.
    assert len(reachable) > 20


def test_the_offline_copy_has_no_module_build(offline_site):
    assert not any(parse(page).mermaid_modules for page in html_pages(offline_site.root))
    assert not list(offline_site.root.rglob("*.mjs"))


def test_the_module_graph_walk_reports_a_missing_chunk(tmp_path):
    (tmp_path / "chunks").mkdir()
    (tmp_path / "entry.mjs").write_text('import{a}from"./chunks/one.mjs";import"./chunks/two.mjs";')
    (tmp_path / "chunks" / "one.mjs").write_text('export const a=()=>import("./three.mjs");')
    reachable, missing = module_graph(tmp_path / "entry.mjs")
    assert {path.name for path in reachable} == {"entry.mjs", "one.mjs"}
    assert missing == ["entry.mjs imports ./chunks/two.mjs", "one.mjs imports ./three.mjs"]


def test_offline_build_uses_the_local_search_shim_and_inlined_index(offline_site):
    index = (offline_site.root / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/vendor/iframe-worker/shim.js"' in index
    assert (offline_site.root / "search" / "search_index.js").read_text().startswith("var __index =")
    # Directory URLs are off, so every link points at a file that exists on disk.
    assert (offline_site.root / "contributing" / "diagrams.html").is_file()


def test_hosted_build_has_no_offline_parts(hosted_site):
    index = (hosted_site.root / "index.html").read_text(encoding="utf-8")
    assert "iframe-worker" not in index
    assert not (hosted_site.root / "search" / "search_index.js").exists()


def test_make_offline_writes_a_zip_that_unpacks_to_the_site(offline_download):
    archive = offline_download.archive
    with zipfile.ZipFile(archive) as zipped:
        names = set(zipped.namelist())
    assert "aws-practice-notes-offline/index.html" in names
    assert "aws-practice-notes-offline/search/search_index.js" in names
    assert "aws-practice-notes-offline/assets/vendor/mermaid/mermaid.min.js" in names
