"""The shared context: mkdocs.yml read without importing what it names, pages, one build."""

from __future__ import annotations

from docscheck.context import Context, extension_config, load_mkdocs_config


def test_mkdocs_config_with_tags(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\n"
        "site_url: !ENV [SITE_URL_FOR_TEST, 'https://example.com/']\n"
        "markdown_extensions:\n"
        "  - attr_list\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "  - pymdownx.snippets:\n"
        "      base_path: [docs, .]\n"
    )
    config = load_mkdocs_config(tmp_path / "mkdocs.yml")
    assert config["site_url"] == "https://example.com/"
    assert extension_config(config, "attr_list") == {}
    assert extension_config(config, "toc") is None
    monkeypatch.setenv("SITE_URL_FOR_TEST", "http://127.0.0.1:8000/")
    assert load_mkdocs_config(tmp_path / "mkdocs.yml")["site_url"] == "http://127.0.0.1:8000/"
    ctx = Context(tmp_path)
    assert ctx.snippet_base_paths == [tmp_path / "docs", tmp_path / "."]


def test_pages_skip_vendored_and_excluded_files(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nexclude_docs: |\n  drafts/\n")
    for name in ("index.md", "drafts/wip.md", "assets/vendor/x/README.md", ".hidden.md", "a/b.md"):
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text("# x\n")
    ctx = Context(tmp_path)
    assert [page.path for page in ctx.pages] == ["docs/a/b.md", "docs/index.md"]


def test_the_build_runs_once(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    ctx = Context(tmp_path)
    try:
        first = ctx.build()
        assert first is ctx.build() and first.returncode == 0
        assert (first.site_dir / "index.html").is_file()
    finally:
        ctx.close()
