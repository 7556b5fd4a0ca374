"""axe-core on every page, in both colour schemes, on a phone and a laptop: no violation at all."""

from __future__ import annotations

import pytest
from devices import LAPTOP, LIGHTHOUSE_DESKTOP, LIGHTHOUSE_PHONE, PHONE
from sites import REPO, html_pages

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

# target-size (WCAG 2.5.8) is off in axe by default; Lighthouse runs it, and so do we.
RUN_AXE = """async () => {
  const results = await axe.run(document, { resultTypes: ["violations"], rules: { "target-size": { enabled: true } } });
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""


def axe_violations(probe, url: str) -> list[dict]:
    page = probe.open(url)
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


# Colour problems depend on the scheme and layout problems on the width, so each scheme is
# checked on a phone and on a laptop: at the widths readers were tried at (a 390 px phone by
# touch, a 1280 px laptop) and at Lighthouse's two viewports (412 and 1350 px), since which
# words share a line with a small target, and which rows overflow, change with the width.
AXE_PASSES = {
    "light-390-touch": ("light", PHONE),
    "dark-412-touch": ("dark", LIGHTHOUSE_PHONE),
    "dark-1280": ("dark", LAPTOP),
    "light-1350": ("light", LIGHTHOUSE_DESKTOP),
}


@pytest.mark.parametrize("axe_pass", sorted(AXE_PASSES))
def test_axe_finds_no_violation_on_any_page(hosted_site, make_probe, axe_pass):
    scheme, device = AXE_PASSES[axe_pass]
    probe = make_probe(hosted_site.base_url, color_scheme=scheme, **device)
    expected_scheme = {"light": "default", "dark": "slate"}[scheme]
    problems = []
    for html_file in html_pages(hosted_site.root):
        relative = html_file.relative_to(hosted_site.root).as_posix()
        for violation in axe_violations(probe, hosted_site.url(relative)):
            problems.append(
                f"{relative}: [{violation['impact']}] {violation['id']}: {violation['help']} at {violation['targets']}"
            )
        assert probe.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected_scheme
    assert problems == []


def test_axe_reports_a_real_violation(tmp_path, make_probe):
    """The rules are live: a page with an unlabelled form field, low-contrast text and two
    tiny buttons side by side fails."""
    page_file = tmp_path / "bad.html"
    tiny = '<button style="width:10px;height:10px;padding:0;border:0" aria-label="{0}"></button>'
    page_file.write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head><body><main>'
        '<p style="color:#aaa;background:#fff">faint text</p><input type="text">'
        f"<div>{tiny.format('one')}{tiny.format('two')}</div></main></body></html>"
    )
    probe = make_probe("file://")
    found = {v["id"] for v in axe_violations(probe, page_file.as_uri())}
    assert {"color-contrast", "label", "target-size"} <= found


LONG_PAGE = "reference/glossary/"
# Material shows the back-to-top button when the reader scrolls up, after scrolling down.
SHOW_BACK_TO_TOP = """async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  window.scrollTo(0, document.body.scrollHeight / 2);
  await frame(); await frame();
  window.scrollBy(0, -400);
  await frame(); await frame();
}"""
BACK_TO_TOP_STATE = """() => {
  const button = document.querySelector(".md-top");
  return { hidden: button.hidden, opacity: getComputedStyle(button).opacity };
}"""
RUN_AXE_ON = """async (selector) => {
  const options = { runOnly: ["color-contrast"], resultTypes: ["violations", "passes"] };
  const results = await axe.run({ include: [selector] }, options);
  return { violations: results.violations.length, passes: results.passes.map((rule) => rule.id) };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_back_to_top_button_once_shown_has_enough_contrast(hosted_site, make_probe, scheme):
    """The whole-site test measures pages at rest; this one makes the button appear on purpose,
    waits for its fade-in to end, and holds it to the contrast rule."""
    probe = make_probe(hosted_site.base_url, color_scheme=scheme)
    page = probe.open(hosted_site.url(LONG_PAGE))
    page.evaluate(SHOW_BACK_TO_TOP)
    probe.settle()
    assert page.evaluate(BACK_TO_TOP_STATE) == {"hidden": False, "opacity": "1"}
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(RUN_AXE_ON, ".md-top")
    assert result["violations"] == 0
    assert "color-contrast" in result["passes"], "axe did not measure the button's contrast"
