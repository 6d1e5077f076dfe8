import type { FastifyInstance } from "fastify";
import supertest from "supertest";
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "@greentape/db/client";
import { seedCouncil } from "@greentape/db/seed";
import { buildApp } from "../../apps/api/src/app.ts";
import { loadConfig, type Config } from "../../apps/api/src/config.ts";
import type { Clock } from "../../apps/api/src/lib/clock.ts";
import type { LogDestination } from "../../apps/api/src/lib/logger.ts";
import { hashPassword } from "../../apps/api/src/lib/passwords.ts";
import { createFreshDatabase, type FreshDatabase } from "./database.ts";
import { TEST_LOG_ENV } from "./log.ts";
import { TEST_ACCOUNTS, TEST_COUNCIL, TEST_PASSWORD, type TestAccount } from "./test-council.ts";

export { TEST_ACCOUNTS, TEST_PASSWORD, type TestAccount };

/** A clock tests can move. */
export class TestClock implements Clock {
  constructor(private current = new Date()) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(date: Date | string): void {
    this.current = new Date(date);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  url: string;
  config: Config;
  http: supertest.Agent;
  kind: "postgres" | "pglite";
  /** Signs in and returns a Bearer access token. */
  tokenFor(account: TestAccount | string, password?: string): Promise<string>;
  /** Closes this app (not its database) and starts a new one on the same database, as a server restart would. */
  restart(): Promise<TestApp>;
  /** A second instance of the app on the same database, as a second server would be (its own connection pool on PostgreSQL). Close it before this one. */
  sibling(): Promise<TestApp>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  clock?: Clock;
  logDestination?: LogDestination;
  env?: Record<string, string>;
  seed?: boolean;
}

/**
 * The real app on a real database: a copy of the run's PostgreSQL template when DATABASE_URL is
 * set, otherwise a fresh in-memory PGlite. Listening on a real port so requests truly overlap.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const template = inject("templateDatabase");
  const seed = options.seed ?? true;
  let fresh: FreshDatabase | null = null;
  let database: DatabaseHandle;
  if (template) {
    fresh = await createFreshDatabase(seed ? { template } : {});
    if (!fresh) throw new Error("templateDatabase provided but DATABASE_URL is unset");
    database = await openDatabase({ databaseUrl: fresh.url, poolSize: 20 });
    if (!seed) await database.migrate();
  } else {
    database = await openDatabase({ inMemory: true });
    await database.migrate();
    if (seed) await seedCouncil(database.db, TEST_COUNCIL, { hashPassword });
  }
  const config = loadConfig({
    LOG_LEVEL: "silent",
    LOGIN_LIMIT_PER_IP: "10000",
    LOGIN_LIMIT_PER_ACCOUNT: "10000",
    JWT_SECRET: "test-secret-test-secret-test-secret-0123456789",
    // Reminders are swept by the tests that want them, at the moments they choose.
    JOB_QUEUE: "off",
    // The test council's people sign in with a password alone; second-factor tests set the roles they need.
    MFA_REQUIRED_ROLES: "",
    ...TEST_LOG_ENV,
    ...(fresh ? { DATABASE_URL: fresh.url } : {}),
    ...options.env,
  });
  return serve(database, fresh, config, options);
}

async function serve(database: DatabaseHandle, fresh: FreshDatabase | null, config: Config, options: TestAppOptions & { sharesDatabase?: boolean }): Promise<TestApp> {
  const app = await buildApp({ config, db: database.db, ...(options.clock ? { clock: options.clock } : {}), ...(options.logDestination ? { logDestination: options.logDestination } : {}) });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  const url = `http://127.0.0.1:${address.port}`;
  const http = supertest.agent(url);

  return {
    app,
    database,
    url,
    config,
    http,
    kind: database.kind,
    async tokenFor(account, password = TEST_PASSWORD) {
      const email = account in TEST_ACCOUNTS ? TEST_ACCOUNTS[account as TestAccount] : account;
      const res = await supertest(url).post("/api/auth/login").send({ email, password });
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken as string;
    },
    async restart() {
      if (app.server.listening) await app.close();
      return serve(database, fresh, config, options);
    },
    async sibling() {
      if (!fresh) return serve(database, null, config, { ...options, sharesDatabase: true });
      return serve(await openDatabase({ databaseUrl: fresh.url, poolSize: 20 }), null, config, options);
    },
    async close() {
      await app.close();
      if (!options.sharesDatabase) await database.close();
      await fresh?.drop();
    },
  };
}
