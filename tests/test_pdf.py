"""The whole site as one PDF (`make pdf`), read back with pypdf as a reader would use it: every
page in navigation order with an outline entry, every diagram drawn and no Mermaid source, every
code sample's longest line whole, links inside the site leading inside the document; and the
combined page it is printed from, which must not break the site it sits in."""

from __future__ import annotations

import fnmatch
import html as html_module
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from sites import REPO, BuiltSite, html_pages, mermaid_sources, svg_labels

MAX_PDF_BYTES = 5_000_000
PRINT_PAGE = "print_page/index.html"
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.DOTALL)
FIGURE_SVG = re.compile(r'<figure class="diagram".*?(<svg\b.*?</svg>)', re.DOTALL)
# A code block as readers see it; a diagram's source (class "mermaid") is not one.
CODE_BLOCK = re.compile(
    r"<pre\b(?![^>]*\bmermaid\b)[^>]*>\s*(?:<span[^>]*></span>)?<code\b[^>]*>(.*?)</code></pre>", re.DOTALL
)
CODE = re.compile(r"<code\b[^>]*>(.*?)</code>", re.DOTALL)
MERMAID_BLOCK = re.compile(r'<pre class="mermaid">.*?</pre>', re.DOTALL)
ID = re.compile(r"""\sid=["']([^"']+)["']""")
IN_PAGE_LINK = re.compile(r'\shref="#([^"]*)"')


@dataclass(frozen=True)
class PrintedBook:
    path: Path
    reader: PdfReader
    text: str  # every page's text, in order, with whitespace collapsed to single spaces
    pages: list[str]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def without_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def html_text(fragment: str) -> str:
    return html_module.unescape(TAG.sub("", fragment))


def mkdocs_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def excluded_from_book() -> list[str]:
    """The print plugin's `exclude` patterns: pages the book leaves out on purpose."""
    for plugin in mkdocs_config()["plugins"]:
        if isinstance(plugin, dict) and "print-site" in plugin:
            return plugin["print-site"].get("exclude", [])
    return []


def nav_files(nav=None) -> list[str]:
    """The Markdown file of every page in mkdocs.yml's navigation, in order."""
    if nav is None:
        nav = mkdocs_config()["nav"]
    files = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        files += nav_files(value) if isinstance(value, list) else [value]
    return files


def book_files() -> list[str]:
    """The pages the book holds: the navigation's, less those it excludes."""
    return [doc for doc in nav_files() if not any(fnmatch.fnmatch(doc, pattern) for pattern in excluded_from_book())]


def built_page(doc: str) -> str:
    """The hosted build's file of a page (`patterns/fan-out.md` -> `patterns/fan-out/index.html`)."""
    folder = "" if doc == "index.md" else doc.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"
    return folder + "index.html"


def page_title(site: BuiltSite, doc: str) -> str:
    """The title a reader sees at the top of a page (its h1), from the hosted build."""
    page = (site.root / built_page(doc)).read_text(encoding="utf-8")
    return squeeze(html_text(HEADERLINK.sub("", H1.search(page).group(1))))


