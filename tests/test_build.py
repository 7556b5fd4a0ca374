"""What a reader of either build would notice: nothing loads from outside the site, every
diagram is in its page as SVG with no Mermaid anywhere, and an offline zip that opens from disk."""

from __future__ import annotations

import base64
import html as html_module
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from diagram_markup import MIN_SCALE
from docscheck.html_links import LINK_ATTRIBUTES
from fontTools.ttLib import TTFont
from practice_page import DATA_DIR
from question_pages import PRACTICE_SCRIPT, PRACTICE_STYLE
from sites import REPO, html_pages, mermaid_sources, svg_labels

# Elements and attributes through which a page loads something: the checker's table of link
# attributes without the ones a reader follows (a, form) and <link>, which loads only for some rels.
LOADING_ATTRIBUTES = {tag: names for tag, names in LINK_ATTRIBUTES.items() if tag not in ("a", "form", "link")}
LOADING_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
FIGURE = re.compile(r'<figure class="diagram"[^>]*>.*?</figure>', re.DOTALL)
SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


class LoadedUrls(HTMLParser):
    """Collects every URL a page would load, with the line it is written on."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[int, str]] = []

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
        if values.get("style"):
            self.urls.extend((line, url) for url in CSS_URL.findall(values["style"]))


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


def source_of(site_root: Path, html_file: Path) -> Path | None:
    """The Markdown page a built page comes from (directory URLs or not), None for the 404 page."""
    relative = html_file.relative_to(site_root).as_posix()
    if relative == "404.html":
        return None
    stem = relative.removesuffix(".html").removesuffix("index").rstrip("/")
    candidates = [f"{stem}/index.md" if stem else "index.md", f"{stem}.md"]
    return next(REPO / "docs" / name for name in candidates if (REPO / "docs" / name).is_file())


def figures(html_file: Path) -> list[str]:
    return FIGURE.findall(html_file.read_text(encoding="utf-8"))


@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
def test_every_diagram_of_a_page_is_in_its_html_as_svg_and_no_mermaid_source_is_left(variant, request):
    site = request.getfixturevalue(variant)
    wrong, total = [], 0
    for page in html_pages(site.root):
        if page.relative_to(site.root).parts[0].startswith("print_page"):
            continue  # the whole site in one page, with no source of its own: tests/test_pdf.py
        source = source_of(site.root, page)
        diagrams = mermaid_sources(source.read_text(encoding="utf-8")) if source else []
        drawn = sum(1 for markup in figures(page) if SVG.search(markup))
        total += drawn
        html = html_module.unescape(page.read_text(encoding="utf-8"))
        # A diagram's first lines (its type, its accTitle) are left in the page only as source text.
        left = [diagram.splitlines()[1].strip() for diagram in diagrams if diagram.splitlines()[1].strip() in html]
        if drawn != len(diagrams) or 'class="mermaid"' in html or left:
            name = page.relative_to(site.root)
            wrong.append(f"{name}: {drawn} of {len(diagrams)} diagrams drawn; source left: {left}")
    assert wrong == []
    assert total >= 30


@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
def test_no_published_page_or_file_is_mermaid(variant, request):
    site = request.getfixturevalue(variant)
    files = [path.relative_to(site.root).as_posix() for path in site.root.rglob("*") if path.is_file()]
    assert [name for name in files if "mermaid" in name.rsplit("/", 1)[-1] or name.endswith(".mjs")] == []
    assert "assets/javascripts/diagram-preview.js" not in files
    loads = [f"{page.name}:{line}: {url}" for page in html_pages(site.root) for line, url in parse(page).urls]
    assert [load for load in loads if "mermaid" in load.lower()] == []


@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
def test_ids_are_unique_on_every_page(variant, request):
    site = request.getfixturevalue(variant)
    duplicated = {}
    for page in html_pages(site.root):
        ids = re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8"))
        repeated = sorted({value for value in ids if ids.count(value) > 1})
        if repeated:
            duplicated[page.relative_to(site.root).as_posix()] = repeated[:5]
    assert duplicated == {}


def test_every_diagram_is_an_image_with_a_name_and_a_description(hosted_site):
    problems = []
    for page in html_pages(hosted_site.root):
        for markup in figures(page):
            svg = SVG.search(markup).group()
            root = re.match(r"<svg\b[^>]*>", svg).group()
            title = re.search(r'<title id="([^"]+)">([^<]+)</title>', svg)
            desc = re.search(r'<desc id="([^"]+)">([^<]+)</desc>', svg)
            if not (title and desc and 'role="img"' in root):
                problems.append(f"{page.relative_to(hosted_site.root)}: {root[:120]}")
            elif f'aria-labelledby="{title.group(1)}"' not in root or f'aria-describedby="{desc.group(1)}"' not in root:
                problems.append(f"{page.relative_to(hosted_site.root)}: name or description not referenced")
    assert problems == []


def test_search_does_not_index_what_diagrams_say(hosted_site):
    """A diagram's labels and its accessible description are not search text (the "In words"
    paragraph under it is): the descriptions are whole sentences found nowhere else."""
    index = json.loads((hosted_site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(entry["text"] for entry in index["docs"])
    found = []
    for page in html_pages(hosted_site.root):
        for markup in figures(page):
            desc = re.search(r"<desc[^>]*>([^<]+)</desc>", markup).group(1)
            if html_module.unescape(desc)[:60] in html_module.unescape(text):
                found.append(desc[:60])
            labels = svg_labels(SVG.search(markup).group())
            assert labels, "a drawn diagram has labels"
    assert found == []
    assert "<svg" not in text and "chart-title" not in text


EMBEDDED_FONT = re.compile(
    r'@font-face\{font-family:"Diagram Roboto";src:url\(data:font/woff2;base64,(?P<data>[^)]+)\)'
)


@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
def test_diagram_pages_carry_the_diagram_font_and_no_page_fetches_a_font(variant, request):
    """The font labels were measured in comes with the page, so labels show with the first paint;
    cut down to what the page's labels show, it still has every character of them."""
    site = request.getfixturevalue(variant)
    for page in html_pages(site.root):
        html = page.read_text(encoding="utf-8")
        embedded = EMBEDDED_FONT.search(html)
        assert bool(embedded) == bool(figures(page)), page
        assert not [url for _, url in parse(page).urls if url.endswith((".woff2", ".woff", ".ttf"))], page
        if embedded:
            font = TTFont(io.BytesIO(base64.b64decode(embedded.group("data"))))
            has = {chr(code) for code in font.getBestCmap()}
            shown = {
                character
                for figure in figures(page)
                for label in svg_labels(SVG.search(figure).group())
                for character in label
            }
            assert shown - has == set(), page
            assert len(has) < 90, f"{page}: the page's copy of the font holds more than its labels need"
    assert not [path for path in site.root.rglob("*.woff2")]


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
    assert not [name for name in names if "mermaid" in name.rsplit("/", 1)[-1]]


