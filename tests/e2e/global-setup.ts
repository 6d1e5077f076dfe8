// Starts the real server (API + built web app, as `npm run serve` runs them) once for the browser tests.
// With DATABASE_URL set, the run gets a fresh PostgreSQL database; otherwise the embedded
// database in a fresh temporary DATA_DIR. Either way the demo council is seeded.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { serveCommand } from "../support/serve-command.ts";
import { stopServer } from "../support/server-process.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the server under test listens, e.g. http://127.0.0.1:41234 */
    baseUrl: string;
  }
}

// A first embedded start makes its database (initdb) in a process of its own: on a loaded machine, most of a minute.
const HEALTH_TIMEOUT_MS = 120_000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), "greentape-e2e-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  let database: { url: string; drop(): Promise<void> } | null = null;
  if (process.env.DATABASE_URL) {
    const { createFreshDatabase } = await import("../support/database.ts");
    database = await createFreshDatabase();
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    SEED_DEMO: "true",
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    // Every browser test signs in; one account's ten-per-quarter-hour limit would trip across files.
    LOGIN_LIMIT_PER_ACCOUNT: "1000",
    LOGIN_LIMIT_PER_IP: "10000",
  };
  if (database) env.DATABASE_URL = database.url;
  else delete env.DATABASE_URL;

  const { command, args, env: serveEnv, cwd } = serveCommand();
  const server = spawn(command, args, {
    cwd,
    env: { ...serveEnv, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = captureOutput(server);

  const cleanUp = async () => {
    await stopServer(server);
    if (database) await database.drop().catch((error: unknown) => console.error("Could not drop the e2e database:", error));
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, server, output);
  } catch (error) {
    await cleanUp();
    throw error;
  }

  project.provide("baseUrl", baseUrl);
  return cleanUp;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("No free port"))));
    });
  });
}

interface Output {
  stdout: string[];
  stderr: string[];
}

function captureOutput(child: ChildProcess): Output {
  const output: Output = { stdout: [], stderr: [] };
  const keep = (lines: string[], chunk: Buffer) => {
    lines.push(chunk.toString("utf8"));
    if (lines.length > 200) lines.shift();
  };
  child.stdout?.on("data", (chunk: Buffer) => keep(output.stdout, chunk));
  child.stderr?.on("data", (chunk: Buffer) => {
    keep(output.stderr, chunk);
    // Warnings and errors from the server are worth seeing while the tests run.
    process.stderr.write(`[server] ${chunk.toString("utf8")}`);
  });
  return output;
}

async function waitForHealth(baseUrl: string, server: ChildProcess, output: Output): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(
        `The server exited (${server.exitCode ?? server.signalCode}) before it was healthy.\n` +
          `--- server stderr ---\n${output.stderr.join("")}\n--- server stdout ---\n${output.stdout.join("")}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastProblem = `GET /api/health answered ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stopServer(server);
  throw new Error(
    `The server was not healthy within ${HEALTH_TIMEOUT_MS / 1000} s (${lastProblem}).\n` +
      `--- server stderr ---\n${output.stderr.join("")}\n--- server stdout ---\n${output.stdout.join("")}`,
  );
}
