import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

function isCode(error: unknown, code: string): boolean {
  return (error as { code?: unknown } | null)?.code === code;
}

/**
 * A key kept in a file (mode 0600) when no setting gives one: read when it exists, otherwise made
 * once with `make` and kept. Never the database: whoever reads the database must not hold the key.
 */
export async function readOrCreateKeyFile(file: string, make: () => string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if (!isCode(error, "ENOENT")) throw error;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const text = `${make()}\n`;
  // Written whole under a private name, then linked into place: of two instances starting together
  // on one DATA_DIR, exactly one key wins and neither ever reads half a file.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(draft, text, { flag: "wx", mode: 0o600 });
  try {
    await link(draft, file);
    return text;
  } catch (error) {
    if (isCode(error, "EEXIST")) return readFile(file, "utf8");
    throw error;
  } finally {
    await unlink(draft);
  }
}
