/* global self */
/* Web Push for Green Tape, imported by the generated service worker (vite.config.ts, workbox.importScripts).
   A message carries a title, a body (an amount and a date at most) and the path of the screen
   where the person acts; tapping it opens that screen, in a window already open if there is one. */
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const path = typeof data.path === "string" && data.path.startsWith("/") && !data.path.startsWith("//") ? data.path : "/";
  event.waitUntil(
    self.registration.showNotification(typeof data.title === "string" ? data.title : "Green Tape", {
      body: typeof data.body === "string" ? data.body : "",
      tag: typeof data.tag === "string" ? data.tag : undefined,
      icon: "/icons/icon-192.png",
      data: { path },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.path ?? "/", self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const client of windows) {
        if (new URL(client.url).origin !== self.location.origin) continue;
        // Navigate first: focusing may be refused (no user activation), and must not stop the navigation.
        const navigated = await client.navigate(url);
        await (navigated ?? client).focus().catch(() => undefined);
        return;
      }
      await self.clients.openWindow(url);
    })(),
  );
});
