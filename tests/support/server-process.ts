import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { serveCommand } from "./serve-command.ts";

/** A port nothing listens on just now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * The server in a child process exactly as `npm run serve` runs it (the built bundle, its heap
 * limit), on a free port or the `PORT` given in `env` (to start it again where a browser knows it).
 * `nodeFlags` go before the script (Node refuses some, such as --cpu-prof, in NODE_OPTIONS).
 * `startSeconds`: how long it may take to answer /api/health (a first embedded start makes its database).
 */
export async function startServer(databaseUrl: string | null, env: Record<string, string> = {}, nodeFlags: string[] = [], startSeconds = 30): Promise<{ child: ChildProcess; base: string }> {
  const port = env.PORT ?? String(await freePort());
  const { command, args, env: serveEnv, cwd } = serveCommand();
  const child = spawn(command, [...nodeFlags, ...args], {
    cwd,
    env: { ...withoutDatabaseUrl(process.env), ...serveEnv, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), PORT: port, HOST: "127.0.0.1", LOG_LEVEL: "warn", SEED_DEMO: "false", MFA_REQUIRED_ROLES: "", JWT_SECRET: randomBytes(32).toString("hex"), WEB_DIST: "/nonexistent", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < startSeconds * 10; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const up = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (up) return { child, base };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`the server did not start within ${startSeconds} s`);
}

/** Null means the embedded database under DATA_DIR, so the test run's own DATABASE_URL must not leak in. */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.DATABASE_URL;
  return copy;
}

/** Stops it as an operator would (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
