"""Links in the built HTML, where MkDocs' own validation cannot see.

MkDocs validates Markdown links and anchors while it builds. This module reads the built site
and checks every internal ``href``/``src``/``srcset`` of every page (links written in theme
templates and overrides, raw HTML, links that hooks generate, such as glossary links), and
every ``#fragment`` against the ids of the target page. It also finds reference-style links
that did not resolve and were rendered as literal ``[text][ref]``. Findings point at the
Markdown source line (or the template line) that holds the link.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .findings import Finding, check

LINK_ATTRIBUTES = {
    "a": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "script": ("src",),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
}
NON_TEXT = frozenset({"code", "pre", "script", "style", "textarea", "kbd", "samp"})
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:", "about:")
RE_UNRESOLVED_REFERENCE = re.compile(r"(?<![\\!])\[(?P<text>[^\[\]\n]+)\]\[(?P<ref>[^\[\]\n]*)\]")


@dataclass
class Link:
    tag: str
    attribute: str
    url: str
    line: int  # line in the HTML file


@dataclass
class HtmlPage:
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    texts: list[tuple[int, str]] = field(default_factory=list)  # (html line, text outside code)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = HtmlPage()
        self.non_text_depth = 0

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)
        if tag in NON_TEXT:
            self.non_text_depth += 1

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_endtag(self, tag):
        if tag in NON_TEXT and self.non_text_depth:
            self.non_text_depth -= 1

    def handle_data(self, data):
        if not self.non_text_depth and "[" in data:
            self.page.texts.append((self.getpos()[0], data))

    def _element(self, tag, attrs):
        line = self.getpos()[0]
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.page.ids.add(values[key])
        for attribute in LINK_ATTRIBUTES.get(tag, ()):
            value = values.get(attribute)
            if value is None:
                continue
            if attribute == "srcset":
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.page.links.append(Link(tag, attribute, url, line))
            else:
                self.page.links.append(Link(tag, attribute, value.strip(), line))


def parse_html(text: str) -> HtmlPage:
    collector = _Collector()
    collector.feed(text)
    collector.close()
    return collector.page


@dataclass
class Site:
    root: Path
    pages: dict[str, HtmlPage]  # path relative to the site root -> parsed page
    site_url: str

    def ids_of(self, relative: str) -> set[str] | None:
        page = self.pages.get(relative)
        return page.ids if page is not None else None


def scan_site(ctx) -> Site | None:
    """Parse every HTML page of the built site once (cached on the context)."""
    if "_site_scan" in ctx.__dict__:
        return ctx.__dict__["_site_scan"]
    with ctx._site_lock:
        if "_site_scan" in ctx.__dict__:
            return ctx.__dict__["_site_scan"]
        result = ctx.build()
        site = None
        if result.site_dir is not None and result.site_dir.is_dir():
            pages = {
                path.relative_to(result.site_dir).as_posix(): parse_html(
                    path.read_text(encoding="utf-8", errors="replace")
                )
                for path in sorted(result.site_dir.rglob("*.html"))
            }
            site = Site(result.site_dir, pages, str(ctx.config.get("site_url") or ""))
        ctx.__dict__["_site_scan"] = site
        return site


def classify(url: str, site_url: str) -> tuple[str, str]:
    """("skip" | "external" | "internal" | "root", url-or-path). Root means root-relative."""
    if not url or url.startswith(SKIP_SCHEMES) or url.startswith("{{"):
        return "skip", url
    if site_url and url.startswith(site_url):
        return "internal", url[len(site_url) :] or "./"
    if site_url and url.rstrip("/") == site_url.rstrip("/"):
        return "internal", "./"
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url) or url.startswith("//"):
        scheme = urlsplit(url).scheme.lower()
        return ("external" if scheme in ("http", "https", "") else "skip"), url
    if url.startswith("/"):
        prefix = urlsplit(site_url).path if site_url else "/"
        if prefix and url.startswith(prefix):
            return "internal", url[len(prefix) :] or "./"
        return "root", url
    return "relative", url


def resolve(site: Site, page_path: str, url: str) -> tuple[str | None, str, str]:
    """(target file relative to the site root or None, fragment, problem) for an internal url."""
    kind, value = classify(url, site.site_url)
    if kind in ("skip", "external"):
        return None, "", ""
    parts = urlsplit(value)
    fragment = unquote(parts.fragment)
    path = unquote(parts.path)
    if kind == "relative":
        if not path:
            return page_path, fragment, ""
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path))
    elif kind == "internal":
        joined = posixpath.normpath(path) if path not in ("", "./") else "."
    else:  # root-relative outside the site's sub-path
        joined = posixpath.normpath(path.lstrip("/")) or "."
    if joined.startswith(".."):
        return None, fragment, f"link {url!r} points outside the site"
    candidates = [joined] if joined != "." else []
    if path.endswith("/") or joined == "." or not posixpath.splitext(joined)[1]:
        candidates.append(posixpath.join(joined, "index.html") if joined != "." else "index.html")
    for candidate in candidates:
        if (site.root / candidate).is_file():
            return candidate, fragment, ""
    return None, fragment, f"link {url!r} leads to no file in the built site"


def source_for_site_page(ctx, site_path: str) -> str | None:
    """The Markdown page (docs path relative to the root) a built HTML page comes from."""
    cache = ctx.__dict__.setdefault("_site_to_source", {})
    if not cache:
        directory_urls = ctx.config.get("use_directory_urls", True) is not False
        for page in ctx.pages:
            doc = ctx.rel(ctx.root / page.path).removeprefix(ctx.rel(ctx.docs_dir) + "/")
            stem, name = posixpath.splitext(doc)[0], posixpath.basename(doc)
            if name in ("index.md", "README.md"):
                html = posixpath.join(posixpath.dirname(doc), "index.html")
            elif directory_urls:
                html = posixpath.join(stem, "index.html")
            else:
                html = stem + ".html"
            cache[html.lstrip("./")] = page.path
    return cache.get(site_path)


def template_files(ctx) -> list[Path]:
    theme = ctx.config.get("theme") or {}
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    folder = ctx.root / (custom or "overrides")
    return sorted(folder.rglob("*.html")) if folder.is_dir() else []


def locate(ctx, site_path: str, needles: list[str]) -> tuple[str, int, bool]:
    """(file, line, found) of the first needle in the page's Markdown source, else in a template."""
    source = source_for_site_page(ctx, site_path)
    if source is not None:
        page = ctx.page(ctx.root / source)
        for needle in needles:
            if needle and (line := page.line_of(needle, page.body_start)):
                return source, line, True
    for template in template_files(ctx):
        lines = template.read_text(encoding="utf-8", errors="replace").splitlines()
        for needle in needles:
            for number, line in enumerate(lines, 1):
                if needle and needle in line:
                    return ctx.rel(template), number, True
    return source or f"{ctx.rel(ctx.docs_dir)} (built {site_path})", 1, False


