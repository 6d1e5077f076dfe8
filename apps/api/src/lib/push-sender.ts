import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import webPush from "web-push";

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushSender {
  publicKey: string;
  /** "gone" when the push service says the subscription no longer exists (404 or 410). */
  send(target: PushTarget, payload: object): Promise<"sent" | "gone">;
}

/** The VAPID pair from the environment, or one made once and kept at DATA_DIR/vapid-keys.json. */
async function vapidKeys(given: { publicKey: string; privateKey: string } | undefined, dataDir: string) {
  if (given) return given;
  const file = path.resolve(dataDir, "vapid-keys.json");
  try {
    return JSON.parse(await readFile(file, "utf8")) as { publicKey: string; privateKey: string };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const made = webPush.generateVAPIDKeys();
  await mkdir(path.dirname(file), { recursive: true });
  // "wx": if another process made the file first, use theirs, so phones see one key.
  try {
    await writeFile(file, JSON.stringify(made), { mode: 0o600, flag: "wx" });
    return made;
  } catch {
    return JSON.parse(await readFile(file, "utf8")) as { publicKey: string; privateKey: string };
  }
}

/** Web Push (RFC 8030, encrypted per RFC 8291, VAPID per RFC 8292) with `web-push`. */
export async function createPushSender(settings: { vapid: { publicKey: string; privateKey: string } | undefined; subject: string; dataDir: string }): Promise<PushSender> {
  const keys = await vapidKeys(settings.vapid, settings.dataDir);
  const vapidDetails = { subject: settings.subject, publicKey: keys.publicKey, privateKey: keys.privateKey };
  return {
    publicKey: keys.publicKey,
    async send(target, payload) {
      try {
        await webPush.sendNotification({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, JSON.stringify(payload), { vapidDetails, TTL: 24 * 3600, timeout: 10_000 });
        return "sent";
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (status === 404 || status === 410) return "gone";
        throw error;
      }
    },
  };
}
