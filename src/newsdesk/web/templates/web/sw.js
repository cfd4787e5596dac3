{% autoescape off %}/* newsdesk service worker: keeps the app shell and the reader's saved articles offline.
   Pages come from the network first; when it fails, a saved copy or the offline page answers.
   Pictures (the site's copies under /media/ and the logos) come from the saved articles'
   pictures first (site.js keeps them when an article is saved): those addresses never change
   meaning, so a kept copy is always right, online or not. */
"use strict";

const SHELL_CACHE = "newsdesk-shell-{{ shell_version }}";
const SAVED_CACHE = "newsdesk-saved";
const PICTURES_CACHE = "newsdesk-saved-pictures";
const KEPT_PATH = /^\/(media\/|source\/[^/]+\/logo-\d+\.png$)/;
const SHELL = {{ shell_json }};
const OFFLINE_PAGE = {{ offline_json }};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith("newsdesk-shell-") && name !== SHELL_CACHE)
          .map((name) => caches.delete(name))
      ))
      .then(() => self.clients.claim())
  );
});

// Pages vary on the language (Accept-Language, the language cookie); a copy saved on this device
// is the reader's own, so it answers whatever those headers say now (ignoreVary).
async function fromCaches(request) {
  const saved = await caches.open(SAVED_CACHE);
  const hit = await saved.match(request, { ignoreSearch: true, ignoreVary: true })
    || await savedArticle(saved, new URL(request.url).pathname);
  if (hit) return navigable(hit);
  const shell = await caches.open(SHELL_CACHE);
  return shell.match(request, { ignoreSearch: true, ignoreVary: true });
}

// The short address of an article (/article/<id>/) finds the copy kept under its full address.
async function savedArticle(saved, path) {
  const match = /^\/article\/(\d+)\/$/.exec(path);
  if (!match) return undefined;
  const keys = await saved.keys();
  const key = keys.find((request) => new URL(request.url).pathname.startsWith(match[0]));
  return key ? saved.match(key, { ignoreVary: true }) : undefined;
}

// A browser refuses a redirected response for a navigation; copies kept before saved.js stored
// plain ones may still be marked so.
async function navigable(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

async function page(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await fromCaches(request);
    if (cached) return cached;
    const shell = await caches.open(SHELL_CACHE);
    return (await shell.match(OFFLINE_PAGE, { ignoreVary: true })) || Response.error();
  }
}

async function asset(request) {
  const shell = await caches.open(SHELL_CACHE);
  const cached = await shell.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) shell.put(request, response.clone());
  return response;
}

async function picture(request) {
  const pictures = await caches.open(PICTURES_CACHE);
  return (await pictures.match(request, { ignoreVary: true })) || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (url.pathname.startsWith("{{ static_prefix }}")) {
    event.respondWith(asset(request));
  } else if (KEPT_PATH.test(url.pathname)) {
    event.respondWith(picture(request));
  }
});

{% include "web/_sw_push.js" %}
{% endautoescape %}
