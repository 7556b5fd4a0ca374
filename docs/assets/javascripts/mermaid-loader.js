/*
 * Load Mermaid only when a diagram comes near the screen, so that a page's text paints and
 * becomes usable before the Mermaid library (3.5 MB) is downloaded, parsed and run.
 *
 * Material for MkDocs draws every `pre.mermaid` itself: it calls `mermaid.initialize(config)`
 * once and `mermaid.render(id, source)` per diagram on the global `mermaid`, and fetches the
 * library from a CDN when that global is missing. This script defines the global as a small
 * stand-in that queues those calls; the first time a diagram nears the viewport it loads the
 * real library from the site (the address mkdocs-mermaid2-plugin chose, in `data-mermaid-src`)
 * and hands the queued calls over to it.
 *
 * The download starts as soon as a diagram is near and the page's text has painted, without
 * waiting for Material to ask for the first drawing: Material sets up the whole page first,
 * and the library arrives meanwhile.
 *
 * Where the hosted site also serves Mermaid's ES-module build (`data-mermaid-esm`), that is
 * what loads: it fetches only the parts a page's diagrams use, about a third of the bytes,
 * and is ready sooner. From file:// a browser refuses to import modules, and a host may serve
 * them with the wrong type, so the classic file remains the fallback.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var source = script.getAttribute("data-mermaid-src");
  var moduleSource = script.getAttribute("data-mermaid-esm");
  var config = null;
  var loading = null;

  function ready(mermaid) {
    if (config) mermaid.initialize(config);
    return mermaid;
  }

  function loadClassic() {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = source;
      // The library replaces the stand-in with the real global.
      tag.onload = function () { resolve(ready(window.mermaid)); };
      tag.onerror = function () {
        reject(new Error("Could not load Mermaid from " + source));
      };
      document.head.appendChild(tag);
    });
  }

  function loadModule() {
    // Resolved against the page, as data-mermaid-src is; import() alone would use this script's address.
    return import(new URL(moduleSource, location.href).href).then(function (module) {
      window.mermaid = module.default;
      return ready(module.default);
    });
  }

  function loadMermaid() {
    if (!loading) {
      loading = moduleSource && location.protocol !== "file:"
        ? loadModule().catch(loadClassic)
        : loadClassic();
    }
    return loading;
  }

  // Resolves once the browser has reported the first paint of text, so that Mermaid never
  // competes with it, even when a diagram sits near the top of the page.
  var textPainted = new Promise(function (resolve) {
    var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
    if (types.indexOf("paint") === -1) {
      // No paint timing: wait for the next frame to be drawn instead.
      requestAnimationFrame(function () { setTimeout(resolve, 0); });
      return;
    }
    var observer = new PerformanceObserver(function (list) {
      if (list.getEntriesByName("first-contentful-paint").length) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe({ type: "paint", buffered: true });
  });

  var diagrams = document.querySelectorAll("pre.mermaid");
  var diagramNear = new Promise(function (resolve) {
    if (!("IntersectionObserver" in window) || diagrams.length === 0) {
      resolve();
      return;
    }
    var observer = new IntersectionObserver(
      function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          observer.disconnect();
          resolve();
        }
      },
      { rootMargin: "600px 0px" }
    );
    diagrams.forEach(function (diagram) { observer.observe(diagram); });
  });

  var whenNeeded = Promise.all([diagramNear, textPainted]);

  // A failed download is reported by the drawing that waits for it, not here.
  if (diagrams.length) whenNeeded.then(loadMermaid).catch(function () {});

  window.mermaid = {
    initialize: function (settings) {
      config = settings;
    },
    render: function (id, text) {
      return whenNeeded.then(loadMermaid).then(function (mermaid) {
        return mermaid.render(id, text);
      });
    },
  };
})();
