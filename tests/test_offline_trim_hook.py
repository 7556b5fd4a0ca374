"""overrides/hooks/offline_trim.py: what the offline copy leaves out, and what it keeps."""

from __future__ import annotations

from offline_trim import left_out


def site(root, *files):
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    return root


def test_maps_the_json_index_and_other_languages_are_left_out(tmp_path):
    root = site(
        tmp_path,
        "assets/javascripts/bundle.min.js",
        "assets/javascripts/bundle.min.js.map",
        "assets/stylesheets/main.min.css.map",
        "assets/javascripts/lunr/wordcut.js",
        "search/search_index.json",
        "search/search_index.js",
    )
    assert left_out(root, ["en"]) == [
        root / "assets/javascripts/bundle.min.js.map",
        root / "assets/stylesheets/main.min.css.map",
        root / "search/search_index.json",
        root / "assets/javascripts/lunr",
    ]


def test_what_search_needs_stays(tmp_path):
    # Without the script form of the index, the JSON is what search reads.
    root = site(tmp_path, "search/search_index.json", "assets/javascripts/lunr/min/lunr.de.min.js")
    # A site that also searches in German needs lunr's German stemmer.
    assert left_out(root, ["en", "de"]) == []
