import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/server.ts"], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", DATA_DIR: mkdtempSync(path.join(tmpdir(), "gt-start-")), LOG_LEVEL: "silent", ...env },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe("start-up refuses bad configuration with one line naming the problem", () => {
  it.each([
    ["PORT=abc", { PORT: "abc" }, /PORT/],
    ["an unreachable DATABASE_URL", { DATABASE_URL: "postgres://nobody@127.0.0.1:1/x" }, /DATABASE_URL/],
    ["a DATABASE_URL that is not a URL", { DATABASE_URL: "mysql://x" }, /DATABASE_URL/],
    ["a short JWT_SECRET", { JWT_SECRET: "short" }, /JWT_SECRET/],
    ["an unknown TIME_ZONE", { TIME_ZONE: "Mars/Olympus" }, /TIME_ZONE/],
    ["MIGRATION_DATABASE_URL without DATABASE_URL", { MIGRATION_DATABASE_URL: "postgres://owner@127.0.0.1:1/x" }, /MIGRATION_DATABASE_URL needs DATABASE_URL/],
    ["an unreachable MIGRATION_DATABASE_URL", { DATABASE_URL: "postgres://app@127.0.0.1:1/x", MIGRATION_DATABASE_URL: "postgres://owner@127.0.0.1:1/x" }, /MIGRATION_DATABASE_URL/],
  ])("%s", async (_name, env, pattern) => {
    const { code, stderr } = await start(env);
    expect(code).not.toBe(0);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  });
});
