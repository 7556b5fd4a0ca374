"""JavaScript the browser tests and the benchmark run in pages, with what it looks for."""

from __future__ import annotations

import json

# Material draws each diagram into a closed shadow root; tests open them to see the SVG.
OPEN_SHADOW_ROOTS = """
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  return attachShadow.call(this, { ...init, mode: "open" });
};
"""

DIAGRAM_STATE = """() => ({
  pending: document.querySelectorAll("pre.mermaid").length,
  drawn: [...document.querySelectorAll("div.mermaid")]
    .filter((d) => d.shadowRoot && d.shadowRoot.querySelector("svg")).length,
})"""

# Mermaid's classic build, and the entry of its ES-module build (which then imports its chunks).
MERMAID_FILES = ("mermaid.min.js", "mermaid.js", "mermaid.esm.min.mjs")
# An expression: the resource-timing entry of whichever of them the page fetched, or undefined.
MERMAID_TIMING = f"""performance.getEntriesByType("resource")
    .find((entry) => {json.dumps(MERMAID_FILES)}.includes(new URL(entry.name).pathname.split("/").pop()))"""


# A page is settled when a reader would see it still: the document and its fonts have loaded,
# the scroll position has not moved since the previous frame, and no finite animation or CSS
# transition is running (Material fades some controls in, such as the back-to-top button, and
# a check made mid-fade measures a colour the reader never sees once it ends). Infinite
# animations (spinners) never end, so they do not hold a page back. Evaluated once per frame
# by `settle`; returns what is still pending, or an empty list when nothing is.
SETTLE_PENDING = """() => {
  const pending = [];
  if (document.readyState !== "complete") pending.push(`document ${document.readyState}`);
  if (document.fonts.status !== "loaded") pending.push("fonts loading");
  const scroll = `${Math.round(scrollX)},${Math.round(scrollY)}`;
  if (window.__settleScroll !== scroll) pending.push(`scrolling (at ${scroll})`);
  window.__settleScroll = scroll;
  for (const animation of document.getAnimations()) {
    const timing = animation.effect && animation.effect.getComputedTiming();
    if (animation.playState !== "running" || !timing || timing.endTime === Infinity) continue;
    const target = animation.effect.target;
    const where = target ? `${target.localName}.${String(target.className).split(" ")[0]}` : "?";
    const what = animation.transitionProperty || animation.animationName || "";
    pending.push(`${animation.constructor.name} ${what} on ${where}`);
  }
  return pending;
}"""

# Frames in a row that must find nothing pending: a scroll handler or a class change made in
# one frame starts its transition in the next, so one quiet frame is not enough.
SETTLED_FRAMES = 3


class PageNotSettled(AssertionError):
    """The page kept moving past the timeout; the message names the page and what was pending."""


def settle(page, timeout_ms: int = 15_000) -> None:
    """Wait until the page is settled (see SETTLE_PENDING) for SETTLED_FRAMES frames in a row."""
    page.evaluate("() => { window.__settleQuiet = 0; window.__settleScroll = undefined; }")
    quiet = f"""() => {{
      const pending = ({SETTLE_PENDING})();
      window.__settlePending = pending;
      window.__settleQuiet = pending.length ? 0 : window.__settleQuiet + 1;
      return window.__settleQuiet >= {SETTLED_FRAMES};
    }}"""
    try:
        page.wait_for_function(quiet, polling="raf", timeout=timeout_ms)
    except Exception as error:  # Playwright's TimeoutError, or the page navigated away
        try:
            pending = page.evaluate("() => window.__settlePending")
        except Exception:  # the page is gone
            pending = "unknown (page closed or navigating)"
        raise PageNotSettled(f"{page.url}: not settled after {timeout_ms} ms; still pending: {pending}") from error
