import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { TEST_LOG_ENV } from "./log.ts";
import { freePort } from "./server-process.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Instance {
  child: ChildProcess;
  url: string;
  pid: number;
}

/**
 * The real server from its sources as a process of its own, so a test can kill it like a crashed
 * machine, run two on one database, or see that it is still alive after the database went away.
 */
export async function startInstance(databaseUrl: string, env: Record<string, string> = {}): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/server.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...TEST_LOG_ENV,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO: "false",
      // The test council's accounts, copied with the template, sign in with the password alone, as in the other harnesses.
      MFA_REQUIRED_ROLES: "",
      LOG_LEVEL: "warn",
      LOG_SEAL_POLL_MS: "200",
      JWT_SECRET: "test-secret-test-secret-test-secret-0123456789",
      LOGIN_LIMIT_PER_IP: "10000",
      LOGIN_LIMIT_PER_ACCOUNT: "10000",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance on ${port} exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, url, pid: child.pid as number };
    if (Date.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`instance on ${port} did not start`);
    }
    await sleep(200);
  }
}

/** Whether the process is still running (it neither exited nor was killed). */
export function isAlive(instance: Instance): boolean {
  return instance.child.exitCode === null && instance.child.signalCode === null;
}
