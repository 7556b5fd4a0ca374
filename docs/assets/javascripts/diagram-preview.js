/*
 * Live preview of diagrams under `mkdocs serve` (never published: overrides/hooks/diagrams.py
 * leaves it out of built sites, whose diagrams are drawn at build time).
 *
 * mkdocs-mermaid2-plugin adds Mermaid (the version package-lock.json pins) and its `arguments:`
 * as `window.mermaidConfig.default` at the end of the page. This script runs before Material's
 * bundle and takes the diagram blocks out of Material's reach, then, once Mermaid has loaded,
 * draws each with that same configuration, as the build does, into the same markup. A diagram
 * that Mermaid rejects shows Mermaid's message in its place.
 */
(function () {
  "use strict";
  var MIN_SCALE = 0.75; // as MIN_SCALE in overrides/hooks/diagram_markup.py
  var blocks = Array.prototype.slice.call(document.querySelectorAll("pre.mermaid"));
  blocks.forEach(function (block) {
    block.classList.replace("mermaid", "diagram-source");
  });

  function draw() {
    if (!window.mermaid || !window.mermaidConfig) return;
    window.mermaid.initialize(window.mermaidConfig["default"]);
    blocks.reduce(function (previous, block, index) {
      return previous.then(function () {
        return window.mermaid.render("preview-" + index, block.textContent).then(function (result) {
          var figure = document.createElement("figure");
          figure.className = "diagram";
          var scroller = document.createElement("div");
          scroller.className = "diagram__scroller";
          scroller.innerHTML = result.svg;
          figure.appendChild(scroller);
          var width = scroller.firstElementChild.viewBox.baseVal.width;
          figure.style.setProperty("--diagram-width", width + "px");
          figure.style.setProperty("--diagram-min-width", Math.round(width * MIN_SCALE) + "px");
          block.replaceWith(figure);
        }, function (error) {
          var message = document.createElement("pre");
          message.className = "diagram-error";
          message.textContent = "Mermaid cannot draw this diagram:\n" + (error && error.message ? error.message : error);
          block.after(message);
        });
      });
    }, Promise.resolve());
  }

  if (blocks.length) document.addEventListener("DOMContentLoaded", draw);
})();
