// Registers the service worker from app code: the server's CSP forbids inline scripts.
// The worker precaches the app shell only; it never handles /api or /docs.
//
// Written out rather than taken from vite-plugin-pwa's registerSW, which brings workbox-window
// (2.5 kB of a phone's first load, issue 18) for what is here: a new version installs and waits,
// the page offers to reload, and the waiting worker takes over when asked (generateSW's worker
// answers a SKIP_WAITING message) before the page reloads under it.

type Listener = () => void;

let waiting: ServiceWorker | null = null;
const listeners = new Set<Listener>();

/** A worker that installed while another controls this page is a new version; the first install is not. */
function offer(worker: ServiceWorker | null): void {
  if (!worker || !navigator.serviceWorker.controller) return;
  waiting = worker;
  for (const listener of listeners) listener();
}

export function startServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(
    (registration) => {
      offer(registration.waiting);
      registration.addEventListener("updatefound", () => {
        const installing = registration.installing;
        installing?.addEventListener("statechange", () => {
          if (installing.state === "installed") offer(installing);
        });
      });
    },
    // No worker (a private window, storage refused): the app still works online, it just cannot open offline.
    () => undefined,
  );
}

export function subscribeToUpdate(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isUpdateReady(): boolean {
  return waiting !== null;
}

export function reloadWithUpdate(): void {
  if (!waiting) return window.location.reload();
  navigator.serviceWorker.addEventListener("controllerchange", () => window.location.reload(), { once: true });
  waiting.postMessage({ type: "SKIP_WAITING" });
}