# The content column of a laptop is 688 CSS px wide (Material with both sidebars, measured in
# windows 1280 to 1440 px wide), and the site scales a diagram down to MIN_SCALE of its natural
# width at most before it scrolls sideways. So a drawing up to 688 / 0.75 = 917 px wide fits a
# laptop whole; tests/browser/test_diagrams.py checks that none scrolls in the reader's browser.
LAPTOP_COLUMN_PX = 688
MAX_DIAGRAM_WIDTH_PX = LAPTOP_COLUMN_PX / MIN_SCALE


def too_wide_diagrams(site_root: Path, limit: float) -> list[str]:
    """`page: title: width` for every diagram drawn wider than `limit` px at natural size."""
    wide = []
    for page in html_pages(site_root):
        for markup in figures(page):
            svg = SVG.search(markup).group()
            width = float(re.search(r'<svg\b[^>]*?\swidth="([\d.]+)"', svg).group(1))
            title = html_module.unescape(re.search(r"<title[^>]*>([^<]*)</title>", svg).group(1))
            if width > limit:
                wide.append(f"{page.relative_to(site_root).as_posix()}: {title}: {width:g}")
    return wide


def test_every_diagram_fits_a_laptop_column_without_scrolling(hosted_site):
    assert too_wide_diagrams(hosted_site.root, MAX_DIAGRAM_WIDTH_PX) == []


def test_the_width_check_names_a_diagram_too_wide(tmp_path):
    (tmp_path / "index.html").write_text(
        '<figure class="diagram"><svg id="d1" width="1200" height="80" role="img">'
        "<title>A long chain</title><text>x</text></svg></figure>"
        '<figure class="diagram"><svg id="d2" width="600" height="80" role="img">'
        "<title>A short chain</title><text>x</text></svg></figure>"
    )
    assert too_wide_diagrams(tmp_path, MAX_DIAGRAM_WIDTH_PX) == ["index.html: A long chain: 1200"]


PRACTICE_FILES = (PRACTICE_SCRIPT, PRACTICE_STYLE, DATA_DIR)


def test_only_the_practice_page_refers_to_the_practice_script_style_and_questions(hosted_site):
    texts = {
        page.relative_to(hosted_site.root).as_posix(): page.read_text(encoding="utf-8")
        for page in html_pages(hosted_site.root)
    }
    referring = {name for name, text in texts.items() if any(file in text for file in PRACTICE_FILES)}
    assert referring == {"practice/index.html"}


def test_the_offline_copy_leaves_out_what_no_page_of_it_loads(offline_site, hosted_site):
    left = [
        path.relative_to(offline_site.root).as_posix()
        for path in offline_site.root.rglob("*")
        if path.suffix == ".map" or path.name == "search_index.json" or "lunr" in path.parts
    ]
    assert left == []
    assert (offline_site.root / "search" / "search_index.js").is_file()
    # The hosted site keeps its index, which its search worker fetches.
    assert (hosted_site.root / "search" / "search_index.json").is_file()
