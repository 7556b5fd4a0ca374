"""overrides/hooks/print_page.py: what it does to the page mkdocs-print-site-plugin combines."""

from __future__ import annotations

import datetime
import subprocess

from print_page import (
    absolute_file_links,
    edition,
    finish,
    fix_home_links,
    links_to_left_out_pages,
    number_repeated_ids,
    prefix_page_ids,
    relative_theme_base,
    without_plugin_assets,
)

# Two pages as the plugin combines them: headings and in-page links prefixed, code line anchors not.
COMBINED = (
    '<div id="print-site-page"><section class="print-page" id="index" heading-number="1">'
    '<h1 id="index-welcome">Welcome</h1>'
    '<a id="__codelineno-0-1" name="__codelineno-0-1" href="#index-__codelineno-0-1"></a>'
    '<span id="__span-0-1">code</span>'
    '<svg id="d0123"><g id="d0123-node"></g><use href="#d0123-node"/></svg>'
    "</section><section class='print-page md-section' id='section-2' heading-number='2'>"
    '<section class="print-page" id="reference" heading-number="2.1">'
    '<h2 id="reference-self-check">Self-check</h2>'
    '<a id="__codelineno-0-1" name="__codelineno-0-1" href="#reference-__codelineno-0-1"></a>'
    '</section><section class="print-page" id="reference-self-check" heading-number="2.2">'
    '<h1 id="reference-self-check-self-check">Self-check</h1></section></section>'
    "</div><style>.x{}</style>"
    '<footer><div id="__palette"></div></footer>'
)


def test_every_id_of_a_page_gets_its_key_except_inside_a_diagram():
    html = prefix_page_ids(COMBINED)
    assert 'id="index-__codelineno-0-1" name="index-__codelineno-0-1" href="#index-__codelineno-0-1"' in html
    assert 'id="reference-__codelineno-0-1"' in html
    assert 'id="index-__span-0-1"' in html
    assert 'id="index-welcome"' in html and "index-index-" not in html
    assert '<svg id="d0123"><g id="d0123-node">' in html
    # The theme's own elements, after the combined pages, keep theirs: its scripts look for them.
    assert '<div id="__palette">' in html


def test_a_heading_sharing_a_page_key_is_numbered_and_the_page_keeps_it():
    html = number_repeated_ids(COMBINED)
    assert '<section class="print-page" id="reference-self-check"' in html
    assert '<h2 id="reference-self-check-2">' in html


def test_a_link_to_the_home_page_from_another_folder_leads_to_it():
    assert fix_home_links('<a href="#.">Home</a>') == '<a href="#index">Home</a>'
    assert fix_home_links('<a href="#reference">x</a>') == '<a href="#reference">x</a>'


def test_a_link_to_a_sample_points_to_the_published_site():
    html = '<a href="../examples/iam/x.json">x</a> <a href="#a">a</a> <a href="https://aws.amazon.com/">b</a>'
    assert absolute_file_links(html, "print_page/", "https://example.org/notes/") == (
        '<a href="https://example.org/notes/examples/iam/x.json">x</a> <a href="#a">a</a> '
        '<a href="https://aws.amazon.com/">b</a>'
    )


def test_without_a_site_url_file_links_stay_relative():
    html = '<div id="print-site-page"><a href="../examples/iam/x.json">x</a></div>'
    assert finish(html, "print_page.html", None) == html


def test_edition_names_the_commit_and_the_day(tmp_path):
    day = datetime.date(2026, 12, 6)
    assert edition(tmp_path, today=day) == {"version": "unknown", "date": "2026-12-06"}
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "a").write_text("a")
    subprocess.run(["git", "add", "a"], cwd=tmp_path, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "a"], cwd=tmp_path, check=True
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=tmp_path, capture_output=True, text=True
    ).stdout.strip()
    assert edition(tmp_path, today=day)["version"] == commit


def test_the_theme_finds_its_files_from_the_page_as_on_every_other_page():
    config = '<script id="__config" type="application/json">{"annotate": null, "base": "/", "search": "x"}</script>'
    assert '"base": "..", "search"' in relative_theme_base(config, "print_page/")
    assert '"base": ".", "search"' in relative_theme_base(config, "print_page.html")


def test_other_pages_lose_the_plugins_stylesheets_and_script_and_keep_the_sites_own():
    page = (
        '<link rel="stylesheet" href="../../css/print-site.css">\n      '
        '<link rel="stylesheet" href="../../css/print-site-material.css">\n      '
        '<link rel="stylesheet" href="../../assets/stylesheets/print.css">\n'
        '<script src="../../js/print-site.js"></script>\n'
        '<script src="../../assets/javascripts/tooltips.js" defer></script>'
    )
    assert without_plugin_assets(page) == (
        '<link rel="stylesheet" href="../../assets/stylesheets/print.css">\n'
        '<script src="../../assets/javascripts/tooltips.js" defer></script>'
    )


def test_only_the_combined_page_of_a_build_loads_the_plugins_files(hosted_site):
    """Every rule of the plugin's style sheets is scoped to the combined page: other pages,
    the 404 page included, do not download them."""
    loading = [
        page.relative_to(hosted_site.root).as_posix()
        for page in hosted_site.root.rglob("*.html")
        if "print-site" in page.read_text(encoding="utf-8").split("<body", 1)[0]
        or 'js/print-site.js"' in page.read_text(encoding="utf-8")
    ]
    assert loading == ["print_page/index.html"]


def test_links_to_pages_the_book_leaves_out_lead_to_the_site_unless_the_id_is_in_the_book():
    left_out = {
        "contributing-style": "contributing/style/",
        "contributing": "contributing/",
        "reference-self-check": "reference/self-check/",
    }
    html = (
        '<h2 id="reference-self-check">Self-check</h2><a href="#reference-self-check">here</a>'
        '<a href="#contributing-style-links">a</a><a href="#contributing">b</a><a href="#patterns">c</a>'
    )
    assert links_to_left_out_pages(html, left_out, "print_page/") == (
        '<h2 id="reference-self-check">Self-check</h2><a href="#reference-self-check">here</a>'
        '<a href="../contributing/style/#links">a</a><a href="../contributing/">b</a><a href="#patterns">c</a>'
    )
