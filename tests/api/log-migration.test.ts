import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, openDatabase, type DatabaseHandle } from "@greentape/db/client";
import { canonicalJson } from "@greentape/domain/canonical";
import { buildApp } from "../../apps/api/src/app.ts";
import { loadConfig } from "../../apps/api/src/config.ts";
import { createFreshDatabase, type FreshDatabase } from "../support/database.ts";
import { createLogService } from "../../apps/api/src/modules/log/index.ts";
import { TEST_LOG_ENV, TEST_LOG_SIGNER, waitForCheckpoint } from "../support/log.ts";

/** The migrations as they stood before the tree: up to 0006 (the app role). */
async function migrationsBeforeTheTree(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "gt-migrations-"));
  await cp(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalFile = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(await readFile(journalFile, "utf8")) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= 6);
  await writeFile(journalFile, JSON.stringify(journal));
  return dir;
}

/** What the old writer stored: a hash chain, each row's hash over its content and the previous hash. */
function chainRow(id: number, prevHash: string, i: number) {
  const row = { id, occurredAt: new Date(Date.UTC(2026, 0, 1, 9, 0, i)), actorId: null, type: "legacy.event", subjectType: "test", subjectId: `legacy-${i}`, data: { i, note: "before the tree" }, prevHash };
  const hash = createHash("sha256")
    .update(canonicalJson({ ...row, id: String(id), occurredAt: row.occurredAt.toISOString() }))
    .digest("hex");
  return { ...row, hash };
}

describe("the hash chain logged before the tree becomes its first leaves", () => {
  let handle: DatabaseHandle;
  let fresh: FreshDatabase | null = null;
  afterAll(async () => {
    await handle?.close();
    await fresh?.drop();
  });

  it("in id order, with nothing lost, and the log verifies", async () => {
    fresh = await createFreshDatabase();
    handle = await openDatabase(fresh ? { databaseUrl: fresh.url, poolSize: 4 } : { inMemory: true });
    const old = await migrationsBeforeTheTree();
    if (handle.kind === "postgres") await migratePg(handle.db as never, { migrationsFolder: old });
    else await migratePglite(handle.db as never, { migrationsFolder: old });
    await rm(old, { recursive: true });

    // Ids drawn as the old writer drew them, one chain through all of them.
    let prev = "0".repeat(64);
    const ids: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const next = (await handle.db.execute(sql`select nextval('events_id_seq')::int as id`)) as unknown as { rows: { id: number }[] };
      const row = chainRow(next.rows[0]?.id as number, prev, i);
      await handle.db.execute(
        sql`insert into events (id, occurred_at, actor_id, type, subject_type, subject_id, data, prev_hash, hash) values (${row.id}, ${row.occurredAt.toISOString()}, null, ${row.type}, ${row.subjectType}, ${row.subjectId}, ${JSON.stringify(row.data)}::jsonb, ${row.prevHash}, ${row.hash})`,
      );
      ids.push(row.id);
      prev = row.hash;
    }

    await handle.migrate();
    const config = loadConfig({ LOG_LEVEL: "silent", JWT_SECRET: "test-secret-test-secret-test-secret-0123456789", SEED_DEMO: "false", ...TEST_LOG_ENV, ...(fresh ? { DATABASE_URL: fresh.url } : {}) });
    const app = await buildApp({ config, db: handle.db });
    await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      const address = app.server.address() as { port: number };
      await waitForCheckpoint(`http://127.0.0.1:${address.port}`, ids.length);
      const leaves = (await handle.db.execute(sql`select log_index::int as position, event_id::int as event from log_leaves l order by l.log_index`)) as unknown as { rows: { position: number; event: number }[] };
      expect(leaves.rows.map((r) => r.event)).toEqual(ids);
      // The old chain's columns are kept as they were.
      const kept = (await handle.db.execute(sql`select count(*)::int as n from events where prev_hash is not null and hash is not null`)) as unknown as { rows: { n: number }[] };
      expect(kept.rows[0]?.n).toBe(ids.length);
      const log = createLogService({ db: handle.db, signer: TEST_LOG_SIGNER, previousKeys: [], spends: { findVisible: async () => Promise.reject(new Error("unused")) } });
      expect(await log.verify()).toMatchObject({ ok: true, checked: ids.length });
    } finally {
      await app.close();
    }
  });
});
