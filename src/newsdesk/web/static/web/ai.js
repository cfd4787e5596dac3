/* The AI panel: loads a story's brief with the time of the reader's last visit (kept in this
   browser only) when the brief comes near the window, and highlights the sentence a citation
   points to. The panel works without it. */
"use strict";

(function () {
  const SEEN_PREFIX = "newsdesk.story.seen.";

  function loadBrief() {
    const box = document.querySelector("[data-brief-url]");
    if (!box || !window.htmx || !box.querySelector("[data-brief-link]")) return;
    const key = SEEN_PREFIX + box.dataset.storyId;
    let since = null;
    try {
      since = localStorage.getItem(key);
      localStorage.setItem(key, new Date().toISOString());
    } catch (e) { /* storage refused: a brief without "since your last visit" */ }
    const url = box.dataset.briefUrl + (since ? "?since=" + encodeURIComponent(since) : "");
    const fetchBrief = () => window.htmx.ajax("GET", url, { target: box, swap: "innerHTML" });
    // Fetched as it comes near the window: at once where it is in sight (a wide screen), as the
    // reader scrolls towards it on a phone, so the page's first moments are not spent on it.
    if (!("IntersectionObserver" in window)) return fetchBrief();
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      fetchBrief();
    }, { rootMargin: "0px 0px 200px 0px" });
    observer.observe(box);
  }

  function clearMarks() {
    document.querySelectorAll(".cite-target").forEach((el) => el.classList.remove("cite-target"));
    document.querySelectorAll("mark.cite-mark").forEach((mark) => {
      mark.replaceWith(document.createTextNode(mark.textContent));
    });
  }

  function markInBody(text) {
    const body = document.querySelector(".article-body");
    const probe = text.trim().slice(0, 60);
    if (!body || probe.length < 10) return null;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(probe);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, Math.min(node.data.length, at + text.trim().length));
      const mark = document.createElement("mark");
      mark.className = "cite-mark";
      range.surroundContents(mark);
      return mark;
    }
    return null;
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a.cite");
    if (!link) return;
    clearMarks();
    const note = document.getElementById(link.getAttribute("href").slice(1));
    if (!note) return;
    note.classList.add("cite-target");
    const quote = note.querySelector("q");
    const mark = quote ? markInBody(quote.textContent) : null;
    if (mark) {
      event.preventDefault();
      mark.scrollIntoView({ behavior: "smooth", block: "center" });
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", loadBrief);
  } else {
    loadBrief();
  }
})();
