/* The reading list: the articles saved in Cache Storage, listed from their cached pages.
   Cached pages are parsed as inert documents and only their text is used.
   For a signed-in reader (the page carries [data-saved-sync]) the list on this device is merged
   with the account's (POST /api/v1/me/saved/sync, the union of both): articles saved on another
   device are fetched into the cache here, so they open offline as well, with their pictures
   (site.js's window.newsdeskOffline). Removing an article removes it from the device and from
   the account, and the pictures only it showed. */
"use strict";

(function () {
  const SAVED_CACHE = "newsdesk-saved";
  const ARTICLE_PATH = /^\/article\/(\d+)\//;

  function metaContent(doc, selector) {
    const element = doc.querySelector(selector);
    return element ? element.getAttribute("content") || "" : "";
  }

  function articleId(path) {
    const match = ARTICLE_PATH.exec(path);
    return match ? Number(match[1]) : null;
  }

  function csrfToken(sync) {
    const cookie = document.cookie.split("; ").find((part) => part.startsWith("csrftoken="));
    return cookie ? decodeURIComponent(cookie.slice("csrftoken=".length)) : sync.dataset.csrf || "";
  }

  async function describe(cache, request) {
    const response = await cache.match(request, { ignoreVary: true });
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    const path = new URL(request.url).pathname;
    return {
      path: path,
      title: metaContent(doc, 'meta[property="og:title"]') || path,
      source: metaContent(doc, 'meta[name="newsdesk:source"]'),
    };
  }

  async function entriesOf(cache) {
    const requests = await cache.keys();
    return Promise.all(requests.map((request) => describe(cache, request)));
  }

  // A page reached through a redirect (the short /article/<id>/ address leads to the full one)
  // is marked redirected, and a browser refuses such a response for a navigation: the copy kept
  // is a plain response with the same body and headers.
  async function storable(response) {
    if (!response.redirected) return response;
    return new Response(await response.blob(), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  }

  function callApi(sync, method, url, body) {
    const headers = { "X-CSRFToken": csrfToken(sync) };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(url, {
      method: method,
      headers: headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  const offline = window.newsdeskOffline
    || { keepPictures: async () => {}, dropUnusedPictures: async () => {} };

  async function removeEntry(cache, sync, entry) {
    await cache.delete(entry.path, { ignoreVary: true });
    await offline.dropUnusedPictures();
    const id = articleId(entry.path);
    if (sync && id !== null) {
      await callApi(sync, "DELETE", sync.dataset.removeUrl.replace(/0$/, String(id))).catch(() => {});
    }
  }

  function render(list, entries, onRemove) {
    list.replaceChildren();
    entries.forEach((entry) => {
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
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button quiet small saved-remove";
      remove.textContent = list.dataset.labelRemove || "Remove";
      remove.addEventListener("click", () => onRemove(entry));
      item.appendChild(remove);
      list.appendChild(item);
    });
  }

  async function syncWithAccount(cache, sync, status) {
    const local = (await cache.keys()).map((request) => new URL(request.url).pathname);
    const ids = local.map(articleId).filter((id) => id !== null);
    const response = await callApi(sync, "POST", sync.dataset.savedSync, { article_ids: ids });
    if (!response.ok) throw new Error("sync refused: " + response.status);
    const rows = await response.json();
    const missing = rows.filter((row) => !ids.includes(row.article.id));
    for (const row of missing) {
      const page = await fetch(row.article.path, { credentials: "same-origin" });
      if (page.ok) {
        const path = new URL(page.url).pathname;
        await cache.put(path, await storable(page));
        await offline.keepPictures(path);
      }
    }
    const done = status.dataset.labelSynced || "In step with your account: {count} saved.";
    status.textContent = done.replace("{count}", String(rows.length));
  }

  document.addEventListener("DOMContentLoaded", async () => {
    const list = document.querySelector("[data-saved-list]");
    const empty = document.querySelector("[data-saved-empty]");
    const sync = document.querySelector("[data-saved-sync]");
    const status = document.querySelector("[data-saved-status]");
    if (!list) return;
    // The empty note starts hidden, so a list that is not empty never flashes it first.
    if (!("caches" in window)) { empty.hidden = false; return; }
    const cache = await caches.open(SAVED_CACHE);
    const show = async () => {
      const entries = await entriesOf(cache);
      render(list, entries, async (entry) => {
        await removeEntry(cache, sync, entry);
        await show();
      });
      empty.hidden = entries.length > 0;
    };
    await show();
    if (sync && navigator.onLine) {
      try {
        await syncWithAccount(cache, sync, status);
        await show();
      } catch (error) {
        status.textContent = status.dataset.labelUnreachable
          || "Could not reach your account; this device's list is shown.";
      }
    }
  });
})();
