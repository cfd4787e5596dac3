/* The article page's player ([data-player], web/_player.html): the browser's own <audio> or
   <video> controls, plus a speed from 0.75x to 2x, skips back and forward, and the reader's
   place. A signed-in reader's place is kept by the account (GET and PUT
   /api/v1/me/playback/<id>: every 10 seconds while playing, on pause, on seeking and when the
   page is left), so it follows them to other devices and apps; a visitor's is kept in this
   browser's localStorage. Opening the page again puts the player back where it stopped; the
   file itself still loads only when play is pressed. The chosen speed is remembered in the
   browser for every episode. Signed-in is told as reading.js tells it: a CSRF cookie that
   the server has not refused in this tab. */
"use strict";

(function () {
  const SAVE_EVERY_MS = 10000;
  const PLACE_KEY = "newsdesk.playback.";
  const RATE_KEY = "newsdesk.playback.rate";
  const REFUSED_KEY = "newsdesk.reading.refused";
  const RATES = ["0.75", "1", "1.25", "1.5", "1.75", "2"];

  function cookie(name) {
    const part = document.cookie.split("; ").find((item) => item.startsWith(name + "="));
    return part ? decodeURIComponent(part.slice(name.length + 1)) : "";
  }

  function stored(storage, key) {
    try { return storage.getItem(key) || ""; } catch (error) { return ""; }
  }

  function store(storage, key, value) {
    try { storage.setItem(key, value); } catch (error) { /* private mode, or full */ }
  }

  function clock(seconds) {
    const whole = Math.max(0, Math.floor(seconds));
    const hours = Math.floor(whole / 3600);
    const minutes = Math.floor((whole % 3600) / 60);
    const secs = String(whole % 60).padStart(2, "0");
    return hours ? hours + ":" + String(minutes).padStart(2, "0") + ":" + secs : minutes + ":" + secs;
  }

  /* Where the place is kept: the account (signed in) or this browser. */
  function keeper(id) {
    const token = cookie("csrftoken");
    const url = "/api/v1/me/playback/" + id;
    const local = {
      load: () => Promise.resolve(Number(stored(localStorage, PLACE_KEY + id)) || 0),
      save: (seconds) => store(localStorage, PLACE_KEY + id, String(seconds)),
    };
    if (!token || token === stored(sessionStorage, REFUSED_KEY)) return local;
    let refused = false;
    function refuse(response) {
      if (response && (response.status === 401 || response.status === 403)) {
        refused = true;
        store(sessionStorage, REFUSED_KEY, token);
      }
      return response;
    }
    return {
      load: () => fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(refuse)
        .then((response) => (response.ok ? response.json() : null))
        .then((body) => (body && body.position > 0 ? body.position : local.load()))
        .catch(() => local.load()),
      save: (seconds) => {
        if (refused) return local.save(seconds);
        fetch(url, {
          method: "PUT",
          credentials: "same-origin",
          keepalive: true,
          headers: { "X-CSRFToken": token, "Content-Type": "application/json" },
          body: JSON.stringify({ position: seconds }),
        }).then(refuse).catch(() => null);
      },
    };
  }

  function start(player) {
    const media = player.querySelector("[data-player-media]");
    const id = Number(player.getAttribute("data-article-id"));
    if (!media || !Number.isInteger(id) || id <= 0) return;
    const status = player.querySelector("[data-player-status]");
    const speed = player.querySelector("[data-player-speed]");
    const place = keeper(id);
    let saved = -1;
    let timer = null;
    let resumeAt = 0;

    function save() {
      const seconds = media.ended ? 0 : Math.floor(media.currentTime * 10) / 10;
      if (seconds === saved || (resumeAt && !seconds)) return;
      saved = seconds;
      place.save(seconds);
    }

    function resume() {
      if (resumeAt > 0 && media.currentTime < 1) media.currentTime = resumeAt;
      resumeAt = 0;
    }

    const rate = stored(localStorage, RATE_KEY);
    if (RATES.includes(rate)) {
      speed.value = rate;
      media.playbackRate = media.defaultPlaybackRate = Number(rate);
    }
    speed.addEventListener("change", () => {
      media.playbackRate = media.defaultPlaybackRate = Number(speed.value);
      store(localStorage, RATE_KEY, speed.value);
    });
    media.addEventListener("ratechange", () => {
      const shown = String(media.playbackRate);
      if (RATES.includes(shown)) speed.value = shown;
    });
    player.querySelectorAll("[data-player-skip]").forEach((button) => {
      button.addEventListener("click", () => {
        const step = Number(button.getAttribute("data-player-skip"));
        const end = Number.isFinite(media.duration) ? media.duration : Infinity;
        media.currentTime = Math.min(end, Math.max(0, media.currentTime + step));
      });
    });
    media.addEventListener("loadedmetadata", resume);
    media.addEventListener("play", () => {
      clearInterval(timer);
      timer = setInterval(save, SAVE_EVERY_MS);
    });
    media.addEventListener("pause", () => { clearInterval(timer); save(); });
    media.addEventListener("seeked", () => { if (media.paused) save(); });
    media.addEventListener("ended", save);
    window.addEventListener("pagehide", () => { if (!media.paused) save(); });

    place.load().then((seconds) => {
      if (!(seconds > 0) || media.currentTime > 0) return;
      resumeAt = seconds;
      if (media.readyState >= 1) resume();
      const label = player.getAttribute("data-label-resumed") || "Continues at {time}.";
      status.textContent = label.replace("{time}", clock(seconds));
      player.setAttribute("data-resume-at", String(seconds));
    });
    player.querySelector("[data-player-controls]").hidden = false;
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-player]").forEach(start);
  });
})();
