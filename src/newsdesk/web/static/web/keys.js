/* Keyboard shortcuts, as reader apps have them. site.js loads this file on the first shortcut
   key, so pages that are only read never fetch it. On a list page j and k select the next or
   previous item (the highlighted card carries aria-current and its link takes the focus, so a
   screen reader reads it), o or Enter opens it, s saves it for offline or removes it (the article
   page's "Save for offline" does the same; a signed-in reader's account list follows), m marks it
   read or unread for a signed-in reader, ? shows the help. On an article page j and k go to the
   next or previous article of the list it was opened from (site.js remembers it), or else on to
   the first related one; o opens the original. No key counts while the reader types in a field or
   holds Ctrl, Alt or Meta. The help and the messages come translated in the page's
   <template data-keys>. */
"use strict";

(function () {
  const LIST_KEY = "newsdesk.keys.list";
  const REFUSED_KEY = "newsdesk.reading.refused";
  const SAVED_CACHE = "newsdesk-saved";
  const ARTICLE_PATH = /^\/article\/(\d+)\//;
  const ITEMS = "main .card, main .hits > li, main [data-saved-list] > li";

  const source = document.querySelector("template[data-keys]");
  const labels = source ? source.dataset : {};
  const articlePage = document.querySelector("[data-article-id]");
  const offline = window.newsdeskOffline
    || { keepPictures: async () => {}, dropUnusedPictures: async () => {} };
  let selected = null;
  let dialog = null;
  let toast = null;
  let toastTimer = 0;

  function typing(target) {
    if (!(target instanceof Element)) return false;
    return target.isContentEditable || Boolean(target.closest("input, textarea, select"));
  }

  function cookie(name) {
    const part = document.cookie.split("; ").find((item) => item.startsWith(name + "="));
    return part ? decodeURIComponent(part.slice(name.length + 1)) : "";
  }

  // Signed in as far as a page that is the same for everyone can tell (reading.js): a CSRF
  // token the server has not refused in this tab.
  function token() {
    const value = cookie("csrftoken");
    let refused = "";
    try { refused = sessionStorage.getItem(REFUSED_KEY) || ""; } catch (error) { /* private */ }
    return value && value !== refused ? value : "";
  }

  function send(method, url) {
    return fetch(url, {
      method: method,
      headers: { "X-CSRFToken": token() },
      credentials: "same-origin",
    }).catch(() => null);
  }

  function say(text, link) {
    if (!toast) {
      toast = document.createElement("p");
      toast.className = "keys-toast";
      toast.setAttribute("role", "status");
      document.body.appendChild(toast);
    }
    toast.textContent = text;
    if (link) {
      const anchor = document.createElement("a");
      anchor.href = link.href;
      anchor.textContent = link.text;
      toast.append(" ", anchor);
    }
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { toast.hidden = true; }, link ? 8000 : 3000);
  }

  function items() {
    return Array.from(document.querySelectorAll(ITEMS)).filter((item) => item.getClientRects().length);
  }

  function linkOf(item) {
    return item.querySelector(".card-title a") || item.querySelector("a");
  }

  function articleOf(item) {
    const link = item && linkOf(item);
    if (!link) return null;
    const path = new URL(link.href, window.location.href).pathname;
    const match = ARTICLE_PATH.exec(path);
    return match ? { id: Number(match[1]), path: path } : null;
  }

  function select(item) {
    if (selected) {
      selected.classList.remove("key-selected");
      selected.removeAttribute("aria-current");
    }
    selected = item;
    item.classList.add("key-selected");
    item.setAttribute("aria-current", "true");
    // Under the masthead (site.css: scroll-margin-top), as reader apps do, clear of the banners.
    item.scrollIntoView({ block: "start", behavior: "instant" });
    const link = linkOf(item);
    if (link) link.focus({ preventScroll: true });
  }

  // The next item when there is one; at the end, the next page (the "More articles" link loads it
  // when it comes into view), then its first item.
  function move(step) {
    const all = items();
    if (!all.length) return;
    let index = all.indexOf(selected);
    if (index < 0) {
      const first = all.findIndex((item) => item.getBoundingClientRect().bottom > 0);
      return select(all[Math.max(first, 0)]);
    }
    index += step;
    if (index >= 0 && index < all.length) return select(all[index]);
    const more = document.querySelector("main a.more[hx-get]");
    if (step < 0 || !more) return;
    say(labels.labelLoading || "Loading more articles");
    document.body.addEventListener("htmx:afterSettle", () => {
      const after = items();
      const next = after[after.indexOf(selected) + 1];
      if (next) select(next);
    }, { once: true });
    more.scrollIntoView({ block: "end", behavior: "instant" });
  }

  function open(item) {
    const link = item && linkOf(item);
    if (link) link.click();  // site.js remembers the list on the click
  }

  async function toggleSaved(article) {
    let wasSaved = false;
    if ("caches" in window) {
      const cache = await caches.open(SAVED_CACHE);
      wasSaved = Boolean(await cache.match(article.path, { ignoreVary: true }));
      if (wasSaved) {
        await cache.delete(article.path, { ignoreVary: true });
        await offline.dropUnusedPictures();
      } else {
        await cache.add(article.path);
        await offline.keepPictures(article.path);
      }
    }
    if (token()) await send(wasSaved ? "DELETE" : "PUT", "/api/v1/me/saved/" + article.id);
    say(wasSaved ? labels.labelUnsaved || "Removed from saved" : labels.labelSaved || "Saved for offline");
  }

  // The article page's own button, so that its label and the account follow (reading.js).
  function pressSaveButton(button) {
    new MutationObserver((changes, observer) => {
      observer.disconnect();
      const saved = button.getAttribute("aria-pressed") === "true";
      say(saved ? labels.labelSaved || "Saved for offline" : labels.labelUnsaved || "Removed from saved");
    }).observe(button, { attributes: true, attributeFilter: ["aria-pressed"] });
    button.click();
  }

  function save(article) {
    // On the Saved page, the item's own "Remove" (saved.js then lists the rest again).
    const remove = selected && selected.querySelector(".saved-remove");
    if (remove) {
      remove.click();
      return say(labels.labelUnsaved || "Removed from saved");
    }
    const button = articlePage && document.querySelector("[data-save]");
    if (button && !button.hidden) return pressSaveButton(button);
    toggleSaved(article).catch(() => say(labels.labelFailed || "That did not work; try again."));
  }

  function signInPrompt() {
    const back = encodeURIComponent(window.location.pathname + window.location.search);
    const href = (labels.signIn || "/accounts/login/") + "?next=" + back;
    say(labels.labelSignIn || "Sign in to mark articles read.", { href: href, text: labels.labelSignInLink || "Sign in" });
  }

  // Unread when it was read, read when it was not: the removal answers which it was.
  async function toggleRead(article) {
    if (!token()) return signInPrompt();
    const url = "/api/v1/me/read/" + article.id;
    let answer = await send("DELETE", url);
    if (answer && answer.status === 204) return say(labels.labelUnread || "Marked unread");
    if (answer && answer.status === 404) answer = await send("PUT", url);
    if (answer && answer.ok) return say(labels.labelRead || "Marked read");
    if (answer && (answer.status === 401 || answer.status === 403)) return signInPrompt();
    say(labels.labelFailed || "That did not work; try again.");
  }

  function rememberedList() {
    try { return JSON.parse(sessionStorage.getItem(LIST_KEY) || "[]"); } catch (error) { return []; }
  }

  function alongList(step) {
    const here = Number(articlePage.getAttribute("data-article-id"));
    const list = rememberedList();
    const index = list.findIndex((path) => Number((ARTICLE_PATH.exec(path) || [])[1]) === here);
    const none = step > 0 ? labels.labelNoNext || "No next article" : labels.labelNoPrevious || "No previous article";
    if (index >= 0) {
      const next = list[index + step];
      return next ? window.location.assign(next) : say(none);
    }
    const related = document.querySelector("main .related .card-title a");
    if (step > 0 && related) return window.location.assign(related.href);
    say(none);
  }

  function showHelp() {
    if (!source) return;
    if (!dialog) {
      dialog = source.content.firstElementChild.cloneNode(true);
      document.body.appendChild(dialog);
      // A click on the backdrop (the dialog itself, outside its box) closes it too.
      dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
    }
    if (toast) toast.hidden = true;
    const before = document.activeElement;
    dialog.addEventListener("close", () => { if (before && before.focus) before.focus(); }, { once: true });
    dialog.showModal();
  }

  function currentArticle() {
    if (!articlePage) return articleOf(selected);
    const id = Number(articlePage.getAttribute("data-article-id"));
    return { id: id, path: window.location.pathname };
  }

  function act(key) {
    if (key === "?") return showHelp();
    if (articlePage && (key === "j" || key === "k")) return alongList(key === "j" ? 1 : -1);
    if (key === "j" || key === "k") return move(key === "j" ? 1 : -1);
    if (articlePage && key === "o") {
      const original = document.querySelector("[data-original]");
      return original && original.click();
    }
    if (key === "o" || key === "Enter") return open(selected);
    if (key !== "s" && key !== "m") return;
    if (!articlePage && !selected) return;
    const article = currentArticle();
    if (!article) return say(labels.labelNotArticle || "Only articles can be saved or marked.");
    return key === "s" ? save(article) : toggleRead(article);
  }

  function handles(event) {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return false;
    if (typing(event.target) || (dialog && dialog.open)) return false;
    if (event.key === "Enter") {
      // A focused link or button answers Enter itself.
      const active = document.activeElement;
      return Boolean(selected) && !articlePage && (!active || active === document.body);
    }
    return ["j", "k", "o", "s", "m", "?"].includes(event.key);
  }

  document.addEventListener("keydown", (event) => {
    if (!handles(event)) return;
    event.preventDefault();
    act(event.key);
  });

  window.newsdeskKeys = { act: act };
})();
