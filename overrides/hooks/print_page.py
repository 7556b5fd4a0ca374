"""Finish the page that mkdocs-print-site-plugin combines from every page, for `make pdf`.

The plugin keeps each page's HTML as MkDocs converts it (`page.html`, at priority 0) and writes
the combined page itself once the build is over (`on_post_build`), outside the events every
other page goes through. Four things follow, each fixed here rather than in the plugin:

- It keeps the HTML before the hooks: each diagram would print as its Mermaid source. Keeping
  it after every hook instead (`on_page_content` at the lowest priority) gives the combined
  page the diagrams' placeholders, and handing the written page to the `on_post_page` event
  draws them (overrides/hooks/diagrams.py), exactly as on the pages themselves.
- It makes headings' ids unique by prefixing them with the page's key and rewrites every
  in-page link the same way, but leaves other ids (the anchor and span of each code line) as
  they were: those links would lead nowhere and their ids repeat on every page. Here every id
  of a page gets the same prefix, and an id that still repeats (a heading "Self-check" on the
  Reference page and the Self-check page itself share `reference-self-check`) is numbered.
- A link to the home page from another folder (`..`) becomes `#.`, which is no anchor.
- A link to a page the book leaves out (the plugin's `exclude`) becomes an anchor of that
  page's key, which the combined page does not have: it points to the page on the site
  instead (the published one, when the build has a site_url, as below).
- A link to a file that is not a page (a sample) stays relative, which a PDF cannot follow:
  it points to the published site instead, when the build has a site_url.
- It adds its stylesheets and script to every page, though they style and script the combined
  page only (every rule is under `#print-site-page` or a `print-site` class): 2.3 kB gzipped
  and three requests that every other page would pay for. They are taken out of those pages.
- The page is rendered with the 404 page's template context, whose base address is absolute
  ("/" without a site_url): from disk (the offline copy) the theme would look for its search
  index at the root of the file system. It gets the relative one every other page has.

The cover shows the edition: `config.extra.print_edition`, set here from git.
"""

from __future__ import annotations

import datetime
import json
import posixpath
import re
import subprocess
import urllib.parse
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs_print_site_plugin.exclude import exclude
from mkdocs_print_site_plugin.urls import get_page_key

PLUGIN = "print-site"
# Pages the book leaves out (the plugin's `exclude`): their key in the combined page -> URL.
_left_out: dict[str, str] = {}
# A page's part of the combined page starts with this; the sections of the navigation, which
# hold them, are written with single quotes by the plugin and so do not match.
PAGE_SECTION = re.compile(r'<section class="print-page" id="(?P<key>[^"]+)"')
COMBINED_END = "</div><style>"
ID_OR_SVG = re.compile(r'(?P<svg_open><svg\b)|(?P<svg_close></svg>)|(?P<attr>\s(?:id|name)=")(?P<value>[^"]*)"')
ID = re.compile(r'(?P<tag><[\w-]+\b[^>]*?\sid=")(?P<value>[^"]*)"')
HOME_LINK = re.compile(r'href="#\.(?:-(?P<anchor>[^"]*))?"')
THEME_BASE = re.compile(r'(<script id="__config" type="application/json">\{.*?"base": )"[^"]*"')
# The plugin's own stylesheets and script, as MkDocs writes them into a page.
PLUGIN_ASSET = re.compile(
    r'<link rel="stylesheet" href="[^"]*css/print-site(?:-[\w-]+)?\.css">\s*'
    r'|<script src="[^"]*js/print-site\.js"(?: defer)?></script>\s*'
)
RELATIVE_LINK = re.compile(r'(<a\b[^>]*?\shref=")(?!#|[a-z][a-z0-9+.-]*:|/)(?P<url>[^"]+)"', re.IGNORECASE)


def edition(repository: Path, today: datetime.date | None = None) -> dict[str, str]:
    """What the cover says about this copy: the commit it was built from (a tag when there is
    one) and the day it was built. A copy without git history says "unknown"."""
    try:
        result = subprocess.run(
            ["git", "describe", "--tags", "--always", "--dirty"],
            cwd=repository,
            capture_output=True,
            text=True,
            timeout=30,
        )
        version = result.stdout.strip() if result.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        version = ""
    return {"version": version or "unknown", "date": (today or datetime.date.today()).isoformat()}


def prefix_page_ids(html: str) -> str:
    """Give every id (and name) in a page's part the page's key as prefix, as the plugin does
    for headings and has done for every in-page link. A diagram's SVG keeps its ids: they are
    unique already (one per diagram and occurrence) and its own url(#...) references use them."""
    starts = [(match.start(), match.group("key")) for match in PAGE_SECTION.finditer(html)]
    if not starts:
        return html
    # The last page's part ends where the plugin closes the combined page and adds its styles.
    content_end = html.find(COMBINED_END, starts[-1][0])
    ends = [start for start, _ in starts[1:]] + [content_end if content_end != -1 else len(html)]
    parts = [html[: starts[0][0]]]
    for (start, key), end in zip(starts, ends, strict=True):
        parts.append(_prefix_ids(html[start:end], key))
    parts.append(html[ends[-1] :])
    return "".join(parts)


def _prefix_ids(part: str, key: str) -> str:
    depth = 0

    def replace(match: re.Match) -> str:
        nonlocal depth
        if match.group("svg_open"):
            depth += 1
        elif match.group("svg_close"):
            depth = max(depth - 1, 0)
        elif depth == 0:
            value = match.group("value")
            if value != key and not value.startswith(f"{key}-"):
                return f'{match.group("attr")}{key}-{value}"'
        return match.group(0)

    return ID_OR_SVG.sub(replace, part)


