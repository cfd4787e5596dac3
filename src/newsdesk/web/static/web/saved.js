/* The reading list: the articles saved in Cache Storage, listed from their cached pages.
   Cached pages are parsed as inert documents and only their text is used. */
"use strict";

(function () {
  const SAVED_CACHE = "newsdesk-saved";

  function metaContent(doc, selector) {
    const element = doc.querySelector(selector);
    return element ? element.getAttribute("content") || "" : "";
  }

  async function describe(cache, request) {
    const response = await cache.match(request);
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    const path = new URL(request.url).pathname;
    return {
      path: path,
      title: metaContent(doc, 'meta[property="og:title"]') || path,
      source: metaContent(doc, 'meta[name="newsdesk:source"]'),
    };
  }

  function render(list, entry) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = entry.path;
    link.textContent = entry.title;
    item.appendChild(link);
    if (entry.source) {
      const source = document.createElement("span");
      source.className = "meta";
      source.textContent = " · " + entry.source;
      item.appendChild(source);
    }
    list.appendChild(item);
  }

  document.addEventListener("DOMContentLoaded", async () => {
    const list = document.querySelector("[data-saved-list]");
    const empty = document.querySelector("[data-saved-empty]");
    if (!list || !("caches" in window)) return;
    const cache = await caches.open(SAVED_CACHE);
    const requests = await cache.keys();
    const entries = await Promise.all(requests.map((request) => describe(cache, request)));
    entries.forEach((entry) => render(list, entry));
    empty.hidden = entries.length > 0;
  });
})();
