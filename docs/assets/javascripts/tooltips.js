/*
 * Tooltips for every element with a `title` (an acronym's first mention, a glossary link, page
 * and code buttons): they open on hover, on keyboard focus and on tap, where the browser's own
 * tooltip opens only on hover.
 *
 * Material's `content.tooltips` feature sets up one tooltip per element when the page loads; on
 * a long page that costs a phone half a second of main-thread time before the page answers.
 * Here one listener on the document handles every event, and the single tooltip element is
 * built the first time a reader reaches for one.
 *
 * Glossary definitions run to 40 words, so the tooltip is set as body text (regular weight,
 * selectable; extra.css), placed below its term or above it when there is no room below, and
 * kept inside the screen. It stays open while the pointer crosses to it and rests on it
 * (WCAG 1.4.13), and Escape closes it. On touch the first tap on a glossary link shows the
 * definition instead of jumping into the glossary, with a link to the entry in the tooltip;
 * a tap on an acronym in a question's summary shows its definition without opening (and so
 * revealing) the answer.
 */
(function () {
  "use strict";
  var TARGETS = ".md-header [title], .md-container [title]";
  var GLOSSARY_LINK = "a.glossary-link";
  var GAP = 6; // px between the term and its tooltip
  var MARGIN = 8; // px the tooltip keeps from the edges of the screen
  var CLOSE_DELAY = 300; // ms the pointer has to cross from the term onto the tooltip
  var tooltip = null;
  var text = null;
  var entryLink = null;
  var host = null;
  var shownByTap = null;
  var closeTimer = 0;
  var lastPointer = "mouse";

  function create() {
    tooltip = document.createElement("div");
    tooltip.className = "site-tooltip";
    tooltip.id = "__tooltip_title";
    tooltip.setAttribute("role", "tooltip");
    text = document.createElement("span");
    tooltip.appendChild(text);
    entryLink = document.createElement("a");
    entryLink.className = "site-tooltip__entry";
    entryLink.textContent = "Open the glossary entry";
    return tooltip;
  }

  function inTooltip(node) {
    return tooltip !== null && node instanceof Node && tooltip.contains(node);
  }

  function targetOf(node) {
    var element = node instanceof Element ? node : null;
    if (!element || inTooltip(element)) return null;
    if (host && host.contains(element)) return host;
    return element.closest(TARGETS);
  }

  // Below the term, or above it when it does not fit below; never past an edge of the screen.
  function place() {
    var rect = host.getBoundingClientRect();
    var width = tooltip.offsetWidth;
    var height = tooltip.offsetHeight;
    var screenWidth = document.documentElement.clientWidth;
    var screenHeight = window.innerHeight;
    var left = Math.max(MARGIN, Math.min(rect.left + rect.width / 2 - width / 2, screenWidth - width - MARGIN));
    var below = rect.bottom + GAP;
    var above = rect.top - GAP - height;
    var top = below;
    if (below + height > screenHeight - MARGIN && (above >= MARGIN || rect.top > screenHeight - rect.bottom)) {
      top = Math.max(MARGIN, above);
    }
    tooltip.classList.toggle("site-tooltip--above", top < rect.top);
    tooltip.style.left = left + window.scrollX + "px";
    tooltip.style.top = top + window.scrollY + "px";
  }

  function open(target, byTap) {
    clearTimeout(closeTimer);
    if (host !== target) {
      close();
      var title = target.getAttribute("title");
      if (!title) return;
      host = target;
      // The tooltip replaces the browser's own while it is open; the title comes back on close.
      host.setAttribute("data-title", title);
      host.removeAttribute("title");
      host.setAttribute("aria-describedby", "__tooltip_title");
      (tooltip || create()).classList.remove("site-tooltip--open");
      text.textContent = title;
      if (entryLink.parentNode) tooltip.removeChild(entryLink);
      document.body.appendChild(tooltip);
    }
    if (byTap && host.matches(GLOSSARY_LINK) && !entryLink.parentNode) {
      entryLink.href = host.href;
      tooltip.appendChild(entryLink);
    }
    place();
    tooltip.classList.add("site-tooltip--open");
  }

  function close() {
    clearTimeout(closeTimer);
    if (!host) return;
    host.setAttribute("title", host.getAttribute("data-title"));
    host.removeAttribute("data-title");
    host.removeAttribute("aria-describedby");
    host = null;
    shownByTap = null;
    tooltip.classList.remove("site-tooltip--open");
    tooltip.remove();
  }

  function closeSoon() {
    clearTimeout(closeTimer);
    closeTimer = setTimeout(close, CLOSE_DELAY);
  }

  function onClick(event) {
    var target = targetOf(event.target);
    // A click made by keyboard (Enter on a link) has no pointer; Safari gives no pointer type.
    var pointer = event.pointerType || (event.detail ? lastPointer : "");
    if (!target || pointer === "mouse" || pointer === "") return;
    if (target.matches(GLOSSARY_LINK)) {
      if (shownByTap === target) return; // the second tap follows the link
      event.preventDefault();
    } else if (target.closest("summary")) {
      event.preventDefault(); // the tap is for the term, not for the answer below
    }
    open(target, true);
    shownByTap = target;
  }

  function handle(event) {
    var target;
    switch (event.type) {
      case "pointerdown":
        lastPointer = event.pointerType || "mouse";
        if (host && !host.contains(event.target) && !inTooltip(event.target)) close();
        break;
      case "pointerover":
        if (event.pointerType === "touch") return; // a tap opens the tooltip on click
        if (inTooltip(event.target)) clearTimeout(closeTimer);
        else if ((target = targetOf(event.target))) open(target, false);
        break;
      case "pointerout":
        if (!host || event.pointerType === "touch") return;
        if (!host.contains(event.target) && !inTooltip(event.target)) return;
        var to = event.relatedTarget;
        if ((to && host.contains(to)) || inTooltip(to) || document.activeElement === host) return;
        closeSoon();
        break;
      case "focusin":
        if ((target = targetOf(event.target))) open(target, false);
        else if (!inTooltip(event.target)) close();
        break;
      case "focusout":
        var next = event.relatedTarget;
        if (host && host.contains(event.target) && !(next && host.contains(next)) && !inTooltip(next)) close();
        break;
      case "keydown":
        if (event.key === "Escape") close();
        break;
      case "click":
        onClick(event);
        break;
      case "resize":
        close();
        break;
    }
  }

  ["pointerdown", "pointerover", "pointerout", "focusin", "focusout", "keydown", "click"].forEach(function (type) {
    document.addEventListener(type, handle);
  });
  window.addEventListener("resize", handle);
})();
