import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { appendEvent, canonicalEvent } from "@greentape/db/event-log";
import { events } from "@greentape/db/schema";
import { bytesToHex } from "@greentape/log/bytes";
import { leafHash } from "@greentape/log/hash";
import { checkpointBody, parseCheckpoint, parseNote, signerKeyFromSeed, signNote } from "@greentape/log/note";
import { TreeFrontier } from "@greentape/log/tree";
import { checkpointSize, TEST_LOG_ORIGIN, TEST_LOG_VKEY, waitForAllSealed } from "../support/log.ts";
import { startTestApp, type TestApp, TEST_PASSWORD } from "../support/test-app.ts";

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "../..");

/**
 * What a database superuser can do and the log must still catch: each attack runs with the
 * append-only triggers switched off (session_replication_role = replica), as only a superuser may.
 */
type SuperuserTx = Parameters<Parameters<TestApp["database"]["db"]["transaction"]>[0]>[0];

async function asSuperuser(t: TestApp, work: (tx: SuperuserTx) => Promise<void>) {
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await work(tx);
  });
}

async function rows<T>(t: TestApp, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Logs `count` events one at a time, each sealed in its own checkpoint, and answers their ids. */
async function logOneByOne(t: TestApp, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = await t.database.db.transaction((tx) => appendEvent(tx, { type: "comment.added", actorId: null, subjectType: "test", subjectId: String(i), data: { i } }));
    ids.push(id);
    await waitForAllSealed(t);
  }
  return ids;
}

/** Rebuilds every stored node from the leaves as they now read: the attacker covering their tracks. */
async function recomputeTree(tx: SuperuserTx) {
  const leaves = ((await tx.execute(sql`select log_index::text as position, event_id::text as event from log_leaves l order by l.log_index`)) as unknown as { rows: { position: string; event: string }[] }).rows;
  const all = await tx.select().from(events);
  const byId = new Map(all.map((e) => [e.id, e]));
  const frontier = TreeFrontier.empty();
  const nodes = leaves.flatMap((l) => frontier.append(leafHash(canonicalEvent(byId.get(Number(l.event)) as (typeof all)[number]))));
  await tx.execute(sql`delete from log_nodes`);
  for (const node of nodes) await tx.execute(sql`insert into log_nodes (level, idx, hash) values (${node.level}, ${node.index}, decode(${bytesToHex(node.hash)}, 'hex'))`);
  return frontier;
}

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function verifyLog(t: TestApp, savedFile: string, mode: "database" | "http"): Promise<CliResult> {
  const args = ["--import", "tsx", "apps/api/src/cli/verify-log.ts", "--checkpoint", savedFile];
  const env = { ...process.env, DATA_DIR: path.dirname(savedFile) } as Record<string, string | undefined>;
  delete env.LOG_SIGNING_KEY;
  if (mode === "http") {
    args.push("--url", t.url, "--email", "auditor@council.test");
    env.GREENTAPE_PASSWORD = TEST_PASSWORD;
    delete env.DATABASE_URL;
  } else {
    args.push("--key", TEST_LOG_VKEY);
    env.DATABASE_URL = t.config.databaseUrl;
  }
  return run(process.execPath, args, { cwd: repoRoot, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

async function saveCheckpoint(note: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "gt-saved-")), "checkpoint.txt");
  await writeFile(file, note);
  return file;
}

