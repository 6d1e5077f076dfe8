import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type DatabaseHandle } from "@greentape/db/client";
import { canonicalEvent } from "@greentape/db/event-log";
import { bytesToHex } from "@greentape/log/bytes";
import { leafHash } from "@greentape/log/hash";
import { events, users } from "@greentape/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@greentape/db/seed";
import { buildApp } from "../../apps/api/src/app.ts";
import { loadConfig } from "../../apps/api/src/config.ts";
import { hashPassword } from "../../apps/api/src/lib/passwords.ts";
import { passwordProblem } from "@greentape/domain/password-policy";
import { admin, createFreshDatabase, withClient, type FreshDatabase } from "../support/database.ts";

// Each case starts `npm run create-admin` (and the first on PGlite creates a database): allow for
// a loaded two-core CI machine running other test files beside this one.
vi.setConfig({ testTimeout: 120_000 });

const root = path.resolve(import.meta.dirname, "../..");
const PASSWORD = "correct horse battery staple";
const ADMIN_EMAIL = "boss@council.example";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function lines(text: string): string[] {
  return text.trim() === "" ? [] : text.trim().split("\n");
}

/** The command a deployment runs: `npm run create-admin`, with the password on standard input. */
function createAdmin(env: Record<string, string>, args: string[], stdin: string): Promise<Run> {
  const base = { ...process.env };
  // Only what the target sets: no DATABASE_URL of the test run, no SEED_DEMO, no DATA_DIR.
  delete base.DATABASE_URL;
  delete base.SEED_DEMO;
  delete base.DATA_DIR;
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "create-admin", "--", ...args], { cwd: root, env: { ...base, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 110_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

interface Target {
  kind: "postgres" | "pglite";
  /** The environment create-admin gets: DATABASE_URL, or DATA_DIR. */
  env: Record<string, string>;
  open(): Promise<DatabaseHandle>;
  cleanup(): Promise<void>;
}

async function postgresTarget(): Promise<Target> {
  // An EMPTY database (not the run's seeded template): what a real deployment starts from.
  const fresh = (await createFreshDatabase({ prefix: "gt_create_admin" })) as FreshDatabase;
  return {
    kind: "postgres",
    env: { DATABASE_URL: fresh.url },
    open: () => openDatabase({ databaseUrl: fresh.url, poolSize: 2 }),
    cleanup: () => fresh.drop(),
  };
}

async function pgliteTarget(): Promise<Target> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "gt-create-admin-"));
  return {
    kind: "pglite",
    env: { DATA_DIR: dataDir },
    open: () => openDatabase({ dataDir }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** Opens the target's database (never while create-admin has it open: PGlite is one process's). */
async function withDatabase<T>(target: Target, use: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = await target.open();
  try {
    await database.migrate();
    return await use(database);
  } finally {
    await database.close();
  }
}

async function counts(target: Target) {
  return withDatabase(target, async ({ db }) => {
    const [u] = await db.select({ n: count() }).from(users);
    const [e] = await db.select({ n: count() }).from(events);
    return { users: u?.n ?? 0, events: e?.n ?? 0 };
  });
}

const targets: [string, () => Promise<Target>][] = [
  ...(process.env.DATABASE_URL ? [["PostgreSQL", postgresTarget] as [string, () => Promise<Target>]] : []),
  ["embedded PGlite", pgliteTarget],
];

describe.each(targets)("create-admin on %s", (_name, makeTarget) => {
  let target: Target;
  beforeAll(async () => {
    target = await makeTarget();
  });
  afterAll(async () => {
    await target?.cleanup();
  });

  it("refuses a password shorter than 12 characters with exit 1 and one line, writing nothing", async () => {
    const run = await createAdmin(target.env, ["--email", "Boss@Council.example", "--name", "Boss"], "elevenchars\n");
    expect(run.code, run.stderr).toBe(1);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/at least 12/);
    expect(run.stderr.trim()).toBe(`${passwordProblem("elevenchars", { email: ADMIN_EMAIL, name: "Boss" })}. Nothing was created.`);
    expect(run.stdout).toBe("");
    expect(await counts(target)).toEqual({ users: 0, events: 0 });
  });

  it("refuses an empty standard input, writing nothing", async () => {
    const run = await createAdmin(target.env, ["--email", "Boss@Council.example", "--name", "Boss"], "");
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(await counts(target)).toEqual({ users: 0, events: 0 });
  });

  it("creates the admin from the first line of standard input and says so in one line", async () => {
    const run = await createAdmin(target.env, ["--email", "Boss@Council.example", "--name", "Boss"], `${PASSWORD}\nignored second line\n`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    expect(lines(run.stdout)).toHaveLength(1);
    expect(run.stdout).toContain(ADMIN_EMAIL);
  });

  it("the admin signs in to the real app; no demo account exists; the one user's creation is in the verified event log", async () => {
    await withDatabase(target, async (database) => {
      const { db } = database;
      const config = loadConfig({
        LOG_LEVEL: "silent",
        JWT_SECRET: "test-secret-test-secret-test-secret-0123456789",
        ...target.env,
      });
      // What server.ts does next on start: on PGlite SEED_DEMO defaults to true, yet a database
      // that already has a user is never seeded.
      expect(config.seedDemo).toBe(target.kind === "pglite");
      if (config.seedDemo) expect(await seedDemo(db, { hashPassword })).toBe(false);

      const app = await buildApp({ config, db });
      try {
        await app.ready();
        const http = supertest(app.server);
        const login = await http.post("/api/auth/login").send({ email: "Boss@Council.example", password: PASSWORD });
        expect(login.status, JSON.stringify(login.body)).toBe(200);
        expect(login.body.user).toMatchObject({ email: ADMIN_EMAIL, name: "Boss", role: "admin", teamId: null });
        const me = await http.get("/api/me").set("Authorization", `Bearer ${login.body.accessToken}`);
        expect(me.status).toBe(200);
        expect(me.body).toMatchObject({ email: ADMIN_EMAIL, role: "admin" });

        const wrong = await http.post("/api/auth/login").send({ email: ADMIN_EMAIL, password: `${PASSWORD}!` });
        expect(wrong.status).toBe(401);
        const demo = await http.post("/api/auth/login").send({ email: "worker@demo.test", password: DEMO_PASSWORD });
        expect(demo.status).toBe(401);
        const demoAdmin = await http.post("/api/auth/login").send({ email: "admin@demo.test", password: DEMO_PASSWORD });
        expect(demoAdmin.status).toBe(401);
      } finally {
        await app.close();
      }

      const all = await db.select().from(users);
      expect(all).toHaveLength(1);
      expect(all[0]).toMatchObject({ email: ADMIN_EMAIL, name: "Boss", role: "admin", teamId: null, active: true });
      expect(all[0]?.passwordHash).toMatch(/^\$argon2id\$/);
      const created = await db.select().from(events).where(eq(events.type, "user.created"));
      expect(created).toHaveLength(1);
      expect(created[0]).toMatchObject({
        actorId: null,
        subjectType: "user",
        subjectId: all[0]?.id,
        data: { after: { email: ADMIN_EMAIL, name: "Boss", role: "admin", teamId: null }, source: "create-admin" },
      });
      // Logged as the app logs: with the leaf hash of its canonical text, for the sequencer to seal.
      const [event] = created;
      expect(bytesToHex(event?.leafHash ?? new Uint8Array())).toBe(bytesToHex(leafHash(canonicalEvent(event as NonNullable<typeof event>))));
    });
  });

  it("refuses an email that already exists, in any case, writing nothing", async () => {
    const before = await counts(target);
    const run = await createAdmin(target.env, ["--email", "BOSS@council.example", "--name", "Someone Else"], "another long password\n");
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/already exists/);
    expect(await counts(target)).toEqual(before);
  });
});

