"""JavaScript the browser tests and the benchmark run in pages, with what it looks for."""

from __future__ import annotations

import re

# Diagrams are drawn at build time: each is an inline SVG in a figure. `shown` counts those
# the browser lays out with a size (a reader sees them), with or without JavaScript.
DIAGRAMS_SHOWN = """() => {
  const drawings = [...document.querySelectorAll("figure.diagram svg")];
  const shown = drawings.filter((svg) => {
    const box = svg.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(svg).visibility !== "hidden";
  });
  return { figures: document.querySelectorAll("figure.diagram").length, shown: shown.length };
}"""

# Whether the diagram font (embedded in each diagram page, see overrides/hooks/diagram_font.py)
# has loaded: until it has, labels are blank (font-display: block).
DIAGRAM_FONT_LOADED = """() => [...document.fonts]
  .some((font) => font.family.replace(/"/g, "") === "Diagram Roboto" && font.status === "loaded")"""

# Any request for a Mermaid file (the classic build, its ES modules): a published page makes none.
MERMAID_REQUEST = re.compile(r"mermaid[^?#]*\.m?js([?#]|$)", re.IGNORECASE)


# A page is settled when a reader would see it still: the document and its fonts have loaded,
# the scroll position has not moved since the previous frame, and no finite animation or CSS
# transition is running (Material fades some controls in, such as the back-to-top button, and
# a check made mid-fade measures a colour the reader never sees once it ends). Infinite
# animations (spinners) never end, so they do not hold a page back. It must hold for
# `frames` frames in a row: a scroll handler or a class change made in one frame starts its
# transition in the next. Runs as one evaluation (its state lives in the closure, so it works
# with the page's own JavaScript disabled too); resolves to what was still pending at the
# deadline, or to an empty list once settled.
SETTLE = """async ({ frames, timeoutMs }) => {
  const deadline = performance.now() + timeoutMs;
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  let quiet = 0, lastScroll = null, pending = [];
  while (quiet < frames) {
    await nextFrame();
    pending = [];
    if (document.readyState !== "complete") pending.push(`document ${document.readyState}`);
    if (document.fonts.status !== "loaded") pending.push("fonts loading");
    const scroll = `${Math.round(scrollX)},${Math.round(scrollY)}`;
    if (scroll !== lastScroll) pending.push(`scrolling (at ${scroll})`);
    lastScroll = scroll;
    for (const animation of document.getAnimations()) {
      const timing = animation.effect && animation.effect.getComputedTiming();
      if (animation.playState !== "running" || !timing || timing.endTime === Infinity) continue;
      const target = animation.effect.target;
      const where = target ? `${target.localName}.${String(target.className).split(" ")[0]}` : "?";
      const what = animation.transitionProperty || animation.animationName || "";
      pending.push(`${animation.constructor.name} ${what} on ${where}`);
    }
    quiet = pending.length ? 0 : quiet + 1;
    if (quiet < frames && performance.now() > deadline) return pending;
  }
  return [];
}"""
SETTLED_FRAMES = 3


class PageNotSettled(AssertionError):
    """The page kept moving past the timeout; the message names the page and what was pending."""


def settle(page, timeout_ms: int = 15_000) -> None:
    """Wait until the page is settled (see SETTLE) for SETTLED_FRAMES frames in a row."""
    pending = page.evaluate(SETTLE, {"frames": SETTLED_FRAMES, "timeoutMs": timeout_ms})
    if pending:
        raise PageNotSettled(f"{page.url}: not settled after {timeout_ms} ms; still pending: {pending}")
