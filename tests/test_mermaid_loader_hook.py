"""mermaid2's eager script tag becomes the lazy loader, keeping mermaid2's library address."""

from mermaid_loader import use_lazy_loader

PAGE = '<body><p>x</p><script src="../../assets/vendor/mermaid/mermaid.min.js"></script><script>y</script></body>'


def test_the_mermaid_tag_is_replaced_by_the_loader_relative_to_the_page():
    html = use_lazy_loader(PAGE, "delivery/codedeploy/")
    assert '<script src="../../assets/javascripts/mermaid-loader.js" ' in html
    assert 'data-mermaid-src="../../assets/vendor/mermaid/mermaid.min.js"' in html
    assert 'src="../../assets/vendor/mermaid/mermaid.min.js"' not in html.replace("data-mermaid-src", "")


def test_offline_file_urls_and_the_home_page_get_correct_relative_paths():
    home = use_lazy_loader(PAGE.replace("../../", ""), "")
    assert '<script src="assets/javascripts/mermaid-loader.js" data-mermaid-src="assets/vendor' in home
    offline = use_lazy_loader(PAGE.replace("../../", "../"), "delivery/codedeploy.html")
    assert '<script src="../assets/javascripts/mermaid-loader.js"' in offline


def test_the_loader_runs_before_materials_bundle():
    page = PAGE.replace(
        "<p>x</p>",
        '<p>x</p><script id="__config" type="application/json">{}</script>'
        '<script src="../../assets/javascripts/bundle.js"></script>',
    )
    html = use_lazy_loader(page, "delivery/codedeploy/")
    assert html.index("mermaid-loader.js") < html.index('id="__config"') < html.index("bundle.js")
    assert html.count("<script") == page.count("<script")


def test_pages_without_diagrams_are_left_alone():
    html = "<body><script src='x.js'></script></body>"
    assert use_lazy_loader(html, "index.html") == html


def test_the_module_build_is_offered_relative_to_the_page_when_the_site_serves_it():
    module = "assets/vendor/mermaid/mermaid.esm.min.mjs"
    html = use_lazy_loader(PAGE, "delivery/codedeploy/", esm=module)
    assert 'data-mermaid-esm="../../assets/vendor/mermaid/mermaid.esm.min.mjs"' in html
    home = use_lazy_loader(PAGE.replace("../../", ""), "", esm=module)
    assert 'data-mermaid-esm="assets/vendor/mermaid/mermaid.esm.min.mjs"' in home
    assert "data-mermaid-esm" not in use_lazy_loader(PAGE, "delivery/codedeploy/")