describe("create-admin usage", () => {
  it("--help prints the usage and exits 0", async () => {
    const run = await createAdmin({}, ["--help"], "");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--email/);
    expect(run.stdout).toMatch(/--name/);
  });

  it("a missing --name or an unknown option is bad usage: exit 2 and one line", async () => {
    for (const args of [["--email", "a@b.example"], ["--email", "a@b.example", "--name", "A", "--role", "worker"]]) {
      const run = await createAdmin({ DATA_DIR: "/nonexistent/never-opened" }, args, "");
      expect(run.code).toBe(2);
      expect(lines(run.stderr)).toHaveLength(1);
    }
  });

  it("a bad configuration value is one line naming it, exit 1", async () => {
    const run = await createAdmin({ DATABASE_URL: "mysql://x" }, ["--email", "a@b.example", "--name", "A"], `${PASSWORD}\n`);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/DATABASE_URL/);
  });
});

/**
 * As README and docker-compose run it: the app's login is a member of greentape_app, with no CREATE
 * on the database or its schema, and the tables' owner migrates (MIGRATION_DATABASE_URL).
 */
describe.runIf(Boolean(process.env.DATABASE_URL))("create-admin as the restricted app role (PostgreSQL)", () => {
  let fresh: FreshDatabase;
  const role = `gt_app_${randomBytes(4).toString("hex")}`;
  let restrictedUrl: string;
  const owner = () => ({ DATABASE_URL: restrictedUrl, MIGRATION_DATABASE_URL: fresh.url });
  const userCount = () => withClient(fresh.url, async (c) => (await c.query<{ n: number }>("select count(*)::int as n from users")).rows[0]?.n);

  beforeAll(async () => {
    fresh = (await createFreshDatabase({ prefix: "gt_create_admin_role" })) as FreshDatabase;
    await admin(async (c) => {
      // Roles are the whole cluster's: another database's migrations may have made greentape_app.
      await c.query("DO $$ BEGIN CREATE ROLE greentape_app NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
      await c.query(`CREATE ROLE ${role} LOGIN IN ROLE greentape_app`);
    });
    await withClient(fresh.url, async (c) => {
      await c.query("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
      await c.query(`REVOKE CREATE ON DATABASE "${fresh.name}" FROM PUBLIC`);
    });
    const url = new URL(fresh.url);
    url.username = role;
    url.password = "";
    restrictedUrl = url.toString();
  });
  afterAll(async () => {
    await fresh?.drop();
    await admin((c) => c.query(`DROP ROLE IF EXISTS ${role}`));
  });

  it("without MIGRATION_DATABASE_URL the app role cannot migrate: one line saying so, nothing made", async () => {
    const run = await createAdmin({ DATABASE_URL: restrictedUrl }, ["--email", ADMIN_EMAIL, "--name", "Boss"], `${PASSWORD}\n`);
    expect(run.code, run.stderr).toBe(1);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/^Cannot create the admin: DATABASE_URL could not be opened: permission denied for database/);
  });

  it("refuses a password the API would refuse, in the API's words, writing nothing", async () => {
    const run = await createAdmin(owner(), ["--email", ADMIN_EMAIL, "--name", "Boss"], "password1234\n");
    expect(run.code, run.stderr).toBe(1);
    const policy = passwordProblem("password1234", { email: ADMIN_EMAIL, name: "Boss" });
    expect(policy).toMatch(/too common/);
    expect(run.stderr.trim()).toBe(`${policy}. Nothing was created.`);
    expect(await userCount()).toBe(0);
  });

  it("with MIGRATION_DATABASE_URL it migrates as the owner and creates the admin as the app role", async () => {
    const run = await createAdmin(owner(), ["--email", ADMIN_EMAIL, "--name", "Boss"], `${PASSWORD}\n`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(ADMIN_EMAIL);
    expect(await userCount()).toBe(1);
    const owners = await withClient(fresh.url, async (c) => (await c.query<{ owner: string }>("select distinct tableowner as owner from pg_tables where schemaname = 'public'")).rows.map((r) => r.owner));
    expect(owners).not.toContain(role);
    const app = await withClient(restrictedUrl, async (c) => (await c.query<{ name: string }>("select name from users where email = $1", [ADMIN_EMAIL])).rows);
    expect(app).toEqual([{ name: "Boss" }]);
  });
});