def number_repeated_ids(html: str) -> str:
    """Make each id unique: a page's own section keeps its id (links to the page lead there);
    any other element with an id already taken is numbered `-2`, `-3`..."""
    pages = set(PAGE_SECTION.findall(html))
    seen: dict[str, int] = {}

    def replace(match: re.Match) -> str:
        value = match.group("value")
        if PAGE_SECTION.match(match.group(0)):
            return match.group(0)
        count = seen.get(value, 1 if value in pages else 0) + 1
        seen[value] = count
        return match.group(0) if count == 1 else f'{match.group("tag")}{value}-{count}"'

    return ID.sub(replace, html)


def fix_home_links(html: str) -> str:
    """`#.` (the plugin's key for a link `..` to the home page) as the home page's key."""
    return HOME_LINK.sub(lambda m: f'href="#index{"-" + m.group("anchor") if m.group("anchor") else ""}"', html)


def absolute_file_links(html: str, page_url: str, site_url: str) -> str:
    """Links that stay relative in the combined page point to files outside it (samples):
    resolve them against the published site, so that they work from a PDF too."""
    base = urllib.parse.urljoin(site_url, page_url)
    return RELATIVE_LINK.sub(lambda m: f'{m.group(1)}{urllib.parse.urljoin(base, m.group("url"))}"', html)


def links_to_left_out_pages(html: str, left_out: dict[str, str], page_url: str) -> str:
    """`#<key>` and `#<key>-<anchor>` of a page the book leaves out (key -> the page's URL), as
    links to the page itself, relative to the combined page. A link to an id that the combined
    page has stays: a heading of another page can carry the same text (the Reference page's
    "Self-check" heading is `reference-self-check`, the Self-check page's key)."""
    if not left_out:
        return html
    present = {match.group("value") for match in ID.finditer(html)}
    keys = "|".join(re.escape(key) for key in sorted(left_out, key=len, reverse=True))
    pattern = re.compile(rf'href="#(?P<key>{keys})(?:-(?P<anchor>[^"]*))?"')

    def replace(match: re.Match) -> str:
        if match.group(0)[len('href="#') : -1] in present:
            return match.group(0)
        target = posixpath.relpath(left_out[match.group("key")], posixpath.dirname(page_url) or ".")
        target = target.rstrip("/") + "/" if left_out[match.group("key")].endswith("/") else target
        return f'href="{target}{"#" + match.group("anchor") if match.group("anchor") else ""}"'

    return pattern.sub(replace, html)


def relative_theme_base(html: str, page_url: str) -> str:
    """The theme's base address (its configuration in the page) relative to the page, as on
    every other page: from disk an absolute one leads nowhere."""
    base = posixpath.relpath(".", posixpath.dirname(page_url) or ".")
    return THEME_BASE.sub(lambda m: m.group(1) + json.dumps(base), html, count=1)


def without_plugin_assets(html: str) -> str:
    """A page other than the combined one, without the plugin's stylesheets and script."""
    return PLUGIN_ASSET.sub("", html)


def finish(html: str, page_url: str, site_url: str | None, left_out: dict[str, str] | None = None) -> str:
    """The combined page with unique ids and links that lead somewhere (see the module's doc)."""
    html = links_to_left_out_pages(relative_theme_base(html, page_url), left_out or {}, page_url)
    html = number_repeated_ids(prefix_page_ids(fix_home_links(html)))
    return absolute_file_links(html, page_url, site_url) if site_url else html


# ----- MkDocs events -----------------------------------------------------------------------------


def on_config(config):
    if PLUGIN in config.plugins:
        config.extra["print_edition"] = edition(Path(config.config_file_path).parent)
    return config


def on_nav(nav, config, files):
    plugin = config.plugins.get(PLUGIN)
    patterns = plugin.config.get("exclude", []) if plugin is not None else []
    _left_out.clear()
    _left_out.update({get_page_key(page.url): page.url for page in nav.pages if exclude(page.file.src_uri, patterns)})
    return nav


# After every other handler, so the combined page gets the page as its readers do.
@event_priority(-100)
def on_page_content(html, page, config, files):
    if PLUGIN in config.plugins:
        page.html = html
    return html


# After mermaid2_graft.py (-10): between priorities 10 and -10 the page is a skeleton.
@event_priority(-20)
def on_post_page(output, page, config):
    plugin = config.plugins.get(PLUGIN)
    if plugin is None or page is getattr(plugin, "print_page", None):
        return output
    return without_plugin_assets(output)


def on_post_template(output_content, template_name, config):
    # The 404 page is written from a theme template, outside the page events.
    if PLUGIN in config.plugins and template_name == "404.html":
        return without_plugin_assets(output_content)
    return output_content


# After the plugin has written the combined page (priority 0).
@event_priority(-100)
def on_post_build(config):
    plugin = config.plugins.get(PLUGIN)
    if plugin is None or not plugin.config.get("enabled"):
        return
    page = plugin.print_page
    path = Path(page.file.abs_dest_path)
    html = config.plugins.on_post_page(path.read_text(encoding="utf-8"), page=page, config=config)
    path.write_text(finish(html, page.url, config.site_url, _left_out), encoding="utf-8")
