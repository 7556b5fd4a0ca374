// Parse Mermaid diagrams with the site's own mermaid.min.js, in jsdom (no browser needed).
// stdin:  {"mermaid": "<path to mermaid.min.js>", "diagrams": [{"id": "...", "code": "..."}]}
// stdout: [{"id": "...", "ok": true} | {"id": "...", "ok": false, "error": "..."}]
// Used by scripts/docscheck/mermaid.py; one process parses every diagram of the site.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const input = JSON.parse(readFileSync(0, "utf8"));
const require = createRequire(input.mermaid);
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!doctype html><html><body></body></html>", {
  runScripts: "dangerously",
  pretendToBeVisual: true,
});
const script = dom.window.document.createElement("script");
script.textContent = readFileSync(input.mermaid, "utf8");
dom.window.document.body.appendChild(script);
const mermaid = dom.window.mermaid;
mermaid.initialize({ startOnLoad: false });

const results = [];
for (const diagram of input.diagrams) {
  try {
    await mermaid.parse(diagram.code);
    results.push({ id: diagram.id, ok: true });
  } catch (error) {
    results.push({ id: diagram.id, ok: false, error: String((error && error.message) || error) });
  }
}
process.stdout.write(JSON.stringify(results));
