import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

/** Where receipt files live. Files under DATA_DIR by default; an S3-compatible store can replace it. */
export interface ReceiptStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
}

export function fileReceiptStorage(root: string): ReceiptStorage {
  const resolve = (key: string) => {
    if (!/^[a-f0-9-]+\/[a-f0-9-]+$/.test(key)) throw new Error(`unsafe receipt key ${key}`);
    return path.join(root, key);
  };
  return {
    async put(key, bytes) {
      const target = resolve(key);
      await mkdir(path.dirname(target), { recursive: true });
      // Write then rename, so a crash never leaves half a file under the final name.
      const temp = `${target}.tmp`;
      await writeFile(temp, bytes, { mode: 0o600 });
      await rename(temp, target);
    },
    get: (key) => readFile(resolve(key)),
  };
}