def strip_relative(url: str) -> str:
    """``../../help/`` -> ``help/``: the part of a link a template writes after {{ base_url }}."""
    return re.sub(r"^(\.\.?/)+", "", url)


def link_findings(ctx, site: Site) -> list[Finding]:
    findings = []
    for site_path, page in site.pages.items():
        for link in page.links:
            target, fragment, problem = resolve(site, site_path, link.url)
            bare = strip_relative(link.url)
            if problem:
                path, line, found = locate(ctx, site_path, [f'"{link.url}"', f"({link.url})", link.url, bare])
                if found and path.endswith(".html"):  # a template: the same link on every page
                    problem = problem.replace(repr(link.url), repr(bare)) + " (written in a template)"
                elif not found:
                    problem += f" (on {site_path})"
                findings.append(Finding(path, line, "html-links", problem))
                continue
            if target is None or not fragment or not target.endswith(".html"):
                continue
            ids = site.ids_of(target)
            if ids is not None and fragment not in ids:
                needles = [f'"{link.url}"', f"({link.url})", f"#{fragment})", f"#{fragment}", link.url, bare]
                path, line, found = locate(ctx, site_path, needles)
                if found and path.endswith(".html"):
                    where = " (written in a template)"
                else:
                    where = "" if found else f" (on {site_path})"
                target_name = "this page" if target == site_path else target
                findings.append(
                    Finding(path, line, "html-links", f"anchor '#{fragment}' does not exist in {target_name}{where}")
                )
    return findings


def reference_findings(ctx, site: Site) -> list[Finding]:
    findings = []
    for site_path, page in site.pages.items():
        for _, text in page.texts:
            for match in RE_UNRESOLVED_REFERENCE.finditer(text):
                literal = match.group(0)
                path, line, _ = locate(ctx, site_path, [literal, f"][{match.group('ref')}]"])
                ref = match.group("ref") or match.group("text")
                findings.append(
                    Finding(
                        path,
                        line,
                        "reference-links",
                        f"reference-style link {literal!r} did not resolve (no definition for [{ref}]) "
                        "and shows as literal text",
                    )
                )
    return findings


def _minus_build_duplicates(ctx, findings: list[Finding]) -> list[Finding]:
    """Drop what the build check already reports at the same place (MkDocs saw that link)."""
    if "build" not in getattr(ctx, "selected", {"build"}) or ctx.build().reused:
        return findings
    from .build import build_findings

    seen = {(f.path, f.line, _link_key(f.message)) for f in build_findings(ctx, ctx.build().log)}
    return [f for f in findings if (f.path, f.line, _link_key(f.message)) not in seen]


def _link_key(message: str) -> str:
    """What a link finding is about: '#fragment' for an anchor, else the target file."""
    fragment = re.search(r"#([^'\s]+)'", message)
    if fragment:
        return "#" + fragment.group(1)
    target = re.search(r"link '([^']*)'", message)
    return strip_relative(target.group(1)).split("#", 1)[0] if target else message


@check(
    "html-links",
    "every internal link and #anchor in the built HTML resolves (templates, raw HTML too)",
    needs_site=True,
)
def check_html_links(ctx):
    site = scan_site(ctx)
    if site is None:
        ctx.notes.append("html-links: no built site to read (the build failed; see [build])")
        return []
    return _minus_build_duplicates(ctx, link_findings(ctx, site))


@check("reference-links", "no reference-style link is left unresolved ([text][ref] as literal text)", needs_site=True)
def check_reference_links(ctx):
    site = scan_site(ctx)
    if site is None:
        return []
    return reference_findings(ctx, site)
