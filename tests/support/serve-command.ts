import { readFileSync } from "node:fs";
import { join } from "node:path";

const repoRoot = join(import.meta.dirname, "..", "..");

/**
 * The server's command line exactly as `npm run serve` gives it in package.json (the built bundle,
 * with production's heap limit), so browser tests and benchmarks run what ships rather than a
 * copy of its flags. `node` becomes this process's own Node binary; it runs from the repo root.
 */
export function serveCommand(): { command: string; args: string[]; cwd: string } {
  const { scripts } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const [program, ...args] = (scripts.serve ?? "").trim().split(/\s+/);
  if (program !== "node") throw new Error(`package.json's serve script must start with node, not ${program ?? "nothing"}`);
  return { command: process.execPath, args, cwd: repoRoot };
}
