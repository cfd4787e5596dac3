{% load static %}/* Push notifications: a push message is JSON ({title, body, url, tag}) sent by the server,
   encrypted for this browser; it is shown as a notification, and a click opens its page (in a
   window of the site already open, if there is one). */
const PUSH_ICON = "{% static 'web/icon-192.png' %}";

function pushMessage(event) {
  if (!event.data) return { title: "newsdesk", body: "", url: "/", tag: "" };
  try {
    return event.data.json();
  } catch (error) {
    return { title: "newsdesk", body: event.data.text(), url: "/", tag: "" };
  }
}

self.addEventListener("push", (event) => {
  const message = pushMessage(event);
  const options = {
    body: message.body || "",
    icon: PUSH_ICON,
    badge: PUSH_ICON,
    data: { url: message.url || "/" },
  };
  if (message.tag) {
    options.tag = message.tag;
    options.renotify = true;
  }
  event.waitUntil(self.registration.showNotification(message.title || "newsdesk", options));
});

async function openPage(url) {
  const target = new URL(url, self.location.origin);
  if (target.origin !== self.location.origin) return undefined;
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((client) => client.url === target.href);
  if (open) return open.focus();
  const any = windows.find((client) => "navigate" in client);
  if (any) return any.navigate(target.href).then((client) => (client || any).focus());
  return self.clients.openWindow(target.href);
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(openPage((event.notification.data || {}).url || "/"));
});