describe("a superuser's tampering is caught and named, by the API's verify and by npm run verify-log", () => {
  let t: TestApp;
  afterEach(() => t.close());

  it("editing one event and recomputing every hash", async () => {
    t = await startTestApp();
    const auditor = await t.tokenFor("auditor");
    const ids = await logOneByOne(t, 5);
    const saved = await saveCheckpoint(await waitForAllSealed(t));
    const target = ids[2] as number;
    const [{ log_index: targetIndex } = { log_index: "" }] = await rows<{ log_index: string }>(t, sql`select log_index::text from log_leaves where event_id = ${target}`);

    await asSuperuser(t, async (tx) => {
      await tx.execute(sql`update events set data = jsonb_set(data, '{i}', '99') where id = ${target}`);
      const [edited] = await tx.select().from(events).where(sql`id = ${target}`);
      await tx.execute(sql`update events set leaf_hash = decode(${bytesToHex(leafHash(canonicalEvent(edited as NonNullable<typeof edited>)))}, 'hex') where id = ${target}`);
      await recomputeTree(tx);
    });

    const verdict = (await t.http.get("/api/audit/events/verify").set("Authorization", `Bearer ${auditor}`)).body;
    expect(verdict).toMatchObject({ ok: false, problem: "changed", firstBadIndex: Number(targetIndex), firstBrokenId: target });
    expect(verdict.reason).toContain(`entry ${targetIndex} (event ${target}) was changed`);

    if (t.kind === "postgres") {
      for (const mode of ["database", "http"] as const) {
        const cli = await verifyLog(t, saved, mode);
        expect(cli.code, cli.stderr).toBe(1);
        expect(cli.stdout).toContain(`first bad entry: ${targetIndex}`);
        expect(cli.stdout).toMatch(new RegExp(`entry ${targetIndex} \\(event ${target}\\) was changed`));
      }
    }
  });

  it("deleting the newest 3 events, with their leaves, nodes and checkpoints", async () => {
    t = await startTestApp();
    const auditor = await t.tokenFor("auditor");
    await logOneByOne(t, 5);
    const note = await waitForAllSealed(t);
    const size = checkpointSize(note);
    const saved = await saveCheckpoint(note);
    // The sequencer must not carry on from what it remembers: stop it as a server restart would.
    await t.app.close();

    await asSuperuser(t, async (tx) => {
      await tx.execute(sql`delete from events where id in (select event_id from log_leaves where log_index >= ${size - 3})`);
      await tx.execute(sql`delete from log_leaves where log_index >= ${size - 3}`);
      await tx.execute(sql`delete from log_checkpoints where tree_size > ${size - 3}`);
      await recomputeTree(tx);
    });
    // The database now agrees with itself: only a checkpoint kept outside it can tell.
    t = await t.restart();
    const res = await t.http.get(`/api/audit/events/verify?checkpoint=${encodeURIComponent(note)}`).set("Authorization", `Bearer ${auditor}`);
    expect(res.body).toMatchObject({ ok: false, problem: "truncated", firstBadIndex: size - 3 });
    expect(res.body.reason).toContain(`the saved checkpoint holds ${size} entries, the log now has ${size - 3}`);

    if (t.kind === "postgres") {
      const cli = await verifyLog(t, saved, "database");
      expect(cli.code, cli.stderr).toBe(1);
      expect(cli.stdout).toContain("log BROKEN (truncated)");
      expect(cli.stdout).toContain(`first bad entry: ${size - 3}`);
      // Signing in over HTTP logs an event, which the log seals in the place of a deleted one: it is still short of the saved checkpoint.
      const http = await verifyLog(t, saved, "http");
      expect(http.code, http.stderr).toBe(1);
      expect(http.stdout).toContain(`log BROKEN (truncated): The log was truncated: the saved checkpoint holds ${size} entries`);
    }
  });

  it("re-signing a checkpoint with another key", async () => {
    t = await startTestApp();
    const auditor = await t.tokenFor("auditor");
    await logOneByOne(t, 3);
    const note = await waitForAllSealed(t);
    const saved = await saveCheckpoint(note);
    const { size } = parseCheckpoint(parseNote(note).body);

    // Another key under the log's own name: a forged checkpoint over a tree one entry shorter.
    const forger = signerKeyFromSeed(TEST_LOG_ORIGIN, new Uint8Array(32).fill(66));
    const [{ root } = { root: "" }] = await rows<{ root: string }>(t, sql`select note as root from log_checkpoints where tree_size = ${size - 1} order by id desc limit 1`);
    const forged = signNote(checkpointBody({ origin: TEST_LOG_ORIGIN, size: size + 1, root: parseCheckpoint(parseNote(root).body).root }), forger);
    await asSuperuser(t, async (tx) => {
      await tx.execute(sql`insert into log_checkpoints (tree_size, note, horizon) values (${size + 1}, ${forged}, '0')`);
    });

    const verdict = (await t.http.get("/api/audit/events/verify").set("Authorization", `Bearer ${auditor}`)).body;
    expect(verdict).toMatchObject({ ok: false, problem: "signature" });
    expect(verdict.reason).toMatch(/latest checkpoint is not signed by the log's key/);
    expect(verdict.reason).toContain(TEST_LOG_ORIGIN);

    if (t.kind === "postgres") {
      const cli = await verifyLog(t, saved, "database");
      expect(cli.code, cli.stderr).toBe(1);
      expect(cli.stdout).toContain("log BROKEN (signature)");
      // Over HTTP the server hands out the forged checkpoint; the key the saved one was signed with refuses it.
      const http = await verifyLog(t, saved, "http");
      expect(http.code, http.stderr).toBe(1);
      expect(http.stdout).toContain("log BROKEN (signature)");
    }
  });
});
