/*
 * Collapsed blocks print open. CSS cannot open a <details> element (a self-check answer, a
 * collapsible admonition), so this opens each closed one just before the browser prints and
 * closes it again afterwards, leaving the page as the reader had it. scripts/pdf.py opens
 * them itself before it prints the whole site.
 */
(function () {
  "use strict";
  var opened = [];

  window.addEventListener("beforeprint", function () {
    opened = Array.from(document.querySelectorAll("details:not([open])"));
    opened.forEach(function (details) { details.open = true; });
  });

  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();