@pytest.fixture(scope="session")
def printed_book(hosted_site, tmp_path_factory) -> PrintedBook:
    """scripts/pdf.py (what `make pdf` runs) once, printing the hosted build; its text read once."""
    output = tmp_path_factory.mktemp("pdf") / "aws-practice-notes.pdf"
    result = subprocess.run(
        [sys.executable, "scripts/pdf.py", "--site", str(hosted_site.root), "--output", str(output)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"scripts/pdf.py failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    reader = PdfReader(output)
    pages = [squeeze(page.extract_text()) for page in reader.pages]
    return PrintedBook(output, reader, " ".join(pages), pages)


def outline_titles(reader: PdfReader) -> list[str]:
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(squeeze(item.title))

    walk(reader.outline)
    return titles


def in_order(found_in: list[str] | str, wanted: list[str]) -> list[str]:
    """The wanted items missing from found_in, or found out of order (searched one after the other)."""
    missing, position = [], 0
    for item in wanted:
        if isinstance(found_in, str):
            at = found_in.find(item, position)
            if at == -1:
                missing.append(item)
            else:
                position = at + len(item)
        else:
            try:
                position = found_in.index(item, position) + 1
            except ValueError:
                missing.append(item)
    return missing


def test_cover_names_the_site_its_version_and_build_date(printed_book):
    cover = printed_book.pages[0]
    assert "AWS Practice Notes" in cover
    assert re.search(r"Version \S+", cover) and "Version unknown" not in cover, cover
    assert re.search(r"Built \d{4}-\d{2}-\d{2}", cover), cover


def test_every_page_title_appears_in_navigation_order_after_the_contents(printed_book, hosted_site):
    titles = [page_title(hosted_site, doc) for doc in book_files()]
    assert printed_book.pages[1].startswith("Contents"), printed_book.pages[1][:200]
    body = " ".join(printed_book.pages[2:])
    assert in_order(body, titles) == []


def test_outline_has_an_entry_per_page_in_navigation_order(printed_book, hosted_site):
    titles = [page_title(hosted_site, doc) for doc in book_files()]
    assert in_order(outline_titles(printed_book.reader), titles) == []


def test_the_book_leaves_out_practice_self_check_and_contributing_and_nothing_else(printed_book, hosted_site):
    left_out = [doc for doc in nav_files() if doc not in book_files()]
    assert left_out == [
        "practice.md",
        "reference/self-check.md",
        "contributing/index.md",
        "contributing/style.md",
        "contributing/templates.md",
        "contributing/diagrams.md",
    ]
    outline = outline_titles(printed_book.reader)
    for title in ("Contributing to AWS Practice Notes", "Style guide", "Page templates", "Drawing diagrams"):
        assert page_title(hosted_site, next(d for d in left_out if page_title(hosted_site, d) == title)) == title
        assert title not in outline
    for sentence in ("Practice needs JavaScript", "Test yourself before you read a page"):
        assert sentence not in printed_book.text


def test_pages_are_numbered_with_a_running_title(printed_book):
    total = len(printed_book.pages)
    for number in (2, total // 2, total):
        page = printed_book.pages[number - 1]
        assert f"Page {number} of {total}" in page and "AWS Practice Notes" in page, page[-200:]


def test_every_diagram_prints_its_labels_and_no_mermaid_source(printed_book, hosted_site):
    combined = (hosted_site.root / PRINT_PAGE).read_text(encoding="utf-8")
    drawings = FIGURE_SVG.findall(combined)
    in_book = {built_page(doc) for doc in book_files()}
    on_pages = sum(
        page.read_text(encoding="utf-8").count('<figure class="diagram"')
        for page in html_pages(hosted_site.root)
        if page.relative_to(hosted_site.root).as_posix() in in_book
    )
    assert len(drawings) == on_pages > 0
    sources = [source for path in sorted((REPO / "docs").rglob("*.md")) for source in mermaid_sources(path.read_text())]
    text = without_space(printed_book.text)
    missing = sorted({label for svg in drawings for label in svg_labels(svg) if without_space(label) not in text})
    assert missing == [], f"diagram labels not in the PDF: {missing[:10]}"
    source_lines = {
        squeeze(line)
        for source in sources
        for line in source.splitlines()
        if re.match(r"\s*(accTitle|accDescr|flowchart|sequenceDiagram|stateDiagram)", line)
    }
    # A page may show Mermaid source as code on purpose (the page templates, the diagram guide).
    readable = MERMAID_BLOCK.sub("", combined)
    shown_as_code = {squeeze(line) for code in CODE.findall(readable) for line in html_text(code).splitlines()}
    assert [line for line in source_lines - shown_as_code if line in printed_book.text] == []


def test_the_longest_line_of_every_sample_shown_prints_whole(printed_book, hosted_site):
    combined = (hosted_site.root / PRINT_PAGE).read_text(encoding="utf-8")
    shown = [html_text(code) for code in CODE_BLOCK.findall(combined)]
    assert shown
    shown_lines = {line.strip() for code in shown for line in code.splitlines()}
    text = without_space(printed_book.text)
    checked, cut = 0, []
    for sample in sorted((REPO / "docs" / "examples").rglob("*")):
        if not sample.is_file():
            continue
        lines = sorted({line.strip() for line in sample.read_text(encoding="utf-8").splitlines()}, key=len)
        longest = next((line for line in reversed(lines) if line and line in shown_lines), None)
        if longest is None:
            continue
        checked += 1
        if without_space(longest) not in text:
            cut.append(f"{sample.relative_to(REPO)}: {longest}")
    assert checked >= 10, "too few samples found in the combined page to mean anything"
    assert cut == []


def test_links_inside_the_site_lead_inside_the_document(printed_book, hosted_site):
    internal, leaving = 0, []
    # Pages the book leaves out are read on the site: links to them lead there.
    left_out = tuple(hosted_site.base_url + built_page(doc).removesuffix("index.html") for doc in nav_files())
    left_out = tuple(
        url
        for url in left_out
        if url.removeprefix(hosted_site.base_url) + "index.html" not in {built_page(doc) for doc in book_files()}
    )
    # The cover (page 1) links to the site itself, where it is online.
    for number, page in enumerate(printed_book.reader.pages[1:], 2):
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            action = link.get("/A")
            if "/Dest" in link or (action and action.get("/S") == "/GoTo"):
                internal += 1
                continue
            uri = str(action.get("/URI", "")) if action else ""
            # A link to the site may only be to a file that is not a page (a sample to download).
            if uri.split("#")[0] in left_out:
                continue
            if not uri.startswith("http") or (uri.startswith(hosted_site.base_url) and uri.endswith(("/", ".html"))):
                leaving.append(f"page {number}: {uri}")
    assert leaving == []
    assert internal > 500, f"only {internal} links inside the document"


def test_pdf_is_tagged_and_within_its_size_budget(printed_book):
    root = printed_book.reader.trailer["/Root"]
    assert bool(root.get("/MarkInfo", {}).get("/Marked"))
    assert "/StructTreeRoot" in root
    assert printed_book.path.stat().st_size <= MAX_PDF_BYTES


def test_no_page_prints_a_gradient(printed_book):
    """Screen-only gradients (the scroll shadows of tables and code) print as a shaded pattern
    with a soft mask each, hundreds over the book: nothing on paper needs one."""
    shaded = [
        number
        for number, page in enumerate(printed_book.reader.pages, 1)
        if (page.get("/Resources") or {}).get("/Pattern")
    ]
    assert shaded == [], f"pages with gradient patterns: {shaded[:10]}"


def test_combined_page_has_unique_ids_and_every_in_page_link_resolves(hosted_site):
    combined = (hosted_site.root / PRINT_PAGE).read_text(encoding="utf-8")
    ids = Counter(ID.findall(combined))
    assert sorted(value for value, count in ids.items() if count > 1) == []
    broken = sorted({target for target in IN_PAGE_LINK.findall(combined) if target and target not in ids})
    assert broken == []
    assert '<pre class="mermaid"' not in combined and "<!--diagram:" not in combined


def test_combined_page_is_not_in_search_or_the_sitemap(hosted_site):
    index = json.loads((hosted_site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("print_page")]
    assert "print_page" not in (hosted_site.root / "sitemap.xml").read_text(encoding="utf-8")
