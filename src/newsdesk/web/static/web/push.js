/* newsdesk push notifications on /me/notifications/: shows whether this device is subscribed,
   and turns notifications on (asks the browser's permission, subscribes with the site's public
   key, sends the subscription to the server) or off (unsubscribes, tells the server). Texts
   come translated from the page's data attributes. */
"use strict";

(function () {
  function keyBytes(base64url) {
    const padded = base64url.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - base64url.length % 4) % 4);
    const raw = atob(padded);
    return Uint8Array.from(raw, (c) => c.charCodeAt(0));
  }

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  async function send(url, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      let message = String(response.status);
      try { message = (await response.json()).error || message; } catch (error) { /* not JSON */ }
      throw new Error(message);
    }
    return response.json();
  }

  function setUp(panel) {
    const state = panel.querySelector("[data-push-state]");
    const button = panel.querySelector("[data-push-toggle]");
    const text = (name) => panel.dataset[name] || "";
    let subscription = null;

    function show(message, label) {
      state.textContent = message;
      panel.dataset.pushStatus = label;
      button.hidden = label === "unsupported" || label === "denied" || label === "asking";
      button.textContent = subscription ? text("pushOffLabel") : text("pushOnLabel");
      button.disabled = false;
    }

    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
      show(text("pushUnsupportedText"), "unsupported");
      return;
    }

    async function registration() {
      await navigator.serviceWorker.register("/sw.js", { scope: "/" });
      return navigator.serviceWorker.ready;
    }

    async function refresh() {
      const worker = await registration();
      subscription = await worker.pushManager.getSubscription();
      if (Notification.permission === "denied") show(text("pushDeniedText"), "denied");
      else if (subscription) {
        // Sent again each time: a subscription the browser renewed reaches the server this way.
        await send(panel.dataset.pushSubscribe, subscription.toJSON());
        show(text("pushOnText"), "on");
      }
      else show(text("pushOffText"), "off");
    }

    async function turnOn() {
      show(text("pushAskingText"), "asking");
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        show(permission === "denied" ? text("pushDeniedText") : text("pushOffText"), permission === "denied" ? "denied" : "off");
        return;
      }
      const worker = await registration();
      subscription = await worker.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(panel.dataset.pushKey),
      });
      try {
        await send(panel.dataset.pushSubscribe, subscription.toJSON());
      } catch (error) {
        // The server refused it: leave no subscription it does not know of.
        await subscription.unsubscribe().catch(() => {});
        subscription = null;
        throw error;
      }
      show(text("pushOnText"), "on");
    }

    async function turnOff() {
      const endpoint = subscription.endpoint;
      await subscription.unsubscribe();
      subscription = null;
      await send(panel.dataset.pushUnsubscribe, { endpoint });
      show(text("pushOffText"), "off");
    }

    button.addEventListener("click", () => {
      button.disabled = true;
      (subscription ? turnOff() : turnOn()).catch((error) => {
        show(`${text("pushFailedText")} ${error.message || error}`, "failed");
      });
    });
    refresh().catch((error) => show(`${text("pushFailedText")} ${error.message || error}`, "failed"));
  }

  document.addEventListener("DOMContentLoaded", () => {
    const panel = document.querySelector("[data-push-key]");
    if (panel) setUp(panel);
  });
})();
