import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendEvent } from "@greentape/db/event-log";
import { bytesToHex, hexToBytes } from "@greentape/log/bytes";
import { leafHash } from "@greentape/log/hash";
import { parseCheckpoint, parseNote, parseVerifierKey, signersOf } from "@greentape/log/note";
import { rootOf, verifyConsistency, verifyInclusion } from "@greentape/log/tree";
import { councilIds, postSpend, scalar, spendBody, type CouncilIds } from "../support/factories.ts";
import { checkpointSize, TEST_LOG_ORIGIN, TEST_LOG_VKEY, waitForAllSealed, waitForCheckpoint } from "../support/log.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

const checkpointOf = (note: string) => parseCheckpoint(parseNote(note).body);

describe("the verifiable event log", () => {
  let t: TestApp;
  let ids: CouncilIds;
  let auditor: string;
  const get = (path: string, token = auditor) => t.http.get(path).set("Authorization", `Bearer ${token}`);

  beforeAll(async () => {
    t = await startTestApp();
    ids = await councilIds(t);
    auditor = await t.tokenFor("auditor");
  });
  afterAll(() => t.close());

  it("publishes its key and a checkpoint signed with it, to anyone, as text", async () => {
    const key = await t.http.get("/api/log/key");
    expect(key.status).toBe(200);
    expect(key.headers["content-type"]).toMatch(/^text\/plain/);
    expect(key.text.trim()).toBe(TEST_LOG_VKEY);
    expect(key.text.trim()).toMatch(/^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);

    const note = await waitForAllSealed(t);
    const res = await t.http.get("/api/log/checkpoint");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(res.text).toMatch(new RegExp(`^${TEST_LOG_ORIGIN.replaceAll(".", "\\.")}\\n\\d+\\n[A-Za-z0-9+/]{43}=\\n\\n\u2014 ${TEST_LOG_ORIGIN.replaceAll(".", "\\.")} [A-Za-z0-9+/]+=*\\n$`));
    expect(checkpointSize(res.text)).toBeGreaterThanOrEqual(checkpointSize(note));
    expect(signersOf(parseNote(res.text), [parseVerifierKey(key.text)])).toHaveLength(1);
  });

  it("seals a committed event in a signed checkpoint within 2 seconds, and shows its index on the spend", async () => {
    const worker = await t.tokenFor("worker");
    const before = checkpointSize(await waitForAllSealed(t));
    const started = Date.now();
    const created = await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string }));
    expect(created.status).toBe(201);
    await waitForCheckpoint(t.url, before + 1, 2000);
    expect(Date.now() - started).toBeLessThan(2000);

    const detail = await get(`/api/spends/${created.body.id}`, worker);
    const [event] = detail.body.timeline as { id: number; logIndex: number | null }[];
    expect(event?.logIndex).toBe(before);
  });

  it("serves entries whose canonical text gives their leaf hash, and whose leaves give the signed root", async () => {
    const note = await waitForAllSealed(t);
    const { size, root } = checkpointOf(note);
    const res = await get(`/api/log/entries?start=0&end=${size + 50}`);
    expect(res.status).toBe(200);
    const entries = res.body.entries as { index: number; leafHash: string; canonical: string }[];
    expect(entries.map((e) => e.index)).toEqual(Array.from({ length: size }, (_, i) => i));
    for (const entry of entries) {
      expect(bytesToHex(leafHash(entry.canonical))).toBe(entry.leafHash);
      expect(Object.keys(JSON.parse(entry.canonical) as object).sort()).toEqual(["actorId", "data", "occurredAt", "subjectId", "subjectType", "type"]);
    }
    expect(bytesToHex(rootOf(entries.map((e) => hexToBytes(e.leafHash))))).toBe(bytesToHex(root));
    // The events logged before the tree (the test council's seed, through the old chain's writer in the template) lead it, in id order.
    const eventIds = (await get(`/api/log/entries?start=0&end=${size}`)).body.entries.map((e: { eventId: number }) => e.eventId) as number[];
    expect(new Set(eventIds).size).toBe(size);
  });

  it("proves inclusion and consistency against signed checkpoints", async () => {
    const first = checkpointOf(await waitForAllSealed(t));
    const worker = await t.tokenFor("worker");
    await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[1] as string }));
    const second = checkpointOf(await waitForCheckpoint(t.url, first.size + 1));

    const consistency = await get(`/api/log/proofs/consistency?from=${first.size}&to=${second.size}`);
    expect(consistency.status).toBe(200);
    expect(consistency.body).toMatchObject({ from: first.size, to: second.size });
    expect(verifyConsistency(first.size, second.size, first.root, second.root, (consistency.body.proof as string[]).map(hexToBytes))).toBe(true);

    for (const index of [0, Math.floor(second.size / 2), second.size - 1]) {
      const inclusion = await get(`/api/log/proofs/inclusion?index=${index}&treeSize=${second.size}`);
      expect(inclusion.status).toBe(200);
      const { leafHash: leaf, proof } = inclusion.body as { leafHash: string; proof: string[] };
      expect(verifyInclusion(index, second.size, hexToBytes(leaf), proof.map(hexToBytes), second.root)).toBe(true);
      // The same proof does not pass against the older, smaller tree's root.
      if (index < first.size) expect(verifyInclusion(index, second.size, hexToBytes(leaf), proof.map(hexToBytes), first.root)).toBe(false);
    }
  });

  it("400s an index at or past the tree size, a size past the latest checkpoint, or from past to", async () => {
    const { size } = checkpointOf(await waitForAllSealed(t));
    expectProblem(await get(`/api/log/proofs/inclusion?index=${size}&treeSize=${size}`), 400, { field: "index" });
    expectProblem(await get(`/api/log/proofs/inclusion?index=0&treeSize=${size + 1000}`), 400, { field: "treeSize" });
    expectProblem(await get(`/api/log/proofs/inclusion?index=-1&treeSize=${size}`), 400, { field: "index" });
    expectProblem(await get(`/api/log/proofs/inclusion?index=x&treeSize=${size}`), 400, { field: "index" });
    expectProblem(await get(`/api/log/proofs/consistency?from=${size}&to=1`), 400, { field: "from" });
    expectProblem(await get(`/api/log/proofs/consistency?from=1&to=${size + 1000}`), 400, { field: "to" });
    expectProblem(await get(`/api/log/entries?start=${size + 1000}&end=${size + 1001}`), 400, { field: "start" });
    expectProblem(await get("/api/log/entries?start=0&end=1001"), 400, { field: "end" });
    expectProblem(await get("/api/log/entries?start=5&end=5"), 400, { field: "end" });
  });

  it("entries, proofs and the verifier are for auditors and admins; key and checkpoint for anyone", async () => {
    for (const account of ["worker", "supervisor", "finance"] as const) {
      const token = await t.tokenFor(account);
      for (const path of ["/api/log/entries?start=0&end=1", "/api/log/proofs/inclusion?index=0&treeSize=1", "/api/log/proofs/consistency?from=1&to=1", "/api/audit/events/verify"]) {
        expectProblem(await get(path, token), 403);
      }
    }
    expect((await get("/api/log/entries?start=0&end=1", await t.tokenFor("admin"))).status).toBe(200);
    expectProblem(await t.http.get("/api/log/entries?start=0&end=1"), 401);
  });

  it("shows whoever may see a spend the proof that its event is in the log, and nobody else", async () => {
    const worker = await t.tokenFor("worker");
    const created = await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[2] as string }));
    await waitForAllSealed(t);
    const { timeline } = (await get(`/api/spends/${created.body.id}`, worker)).body as { timeline: { logIndex: number }[] };
    const logIndex = timeline[0]?.logIndex as number;
    for (const account of ["worker", "supervisor", "auditor"] as const) {
      const res = await get(`/api/spends/${created.body.id}/timeline/${logIndex}/proof`, await t.tokenFor(account));
      expect(res.status).toBe(200);
      const { checkpoint, canonical, proof, treeSize, index } = res.body as { checkpoint: string; canonical: string; proof: string[]; treeSize: number; index: number };
      const signed = checkpointOf(checkpoint);
      expect(treeSize).toBe(signed.size);
      expect(JSON.parse(canonical)).toMatchObject({ type: "spend.logged", subjectType: "spend", subjectId: created.body.id });
      expect(verifyInclusion(index, treeSize, leafHash(canonical), proof.map(hexToBytes), signed.root)).toBe(true);
    }
    // Another team's worker cannot see the spend; an entry of another subject is not this spend's.
    expectProblem(await get(`/api/spends/${created.body.id}/timeline/${logIndex}/proof`, await t.tokenFor("worker3")), 404);
    expectProblem(await get(`/api/spends/${created.body.id}/timeline/0/proof`, worker), 404);
  });

  it("the verifier rebuilds the tree and checks it against every checkpoint: all holds", async () => {
    const note = await waitForAllSealed(t);
    const res = await get("/api/audit/events/verify");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, treeSize: expect.any(Number) });
    expect(res.body.checked).toBeGreaterThanOrEqual(checkpointSize(note));
    const withSaved = await get(`/api/audit/events/verify?checkpoint=${encodeURIComponent(note)}`);
    expect(withSaved.body).toMatchObject({ ok: true });
  });

  it("writers take no lock: concurrent appends all land, each sealed exactly once", async () => {
    const before = await scalar<number>(t, sql`select count(*)::int as value from events`);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        t.database.db.transaction((tx) => appendEvent(tx, { type: "comment.added", actorId: null, subjectType: "test", subjectId: String(i), data: { i } })),
      ),
    );
    await waitForCheckpoint(t.url, before + 25);
    expect(await scalar<number>(t, sql`select count(*)::int as value from events e left join log_leaves l on l.event_id = e.id where l.log_index is null`)).toBe(0);
    expect(await scalar<number>(t, sql`select count(distinct log_index)::int as value from log_leaves`)).toBe(before + 25);
    expect((await get("/api/audit/events/verify")).body.ok).toBe(true);
  });

  it("refuses UPDATE, DELETE and TRUNCATE of the log's tables through the app's own connection", async () => {
    const refusal = (query: ReturnType<typeof sql>) =>
      t.database.db.execute(query).then(
        () => "allowed",
        (error: Error & { cause?: Error }) => (error.cause ?? error).message,
      );
    expect(await refusal(sql`update events set type = 'x' where id = (select min(id) from events)`)).toMatch(/append-only: UPDATE/);
    for (const table of ["events", "log_leaves", "log_nodes", "log_checkpoints"]) {
      const name = sql.identifier(table);
      expect(await refusal(sql`delete from ${name}`)).toMatch(/append-only: DELETE/);
      // The tree's leaves refer to events, so TRUNCATE events is refused before its trigger even runs.
      expect(await refusal(sql`truncate ${name}`)).toMatch(/append-only: TRUNCATE|referenced in a foreign key/);
    }
    expect(await refusal(sql`truncate events cascade`)).toMatch(/append-only: TRUNCATE/);
    expect(await refusal(sql`update log_nodes set hash = hash`)).toMatch(/append-only: UPDATE/);
    expect(await refusal(sql`update log_checkpoints set note = note`)).toMatch(/append-only: UPDATE/);
  });

  it("the app's database role may read and append the log, never change it or switch its guard off", async () => {
    // As the role production runs as (greentape_app), in a transaction undone whatever happens.
    const undo = new Error("undo");
    const asAppRole = (query: ReturnType<typeof sql>) =>
      t.database.db
        .transaction(async (tx) => {
          await tx.execute(sql`set local role greentape_app`);
          await tx.execute(query);
          throw undo;
        })
        .then(
          () => "unreachable",
          (error: Error & { cause?: Error }) => (error === undo ? "allowed" : (error.cause ?? error).message),
        );
    expect(await asAppRole(sql`select count(*) from events`)).toBe("allowed");
    expect(await asAppRole(sql`insert into log_checkpoints (tree_size, note, horizon) values (0, 'x', '0')`)).toBe("allowed");
    expect(await asAppRole(sql`insert into log_nodes (level, idx, hash) values (40, 0, '\\x00')`)).toBe("allowed");
    expect(await asAppRole(sql`select pg_try_advisory_lock(1)`)).toBe("allowed");
    for (const table of ["events", "closed_period_rows", "log_leaves", "log_nodes", "log_checkpoints"]) {
      const name = sql.identifier(table);
      expect(await asAppRole(sql`delete from ${name}`)).toMatch(/permission denied/);
      expect(await asAppRole(sql`truncate ${name}`)).toMatch(/permission denied/);
      expect(await asAppRole(sql`alter table ${name} disable trigger all`)).toMatch(/must be owner/);
    }
    expect(await asAppRole(sql`update events set type = 'x'`)).toMatch(/permission denied/);
    expect(await asAppRole(sql`update log_nodes set hash = hash`)).toMatch(/permission denied/);
    expect(await asAppRole(sql`update closed_period_rows set amount = 0`)).toMatch(/permission denied/);
  });
});
