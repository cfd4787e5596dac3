/* A signed-in reader's account learns from the article page: the article was read (PUT
   /api/v1/me/read/<id>, so "For you" can learn from it), and "Save for offline" also saves it to
   the account's reading list (PUT or DELETE /api/v1/me/saved/<id>), so other devices get it.
   Only readers who hold a CSRF cookie can be signed in, so visitors without one send nothing; a
   token the server refused once (a visitor who is not signed in) is remembered for the tab and
   not tried again. The page itself stays the same for everyone, so it can be cached. */
"use strict";

(function () {
  const REFUSED_KEY = "newsdesk.reading.refused";

  function cookie(name) {
    const part = document.cookie.split("; ").find((item) => item.startsWith(name + "="));
    return part ? decodeURIComponent(part.slice(name.length + 1)) : "";
  }

  function remembered() {
    try { return sessionStorage.getItem(REFUSED_KEY) || ""; } catch (error) { return ""; }
  }

  function remember(token) {
    try { sessionStorage.setItem(REFUSED_KEY, token); } catch (error) { /* private mode */ }
  }

  function send(method, url, token) {
    return fetch(url, {
      method: method,
      headers: { "X-CSRFToken": token },
      credentials: "same-origin",
      keepalive: true,
    }).then((response) => {
      if (response.status === 401 || response.status === 403) remember(token);
      return response;
    }).catch(() => null);
  }

  function followSaveButton(id, token) {
    const button = document.querySelector("[data-save]");
    if (!button) return;
    // site.js sets the button's state before showing it; only the reader's clicks count.
    new MutationObserver(() => {
      if (button.hidden || token === remembered()) return;
      const saved = button.getAttribute("aria-pressed") === "true";
      send(saved ? "PUT" : "DELETE", "/api/v1/me/saved/" + id, token);
    }).observe(button, { attributes: true, attributeFilter: ["aria-pressed"] });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const article = document.querySelector("[data-article-id]");
    const token = cookie("csrftoken");
    if (!article || !token || token === remembered()) return;
    const id = Number(article.getAttribute("data-article-id"));
    if (!Number.isInteger(id) || id <= 0) return;
    send("PUT", "/api/v1/me/read/" + id, token);
    followSaveButton(id, token);
  });
})();
