// Registers the service worker from app code: the server's CSP forbids inline scripts.
// The worker precaches the app shell only; it never handles /api or /docs.
import { registerSW } from "virtual:pwa-register";

type Listener = () => void;

let updateReady = false;
let applyUpdate: ((reloadPage?: boolean) => Promise<void>) | null = null;
const listeners = new Set<Listener>();

export function startServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  applyUpdate = registerSW({
    immediate: true,
    onNeedRefresh() {
      updateReady = true;
      for (const listener of listeners) listener();
    },
  });
}

export function subscribeToUpdate(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isUpdateReady(): boolean {
  return updateReady;
}

export async function reloadWithUpdate(): Promise<void> {
  if (applyUpdate) await applyUpdate(true);
  else window.location.reload();
}
