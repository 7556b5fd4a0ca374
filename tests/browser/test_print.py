"""A page printed from the browser (Ctrl+P), emulated: print media at the width of the paper's
printable area, a reader in the dark scheme, the `beforeprint` event the browser sends (on
which Material's script opens every collapsed block, and on `afterprint` closes it again)."""

from __future__ import annotations

import pytest

# A4 (210 mm) less the 15 mm side margins of print.css, in CSS pixels (96 per inch).
PRINTABLE_WIDTH_PX = int((210 - 2 * 15) / 25.4 * 96)

PRINTED = """() => {
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    return getComputedStyle(el).display !== "none" && box.width > 0 && box.height > 0;
  };
  const chrome = [".md-header", ".md-sidebar", ".md-footer", ".md-search", ".md-tabs", ".md-top",
                  ".md-typeset button", ".md-tooltip2", ".diagram__toolbar"];
  const width = document.documentElement.clientWidth;
  const content = document.querySelector(".md-content");
  const tooWide = [...content.querySelectorAll("*")]
    .filter((el) => shown(el) && el.getBoundingClientRect().right > width + 1)
    .map((el) => `${el.localName}.${String(el.className.baseVal ?? el.className).split(" ")[0]}`
                 + ` (${Math.round(el.getBoundingClientRect().right)} px)`);
  const external = content.querySelector('.md-typeset p a[href^="http"]');
  const internal = content.querySelector('.md-typeset p a[href]:not([href^="http"]):not([href^="#"])');
  const body = getComputedStyle(document.body);
  return {
    chromeShown: chrome.filter((selector) => [...document.querySelectorAll(selector)].some(shown)),
    details: document.querySelectorAll("details").length,
    closed: [...document.querySelectorAll("details:not([open])")].map((d) => d.querySelector("summary").textContent),
    tooWide,
    width,
    background: body.backgroundColor,
    labelColour: body.getPropertyValue("--md-mermaid-label-fg-color").trim(),
    externalAfter: external && getComputedStyle(external, "::after").content,
    internalAfter: internal && getComputedStyle(internal, "::after").content,
    tabs: [...document.querySelectorAll(".tabbed-set")].map((set) => ({
      labels: [...set.querySelectorAll(".tabbed-labels > label")].filter(shown).length,
      blocks: [...set.querySelectorAll(".tabbed-block")].filter(shown).length,
      count: set.querySelectorAll(".tabbed-block").length,
    })),
  };
}"""


@pytest.mark.parametrize("path", ["iac/cloudformation/", ""])
def test_a_printed_page_is_light_open_and_fits_the_paper(hosted_site, make_probe, path):
    probe = make_probe(
        hosted_site.base_url, color_scheme="dark", viewport={"width": PRINTABLE_WIDTH_PX, "height": 1000}
    )
    page = probe.open(hosted_site.url(path))
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    printed = page.evaluate(PRINTED)

    assert printed["chromeShown"] == []
    assert printed["closed"] == []
    assert printed["tooWide"] == [], f"wider than the {printed['width']} px printable width"
    assert printed["background"] == "rgb(255, 255, 255)"
    assert printed["labelColour"] == "#36464e"
    assert printed["externalAfter"] and " (https://" in printed["externalAfter"]
    assert printed["internalAfter"] in (None, "none")
    for tabs in printed["tabs"]:
        assert tabs["labels"] == tabs["blocks"] == tabs["count"], tabs
    if path.startswith("iac/"):
        assert printed["details"] > 0

    # After printing, the page is as the reader left it.
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("() => document.querySelectorAll('details[open]').length") < printed["details"]
