/* newsdesk pages: times in the reader's zone, the install banner, saving articles for offline,
   and the service worker. Everything here is an enhancement: the pages work without it. */
"use strict";

(function () {
  const SAVED_CACHE = "newsdesk-saved";
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
  // The server writes every time already: relative in the page's language, absolute in the
  // site's zone. A page's first Intl formatter loads the browser's locale data, which holds the
  // main thread for tens of milliseconds (hundreds on a slow phone), so the formatters are made
  // only when a time has to change: a page older than a minute, cards added later, the reader's
  // zone for absolute times.
  let relative = null;
  let absolute = null;
  const relativeFormat = () => relative || (relative = new Intl.RelativeTimeFormat(locale, {
    numeric: "always", numberingSystem: "latn",
  }));
  const absoluteFormat = () => absolute || (absolute = new Intl.DateTimeFormat(locale, {
    year: "numeric", month: "short", day: "numeric",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short",
    numberingSystem: "latn",
  }));

  function relativeTime(date, now) {
    const seconds = (date.getTime() - now.getTime()) / 1000;
    const size = Math.abs(seconds);
    if (size < 60) return document.body.dataset.justNow || "just now";
    for (const [limit, unit, unitSeconds] of UNITS) {
      if (size < limit) {
        return relativeFormat().format(Math.trunc(seconds / unitSeconds), unit);
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

  // Whether the server may have written the page a minute or more ago (<body data-rendered>:
  // seconds since 1970, rounded down to the minute): a cached or saved copy, whose relative
  // times may be stale.
  function renderedLongAgo() {
    const rendered = Number(document.body.dataset.rendered);
    return !rendered || Date.now() / 1000 - rendered >= 60;
  }

  function localiseAbsoluteTimes(root) {
    root.querySelectorAll("time[data-absolute]").forEach((element) => {
      const date = new Date(element.getAttribute("datetime"));
      if (!isNaN(date)) element.textContent = absoluteFormat().format(date);
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
        show(false);
      } else {
        await cache.add(address);
        show(true);
      }
    });
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
    localiseAbsoluteTimes(document);
    if (renderedLongAgo()) updateTimes(document);
    setInterval(() => updateTimes(document), 60 * 1000);
    document.body.addEventListener("htmx:afterSettle", (event) => updateTimes(event.target));
    setUpInstallBanner();
    setUpSaveButton();
    registerServiceWorker();
  });
})();
