import { pushKeySchema } from "@greentape/contract/reminders";
import { apiGet, apiPost, apiPut } from "./api-client.ts";

/** Whether this browser can take push at all (a phone's home-screen app, a desktop browser). */
export function pushSupported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

async function registration(): Promise<ServiceWorkerRegistration | null> {
  if (!pushSupported()) return null;
  return (await navigator.serviceWorker.getRegistration()) ?? null;
}

export async function pushIsOn(): Promise<boolean> {
  const reg = await registration();
  return (await reg?.pushManager.getSubscription()) != null && Notification.permission === "granted";
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Asks permission, subscribes this device and tells the server. False when the person says no. */
export async function startPush(): Promise<boolean> {
  if ((await Notification.requestPermission()) !== "granted") return false;
  const reg = await navigator.serviceWorker.ready;
  const { publicKey } = pushKeySchema.parse(await apiGet<unknown>("/api/push/key"));
  const subscription = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
  await apiPut<unknown>("/api/push/subscriptions", subscription.toJSON());
  return true;
}

/** Unsubscribes this device, here and on the server (at sign-out, too). */
export async function stopPush(): Promise<void> {
  const subscription = await (await registration())?.pushManager.getSubscription();
  if (!subscription) return;
  await apiPost<unknown>("/api/push/subscriptions/remove", { endpoint: subscription.endpoint }).catch(() => undefined);
  await subscription.unsubscribe();
}
