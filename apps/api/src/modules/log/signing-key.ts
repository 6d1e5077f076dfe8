import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { encodeSignerKey, parseSignerKey, signerKeyFromSeed, type SignerKey } from "@greentape/log/note";
import type { Config } from "../../config.ts";

const KEY_FILE_NAME = "log-signing-key";

interface LoadedKey {
  key: SignerKey;
  /** The key file it was read from or made in; null when it came from LOG_SIGNING_KEY. */
  file: string | null;
}

function isCode(error: unknown, code: string): boolean {
  return (error as { code?: unknown } | null)?.code === code;
}

/**
 * The checkpoint signing key: LOG_SIGNING_KEY, or else a key file under DATA_DIR, made once (named
 * after LOG_ORIGIN) and read ever after. Never the database: a superuser must not be able to sign.
 */
export async function loadSigningKey(config: Pick<Config, "dataDir" | "log">): Promise<LoadedKey> {
  if (config.log.signingKey) return { key: config.log.signingKey, file: null };
  const file = path.resolve(config.dataDir, KEY_FILE_NAME);
  const read = async () => ({ key: parseSignerKey(await readFile(file, "utf8")), file });
  try {
    return await read();
  } catch (error) {
    if (!isCode(error, "ENOENT")) throw error;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const key = signerKeyFromSeed(config.log.origin, randomBytes(32));
  // Written whole under a private name, then linked into place: of two instances starting together
  // on one DATA_DIR, exactly one key wins and neither ever reads half a file.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(draft, `${encodeSignerKey(key)}\n`, { flag: "wx", mode: 0o600 });
  try {
    await link(draft, file);
    return { key, file };
  } catch (error) {
    if (isCode(error, "EEXIST")) return read();
    throw error;
  } finally {
    await unlink(draft);
  }
}
