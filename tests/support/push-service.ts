import { execFileSync } from "node:child_process";
import { createECDH, randomBytes, type ECDH } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, globalAgent, type Server } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { decrypt } from "http_ece";

export interface ReceivedPush {
  device: string;
  title: string;
  body: string;
  path: string;
  /** The payload as decrypted, whole. */
  raw: string;
}

export interface TestDevice {
  name: string;
  /** What a browser's PushSubscription.toJSON() gives, for PUT /api/push/subscriptions. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
}

export interface PushService {
  /** A device with its own key pair and auth secret, as a browser makes when it subscribes. */
  device(name: string): TestDevice;
  /** Devices whose endpoint answers 410 Gone from now on. */
  gone: Set<string>;
  received: ReceivedPush[];
  close(): Promise<void>;
}

/** A certificate for 127.0.0.1 made with openssl, trusted by this process's HTTPS agent (web-push speaks only HTTPS). */
function localCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), "gt-push-tls-"));
  try {
    const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A local push service: endpoints on a port of this process, receiving what web-push sends exactly
 * as a browser vendor's would, and decrypting each message (RFC 8291) with the device's own key.
 */
export async function startPushService(): Promise<PushService> {
  const devices = new Map<string, { ecdh: ECDH; auth: Buffer }>();
  const received: ReceivedPush[] = [];
  const gone = new Set<string>();
  const tls = localCertificate();
  globalAgent.options.ca = tls.cert;
  const server: Server = createServer(tls, (request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const name = decodeURIComponent(request.url?.replace(/^\/push\//, "") ?? "");
      const device = devices.get(name);
      if (!device || gone.has(name)) {
        response.writeHead(410).end();
        return;
      }
      const raw = decrypt(Buffer.concat(chunks), { version: "aes128gcm", privateKey: device.ecdh, authSecret: device.auth }).toString("utf8");
      const payload = JSON.parse(raw) as { title: string; body: string; path: string };
      received.push({ device: name, title: payload.title, body: payload.body, path: payload.path, raw });
      response.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return {
    device(name) {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16);
      devices.set(name, { ecdh, auth });
      return { name, subscription: { endpoint: `https://127.0.0.1:${address.port}/push/${encodeURIComponent(name)}`, keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") } } };
    },
    gone,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
