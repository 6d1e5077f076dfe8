import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Queries take whichever they run in: the database, or the transaction a service opened. */
export type Executor = Db | Tx;

export interface DatabaseHandle {
  db: Db;
  kind: "postgres" | "pglite";
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../../migrations", import.meta.url));

export type DatabaseOptions =
  | { databaseUrl: string; poolSize?: number }
  | { dataDir: string }
  | { inMemory: true };

/**
 * One PostgreSQL connection of its own, for work that must hold a session: a session-level
 * advisory lock lives exactly as long as this connection, and LISTEN hears on it. Once the
 * connection fails every query on it fails too, so the holder learns its lock is gone.
 */
export interface SessionConnection {
  db: Db;
  listen(channel: string, onNotify: () => void): Promise<void>;
  close(): Promise<void>;
}

export async function openSessionConnection(databaseUrl: string, options: { applicationName: string }): Promise<SessionConnection> {
  // A server that stops answering without closing the socket fails queries here, not never.
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: options.applicationName,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    query_timeout: 30_000,
  });
  // Without an error listener, a dropped connection would crash the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  const handlers = new Map<string, () => void>();
  client.on("notification", (message) => handlers.get(message.channel)?.());
  return {
    db: drizzlePg(client, { schema }) as unknown as Db,
    async listen(channel, onNotify) {
      handlers.set(channel, onNotify);
      await client.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
    },
    close: () => client.end().catch(() => undefined),
  };
}

/** The embedded database's memory: resident size of `npm start` idle went from 397 MB to 275 MB (issue 18). */
const EMBEDDED_MEMORY_SETTINGS = ["-c", "shared_buffers=16MB", "-c", "work_mem=2MB", "-c", "maintenance_work_mem=16MB", "-c", "temp_buffers=2MB"];

/**
 * Makes a new embedded data directory (PostgreSQL's initdb) in a Node process of its own that
 * then exits. initdb grows PGlite's WebAssembly memory to some 700 MB, which never shrinks, and
 * even from a worker thread the allocator keeps much of it: in the server's own process a first
 * start would hold it for the life of the process.
 */
async function initialiseApart(dir: string): Promise<void> {
  const pglite = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const code = `const [pglite, dir, settings] = JSON.parse(process.argv[1]);
    const { PGlite } = require(pglite);
    PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, ...settings] }).then((db) => db.close());`;
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, ["-e", code, JSON.stringify([pglite, dir, EMBEDDED_MEMORY_SETTINGS])], (error) => (error ? reject(new Error(`initialising the embedded database failed: ${error.message}`)) : resolve()));
  });
}

/** PostgreSQL via `pg` when a URL is given; otherwise embedded PGlite (on disk, or in memory for tests). */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if ("databaseUrl" in options) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 20,
      // While the database is away a request waits this long for a connection, then answers 503,
      // rather than hanging until the operating system gives up on the socket.
      connectionTimeoutMillis: 5000,
      // A server that vanished without closing the socket is noticed, not waited on forever.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    // An idle connection dropped by the server (restart, failover) is discarded by the pool and
    // reopened on demand; without a listener, pg would crash the process over it.
    pool.on("error", () => undefined);
    // pg-pool listens for a connection's errors only while it is idle. One dropped while checked
    // out (inside a transaction, between two statements) would emit 'error' with nobody listening,
    // and an unheard 'error' ends the process. The statement in flight fails on its own, and the
    // pool discards the broken connection when it is released.
    pool.on("connect", (client) => client.on("error", () => undefined));
    // Fail at start-up, with the driver's reason, rather than at the first request.
    const probe = await pool.connect();
    probe.release();
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      migrate: () => migratePg(drizzlePg(pool, { schema }), { migrationsFolder: MIGRATIONS_FOLDER }),
      close: () => pool.end(),
    };
  }
  // Loaded only when used: a PostgreSQL deployment never pays PGlite's ~40 MB of WebAssembly.
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  let dir: string | undefined;
  if ("dataDir" in options) {
    dir = path.resolve(options.dataDir, "pgdata");
    mkdirSync(dir, { recursive: true });
    if (!existsSync(path.join(dir, "PG_VERSION"))) await initialiseApart(dir);
  }
  // PGlite's buffers live in its WebAssembly memory, which grows and never gives back: PostgreSQL's
  // defaults (128 MB of shared buffers) are sized for a server of its own, not for one process
  // beside the API on a small machine. A council's embedded data fits these; the OS caches the rest.
  const client = await PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, ...EMBEDDED_MEMORY_SETTINGS] });
  const pgliteDb = drizzlePglite(client, { schema });
  return {
    db: pgliteDb as unknown as Db,
    kind: "pglite",
    migrate: () => migratePglite(pgliteDb, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.close(),
  };
}
