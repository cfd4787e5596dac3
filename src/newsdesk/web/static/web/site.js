/* newsdesk pages: times in the reader's zone, the install banner, saving articles for offline,
   and the service worker. Everything here is an enhancement: the pages work without it.
   A saved article keeps its pictures too: the site's copies of its lead image and of the images
   in its body (every file of their srcset, as another screen may pick another) and the logos on
   it, in a cache of their own that the service worker answers from; pictures no saved article
   shows any more are dropped. saved.js uses the same functions (window.newsdeskOffline). */
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
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "always", numberingSystem: "latn" });
  const absolute = new Intl.DateTimeFormat(locale, {
    year: "numeric", month: "short", day: "numeric",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short",
    numberingSystem: "latn",
  });

  function relativeTime(date, now) {
    const seconds = (date.getTime() - now.getTime()) / 1000;
    const size = Math.abs(seconds);
    if (size < 60) return document.body.dataset.justNow || "just now";
    for (const [limit, unit, unitSeconds] of UNITS) {
      if (size < limit) {
        return relative.format(Math.trunc(seconds / unitSeconds), unit);
      }
    }
    return "";
  }

  function updateTimes(root) {
    const now = new Date();
    root.querySelectorAll("time[data-relative]").forEach((element) => {
      const date = new Date(element.getAttribute("datetime"));
      if (!isNaN(date)) element.textContent = relativeTime(date, now);
    });
  }

  function localiseAbsoluteTimes(root) {
    root.querySelectorAll("time[data-absolute]").forEach((element) => {
      const date = new Date(element.getAttribute("datetime"));
      if (!isNaN(date)) element.textContent = absolute.format(date);
    });
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

  function registerServiceWorker() {
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    localiseAbsoluteTimes(document);
    updateTimes(document);
    setInterval(() => updateTimes(document), 60 * 1000);
    document.body.addEventListener("htmx:afterSettle", (event) => updateTimes(event.target));
    setUpInstallBanner();
    setUpSaveButton();
    registerServiceWorker();
  });
})();
