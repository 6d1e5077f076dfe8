import { randomBytes } from "node:crypto";
import path from "node:path";
import { encodeSignerKey, parseSignerKey, signerKeyFromSeed, type SignerKey } from "@greentape/log/note";
import type { Config } from "../../config.ts";
import { readOrCreateKeyFile } from "../../lib/key-file.ts";

const KEY_FILE_NAME = "log-signing-key";

interface LoadedKey {
  key: SignerKey;
  /** The key file it was read from or made in; null when it came from LOG_SIGNING_KEY. */
  file: string | null;
}

/**
 * The checkpoint signing key: LOG_SIGNING_KEY, or else a key file under DATA_DIR, made once (named
 * after LOG_ORIGIN) and read ever after. Never the database: a superuser must not be able to sign.
 */
export async function loadSigningKey(config: Pick<Config, "dataDir" | "log">): Promise<LoadedKey> {
  if (config.log.signingKey) return { key: config.log.signingKey, file: null };
  const file = path.resolve(config.dataDir, KEY_FILE_NAME);
  const text = await readOrCreateKeyFile(file, () => encodeSignerKey(signerKeyFromSeed(config.log.origin, randomBytes(32))));
  return { key: parseSignerKey(text), file };
}
