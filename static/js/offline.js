/* Registers the offline copy (/sw.js, apps/core/offline.py) and asks it to keep this
   language's start pages (home, learning spaces). Pages work the same without it. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script || !script.dataset.worker) return;
  var lang = document.documentElement.lang;
  navigator.serviceWorker.register(script.dataset.worker, { scope: "/" })
    .then(function () { return navigator.serviceWorker.ready; })
    .then(function (registration) {
      if (registration.active) {
        registration.active.postMessage({ type: "keep-start-pages", lang: lang });
      }
    })
    .catch(function () { /* no offline copy (private mode, old browser): nothing else changes */ });
})();
