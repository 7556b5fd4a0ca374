/*
 * Tooltips for every element with a `title` (glossary abbreviations and term links, page and
 * code buttons): they open on hover, on keyboard focus and on tap, where the browser's own
 * tooltip opens only on hover.
 *
 * Material's `content.tooltips` feature does the same, but it sets up one tooltip per element
 * when the page loads; on a long page (the glossary has about 250 of them) that costs a phone
 * half a second of main-thread time before the page answers. This script listens once on the
 * document instead and builds the tooltip only when a reader reaches for one. It reuses
 * Material's tooltip markup and styles, so the tooltips look the same.
 */
(function () {
  "use strict";
  var TARGETS = ".md-header [title], .md-container [title]";
  var tooltip = null;
  var host = null;

  function create() {
    tooltip = document.createElement("div");
    tooltip.className = "md-tooltip2";
    tooltip.id = "__tooltip_title";
    tooltip.setAttribute("role", "tooltip");
    var inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    tooltip.appendChild(inner);
    // Moving from an element onto its tooltip keeps the tooltip open (WCAG 1.4.13).
    tooltip.addEventListener("pointerleave", function (event) {
      if (!host || !host.contains(event.relatedTarget)) close();
    });
    return tooltip;
  }

  function open(target) {
    if (host === target) return;
    close();
    var text = target.getAttribute("title");
    if (!text) return;
    host = target;
    // The tooltip replaces the browser's own while it is open; the title comes back on close.
    host.setAttribute("data-title", text);
    host.removeAttribute("title");
    host.setAttribute("aria-describedby", "__tooltip_title");

    var box = tooltip || create();
    box.firstChild.textContent = text;
    var rect = host.getBoundingClientRect();
    box.style.setProperty("--md-tooltip-host-x", rect.left + window.scrollX + "px");
    box.style.setProperty("--md-tooltip-host-y", rect.top + window.scrollY + "px");
    box.style.setProperty("--md-tooltip-x", rect.width / 2 + "px");
    box.style.setProperty("--md-tooltip-y", rect.height + 8 + "px");
    box.style.setProperty("--md-tooltip-tail", "0px");
    box.classList.add("md-tooltip2--bottom");
    document.body.appendChild(box);
    box.style.setProperty("--md-tooltip-width", box.firstChild.offsetWidth + "px");
    // One frame in the closed state first, so that the opening transition plays.
    var opened = host;
    requestAnimationFrame(function () {
      if (host === opened) box.classList.add("md-tooltip2--active");
    });
  }

  function close() {
    if (!host) return;
    host.setAttribute("title", host.getAttribute("data-title"));
    host.removeAttribute("data-title");
    host.removeAttribute("aria-describedby");
    host = null;
    tooltip.classList.remove("md-tooltip2--active");
  }

  function targetOf(event) {
    var element = event.target instanceof Element ? event.target : null;
    if (!element) return null;
    if (host && host.contains(element)) return host;
    return element.closest(TARGETS);
  }

  document.addEventListener("pointerover", function (event) {
    var target = targetOf(event);
    if (target) open(target);
  });
  document.addEventListener("pointerout", function (event) {
    if (!host || !host.contains(event.target)) return;
    var to = event.relatedTarget;
    if (host.contains(to) || (tooltip && tooltip.contains(to)) || document.activeElement === host) return;
    close();
  });
  // Keyboard focus, and a tap on a focusable element (abbreviations have tabindex="0").
  document.addEventListener("focusin", function (event) {
    var target = targetOf(event);
    if (target) open(target);
    else close();
  });
  document.addEventListener("focusout", function (event) {
    if (host && host.contains(event.target) && !host.contains(event.relatedTarget)) close();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close();
  });
  window.addEventListener("resize", close);
})();
