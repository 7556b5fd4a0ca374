/*
 * Diagrams are drawn at build time and are in the page as SVG; this script only adds to them.
 * On pages with a diagram (overrides/hooks/diagrams.py adds it there alone), it:
 * - says when a diagram is wider than the column and scrolls sideways;
 * - gives each diagram a "Full screen" button: a dialog where the diagram can be zoomed and
 *   panned (Panzoom, loaded from the site on first use) by pointer, touch or keyboard
 *   (+ and - zoom, arrows pan, 0 resets), and closed with Escape, the Close button or a tap on it.
 * The diagram itself is moved into the dialog and back, never copied, so the ids inside the
 * SVG stay unique on the page.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var panzoomSource = new URL("../vendor/panzoom/panzoom.min.js", script.src).href;
  var panzoomLoading = null;

  function loadPanzoom() {
    if (!panzoomLoading) {
      panzoomLoading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = panzoomSource;
        tag.onload = function () { resolve(window.Panzoom); };
        tag.onerror = function () { panzoomLoading = null; reject(new Error("Could not load " + panzoomSource)); };
        document.head.appendChild(tag);
      });
    }
    return panzoomLoading;
  }

  function button(label, text, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.textContent = text;
    if (label !== text) element.setAttribute("aria-label", label);
    element.addEventListener("click", onClick);
    return element;
  }

  function titleOf(svg) {
    var title = svg.querySelector("title");
    return title ? title.textContent.trim() : "Diagram";
  }

  // ----- the full-screen dialog, made once per page -------------------------------------------
  var dialog, stage, heading, current = null;

  function makeDialog() {
    dialog = document.createElement("dialog");
    dialog.className = "diagram-dialog";
    dialog.setAttribute("aria-labelledby", "diagram-dialog-title");
    var bar = document.createElement("div");
    bar.className = "diagram-dialog__bar";
    heading = document.createElement("h2");
    heading.id = "diagram-dialog-title";
    heading.className = "diagram-dialog__title";
    stage = document.createElement("div");
    stage.className = "diagram-dialog__stage";
    // Focused when the view opens, so the keys work at once; it says what they do.
    stage.tabIndex = 0;
    stage.setAttribute("role", "group");
    stage.setAttribute("aria-label", "Diagram: + and - zoom, arrow keys pan, 0 fits it, Escape closes");
    bar.append(
      heading,
      button("Zoom in", "+", function () { current && current.panzoom && current.panzoom.zoomIn(); }),
      button("Zoom out", "\u2212", function () { current && current.panzoom && current.panzoom.zoomOut(); }),
      button("Reset zoom", "Reset", function () { current && current.panzoom && fit(); }),
      button("Close full screen view", "Close", function () { dialog.close(); })
    );
    dialog.append(bar, stage);
    dialog.addEventListener("close", restore);
    dialog.addEventListener("keydown", onKey);
    stage.addEventListener("wheel", function (event) {
      if (current && current.panzoom) current.panzoom.zoomWithWheel(event);
    }, { passive: false });
    document.body.appendChild(dialog);
  }

  function onKey(event) {
    if (!current || !current.panzoom || event.ctrlKey || event.metaKey || event.altKey) return;
    var panzoom = current.panzoom, step = 60;
    var actions = {
      "+": function () { panzoom.zoomIn(); },
      "=": function () { panzoom.zoomIn(); },
      "-": function () { panzoom.zoomOut(); },
      "0": fit,
      ArrowLeft: function () { panzoom.pan(step, 0, { relative: true }); },
      ArrowRight: function () { panzoom.pan(-step, 0, { relative: true }); },
      ArrowUp: function () { panzoom.pan(0, step, { relative: true }); },
      ArrowDown: function () { panzoom.pan(0, -step, { relative: true }); },
    };
    if (actions[event.key]) {
      event.preventDefault();
      actions[event.key]();
    }
  }

  // Start with the whole diagram in view, never larger than its natural size.
  function fit() {
    var svg = current.svg, width = parseFloat(svg.getAttribute("width")), height = parseFloat(svg.getAttribute("height"));
    var available = stage.getBoundingClientRect();
    var scale = Math.min(1, available.width / width, (available.height - 64) / height);
    current.panzoom.reset({ animate: false });
    current.panzoom.zoom(scale, { animate: false });
  }

  function open(figure, opener) {
    if (!dialog) makeDialog();
    var svg = figure.querySelector("svg");
    current = { figure: figure, svg: svg, opener: opener, home: svg.parentNode, panzoom: null };
    heading.textContent = titleOf(svg);
    svg.style.width = svg.getAttribute("width") + "px";
    stage.appendChild(svg);
    dialog.showModal();
    stage.focus();
    var opened = current;
    loadPanzoom().then(function (Panzoom) {
      if (current !== opened) return;
      opened.panzoom = Panzoom(svg, { maxScale: 6, minScale: 0.1, startScale: 1, canvas: true, origin: "0 0" });
      fit();
    }).catch(function () { /* the diagram still shows, unzoomed */ });
  }

  function restore() {
    if (!current) return;
    if (current.panzoom) current.panzoom.destroy();
    current.svg.removeAttribute("style");
    current.home.appendChild(current.svg);
    var opener = current.opener;
    current = null;
    opener.focus();
  }

  // ----- each diagram ---------------------------------------------------------------------------
  function enhance(figure) {
    var scroller = figure.querySelector(".diagram__scroller");
    var svg = scroller && scroller.querySelector("svg");
    if (!svg) return;
    var toolbar = document.createElement("div");
    toolbar.className = "diagram__toolbar";
    var opener = button("Open full screen: " + titleOf(svg), "Full screen", function () { open(figure, opener); });
    var hint = document.createElement("p");
    hint.className = "diagram__hint";
    hint.hidden = true;
    hint.textContent = "Wider than the page: scroll sideways, or open it full screen.";
    toolbar.append(hint, opener);
    figure.appendChild(toolbar);
    if ("ResizeObserver" in window) {
      new ResizeObserver(function () {
        hint.hidden = scroller.scrollWidth <= scroller.clientWidth + 1;
      }).observe(scroller);
    }
  }

  document.querySelectorAll("figure.diagram").forEach(enhance);
})();
