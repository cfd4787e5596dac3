/* newsdesk pages: times in the reader's zone, the install banner, saving articles for offline,
   the service worker, and the keyboard shortcuts (keys.js, loaded when first wanted).
   Everything here is an enhancement: the pages work without it.
   A saved article keeps its pictures in a cache of their own (decision 40); saved.js uses the
   same functions (window.newsdeskOffline). */
"use strict";

(function () {
  const SAVED_CACHE = "newsdesk-saved";
  const PICTURES_CACHE = "newsdesk-saved-pictures";
  // The pictures an offline copy needs: the article's own and the logos (the cards of related
  // articles show their placeholder offline).
  const PICTURES = ".lead-image img, .article-body img, img.source-logo";
  const KEPT_PATH = /^\/(media\/|source\/[^/]+\/logo-\d+\.png$)/;
  const DISMISSED_KEY = "newsdesk.install.dismissed";
  const UNITS = [
    [3600, "minute", 60],
    [86400, "hour", 3600],
    [86400 * 30, "day", 86400],
    [86400 * 365, "month", 86400 * 30],
    [Infinity, "year", 86400 * 365],
  ];
  // The page's language (<html lang>), in the reader's own variant of it when the browser has
  // one (en-GB dates for a British reader of the English pages), with Latin digits as the server
  // writes them.
  const language = document.documentElement.lang || "en";
  const locale = (navigator.languages || []).find((tag) => tag.split("-")[0] === language) || language;
  // The server writes every time already. A first Intl formatter holds the main thread while the
  // locale data loads (decision 39): made only when a time has to change; absolute times in the
  // reader's zone are written by a worker (localiseAbsoluteTimes).
  let relative = null;
  let absolute = null;
  const relativeFormat = () => relative || (relative = new Intl.RelativeTimeFormat(locale, {
    numeric: "always", numberingSystem: "latn",
  }));
  // The same format as static/web/times.js.
  const absoluteFormat = () => absolute || (absolute = new Intl.DateTimeFormat(locale, {
    year: "numeric", month: "short", day: "numeric",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short",
    numberingSystem: "latn",
  }));

  // What a relative time says, as a signed count and unit ([-3, "hour"]), or null for "just
  // now": plain arithmetic, no Intl.
  function step(date, now) {
    const seconds = (date.getTime() - now.getTime()) / 1000;
    const size = Math.abs(seconds);
    if (size < 60) return null;
    const [, unit, unitSeconds] = UNITS.find(([limit]) => size < limit);
    return [Math.trunc(seconds / unitSeconds), unit];
  }

  function relativeTime(date, now) {
    const shown = step(date, now);
    return shown ? relativeFormat().format(...shown) : document.body.dataset.justNow || "just now";
  }

  function updateTimes(root) {
    const now = new Date();
    root.querySelectorAll("time[data-relative]").forEach((element) => {
      const date = new Date(element.getAttribute("datetime"));
      if (!isNaN(date)) element.textContent = relativeTime(date, now);
    });
  }

  // Whether a relative time on the page may read otherwise now than when the server wrote it
  // (<body data-rendered>: seconds since 1970, rounded down to the minute, so any second of that
  // minute): a page from a cache or saved long ago, or a time of minutes that has moved on.
  function timesChanged(root) {
    const rendered = Number(document.body.dataset.rendered) * 1000;
    if (!rendered) return true;
    const now = new Date();
    const first = new Date(rendered);
    const last = new Date(rendered + 59999);
    return Array.from(root.querySelectorAll("time[data-relative]")).some((element) => {
      const date = new Date(element.getAttribute("datetime"));
      if (isNaN(date)) return false;
      const shown = String(step(date, now));
      return String(step(date, first)) !== shown || String(step(date, last)) !== shown;
    });
  }

  // Absolute times in the reader's zone, written by a worker (static/web/times.js) so that the
  // locale data loads off the main thread; here when there is no worker (or it fails to load,
  // as offline before the service worker kept it).
  function localiseAbsoluteTimes(root) {
    const elements = Array.from(root.querySelectorAll("time[data-absolute]"));
    if (!elements.length) return;
    const onMainThread = () => elements.forEach((element) => {
      const date = new Date(element.getAttribute("datetime"));
      if (!isNaN(date)) element.textContent = absoluteFormat().format(date);
    });
    const script = document.body.dataset.timesWorker;
    if (!script || !("Worker" in window)) return onMainThread();
    let worker;
    try { worker = new Worker(script); } catch (error) { return onMainThread(); }
    worker.addEventListener("message", (event) => {
      event.data.forEach((text, index) => { if (text) elements[index].textContent = text; });
      worker.terminate();
    });
    worker.addEventListener("error", () => { worker.terminate(); onMainThread(); });
    worker.postMessage({ locale, times: elements.map((element) => element.getAttribute("datetime")) });
  }

  function setUpInstallBanner() {
    const banner = document.querySelector("[data-install-banner]");
    if (!banner) return;
    let dismissed = false;
    try { dismissed = localStorage.getItem(DISMISSED_KEY) === "1"; } catch (error) { /* private mode */ }
    const standalone = window.matchMedia("(display-mode: standalone)").matches;
    if (dismissed || standalone) return;
    const installButton = banner.querySelector("[data-install]");
    let promptEvent = null;
    banner.hidden = false;
    window.addEventListener("beforeinstallprompt", (event) => {
      event.preventDefault();
      promptEvent = event;
      installButton.hidden = false;
    });
    installButton.addEventListener("click", async () => {
      if (!promptEvent) return;
      promptEvent.prompt();
      await promptEvent.userChoice;
      promptEvent = null;
      banner.hidden = true;
    });
    window.addEventListener("appinstalled", () => { banner.hidden = true; });
    banner.querySelector("[data-install-dismiss]").addEventListener("click", () => {
      try { localStorage.setItem(DISMISSED_KEY, "1"); } catch (error) { /* private mode */ }
      banner.hidden = true;
    });
  }

  function pictureAddresses(html) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const found = new Set();
    doc.querySelectorAll(PICTURES).forEach((image) => {
      const candidates = (image.getAttribute("srcset") || "").split(",")
        .map((part) => part.trim().split(/\s+/)[0]);
      candidates.push(image.getAttribute("src") || "");
      candidates.filter(Boolean).forEach((value) => {
        const url = new URL(value, window.location.origin);
        if (url.origin === window.location.origin && KEPT_PATH.test(url.pathname)) found.add(url.href);
      });
    });
    return Array.from(found);
  }

  async function picturesOf(saved, request) {
    const page = await saved.match(request, { ignoreVary: true });
    return page ? pictureAddresses(await page.text()) : [];
  }

  // Keep the pictures of the saved page at ``path`` (those kept already are not fetched again).
  async function keepPictures(path) {
    const saved = await caches.open(SAVED_CACHE);
    const pictures = await caches.open(PICTURES_CACHE);
    await Promise.all((await picturesOf(saved, path)).map(async (address) => {
      if (await pictures.match(address, { ignoreVary: true })) return;
      try {
        const response = await fetch(address, { credentials: "same-origin" });
        if (response.ok) await pictures.put(address, response);
      } catch (error) { /* offline now: the page shows its placeholders */ }
    }));
  }

  // Drop the pictures that no saved page shows any more.
  async function dropUnusedPictures() {
    const saved = await caches.open(SAVED_CACHE);
    const pictures = await caches.open(PICTURES_CACHE);
    const used = new Set();
    for (const request of await saved.keys()) {
      (await picturesOf(saved, request)).forEach((address) => used.add(address));
    }
    for (const request of await pictures.keys()) {
      if (!used.has(request.url)) await pictures.delete(request);
    }
  }

  window.newsdeskOffline = { keepPictures: keepPictures, dropUnusedPictures: dropUnusedPictures };

  async function setUpSaveButton() {
    const button = document.querySelector("[data-save]");
    if (!button || !("caches" in window)) return;
    const address = window.location.pathname;
    const cache = await caches.open(SAVED_CACHE);
    const show = (saved) => {
      button.textContent = saved
        ? button.dataset.labelSaved || "Saved · remove"
        : button.dataset.labelSave || "Save for offline";
      button.setAttribute("aria-pressed", saved ? "true" : "false");
    };
    const saved = () => cache.match(address, { ignoreVary: true });
    show(Boolean(await saved()));
    button.hidden = false;
    button.addEventListener("click", async () => {
      if (await saved()) {
        await cache.delete(address, { ignoreVary: true });
        await dropUnusedPictures();
        show(false);
      } else {
        await cache.add(address);
        await keepPictures(address);
        show(true);
      }
    });
  }

  // The list an article is opened from (its cards' article addresses, in order), so that j and k
  // on the article page go on along it (static/web/keys.js).
  function rememberListOnOpen() {
    if (document.querySelector("[data-article-id]")) return;
    document.addEventListener("click", (event) => {
      const link = event.target instanceof Element && event.target.closest("main .card a, main .hits a");
      if (!link) return;
      const paths = Array.from(document.querySelectorAll("main .card-title a"))
        .map((anchor) => new URL(anchor.href, window.location.href).pathname)
        .filter((path) => path.startsWith("/article/"));
      try { sessionStorage.setItem("newsdesk.keys.list", JSON.stringify(paths)); } catch (error) { /* private mode */ }
    });
  }

  // The keyboard shortcuts load on the first key that is one of them, outside fields and
  // without Ctrl, Alt or Meta; the keys pressed until they have loaded are then acted on in turn.
  function loadShortcutsOnFirstKey() {
    const script = document.body.dataset.keysScript;
    if (!script) return;
    const pending = [];
    const early = (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const typing = target && (target.isContentEditable || target.closest("input, textarea, select"));
      if (event.key.length !== 1 || !"jkosm?".includes(event.key) || typing
        || event.ctrlKey || event.altKey || event.metaKey) return;
      event.preventDefault();
      pending.push(event.key);
      if (pending.length > 1) return;
      const element = document.createElement("script");
      element.src = script;
      element.addEventListener("load", () => {
        document.removeEventListener("keydown", early);
        if (window.newsdeskKeys) pending.forEach((key) => window.newsdeskKeys.act(key));
      });
      document.head.appendChild(element);
    };
    document.addEventListener("keydown", early);
  }

  // After the page has loaded: the worker's first install fetches the app shell, which would
  // otherwise compete with the page's own images and scripts.
  function registerServiceWorker() {
    if (!("serviceWorker" in navigator)) return;
    const register = () => navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
  }

  document.addEventListener("DOMContentLoaded", () => {
    // The current entry, when out of sight in the phone's scrolling navigation row (decision 85).
    document.querySelector(".masthead nav [aria-current]")?.scrollIntoView({ block: "nearest", inline: "nearest" });
    localiseAbsoluteTimes(document);
    if (timesChanged(document)) updateTimes(document);
    setInterval(() => updateTimes(document), 60 * 1000);
    document.body.addEventListener("htmx:afterSettle", (event) => updateTimes(event.target));
    setUpInstallBanner();
    setUpSaveButton();
    rememberListOnOpen();
    loadShortcutsOnFirstKey();
    registerServiceWorker();
  });
})();
