import { readFileSync } from "node:fs";
import { join } from "node:path";

const repoRoot = join(import.meta.dirname, "..", "..");

/**
 * The server's command line exactly as `npm run serve` gives it in package.json (the built bundle,
 * with production's heap limit and allocator settings), so browser tests and benchmarks run what
 * ships rather than a copy of its flags. Leading `NAME=value` words become `env`; `node` becomes
 * this process's own Node binary; it runs from the repo root.
 */
export function serveCommand(): { command: string; args: string[]; env: Record<string, string>; cwd: string } {
  const { scripts } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const words = (scripts.serve ?? "").trim().split(/\s+/);
  const env: Record<string, string> = {};
  for (let word = words[0]; word !== undefined && /^[A-Z_][A-Z0-9_]*=/.test(word); word = words[0]) {
    const at = word.indexOf("=");
    env[word.slice(0, at)] = word.slice(at + 1);
    words.shift();
  }
  const [program, ...args] = words;
  if (program !== "node") throw new Error(`package.json's serve script must run node, not ${program ?? "nothing"}`);
  return { command: process.execPath, args, env, cwd: repoRoot };
}
