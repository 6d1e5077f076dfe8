import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import path from "node:path";
import type { Config } from "../../config.ts";
import { readOrCreateKeyFile } from "../../lib/key-file.ts";

const KEY_FILE_NAME = "mfa-encryption-key";

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

/**
 * AES-256-GCM for the TOTP secrets: a copy of the database alone does not give anyone the codes.
 * The key is MFA_ENCRYPTION_KEY, or a key file made once under DATA_DIR (so the demo keeps its
 * enrolments across restarts); sealed text is `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
export async function loadSecretBox(config: Pick<Config, "dataDir" | "mfa">): Promise<SecretBox> {
  const material = config.mfa.encryptionKey ?? (await readOrCreateKeyFile(path.resolve(config.dataDir, KEY_FILE_NAME), () => randomBytes(32).toString("base64url"))).trim();
  const key = Buffer.from(hkdfSync("sha256", material, "green-tape", "totp-secrets", 32));
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return ["v1", iv, cipher.getAuthTag(), body].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split(".");
      if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("not a sealed secret");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    },
  };
}
