/* A worker for site.js: writes absolute times in the reader's zone and language. A page's first
   Intl formatter loads the browser's locale data, which takes tens of milliseconds (hundreds on
   a slow phone); here that happens off the page's main thread, which stays free while the page
   loads. Message in: { locale, times: [ISO 8601 strings] }; out: one string (or null) a time. */
"use strict";

self.addEventListener("message", (event) => {
  const { locale, times } = event.data;
  const format = new Intl.DateTimeFormat(locale, {
    year: "numeric", month: "short", day: "numeric",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short",
    numberingSystem: "latn",
  });
  self.postMessage(times.map((value) => {
    const date = new Date(value);
    return isNaN(date) ? null : format.format(date);
  }));
});
