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
