import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilIds, postSpend, scalar, spendBody } from "../support/factories.ts";
import { startTestApp, type TestAccount, type TestApp } from "../support/test-app.ts";
import { waitForAllSealed } from "../support/log.ts";
import { rows } from "./audit-support.ts";

/**
 * A reviewer-only note is absent from every answer the worker gets: the spend's page (comments and
 * timeline), the spend list, the to-do list and notifications. Reviewers see it; finance does not.
 */
describe("reviewer-only notes", () => {
  let t: TestApp;
  let spendId: string;
  const tokens = {} as Record<TestAccount, string>;
  const as = (account: TestAccount) => ({ Authorization: `Bearer ${tokens[account]}` });
  const notes: { id: string; body: string }[] = [];
  let visibleId: string;

  beforeAll(async () => {
    t = await startTestApp();
    for (const account of ["worker", "supervisor", "auditor", "finance", "admin"] as TestAccount[]) tokens[account] = await t.tokenFor(account);
    const ids = await councilIds(t);
    const res = await postSpend(t, tokens.worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string, amount: 2_000 }));
    spendId = res.body.id;
    await t.http.put(`/api/spends/${spendId}/justification`).set(as("worker")).send({ narrative: "Winter coat from the charity shop; the client was walking to work in a thin jacket.", intendedOutcome: "Keeps the job" });
    for (const author of ["supervisor", "auditor", "admin"] as TestAccount[]) {
      const body = `NOTE-${author}-compare with the pattern last month`;
      const note = await t.http.post(`/api/spends/${spendId}/comments`).set(as(author)).send({ body, visibility: "reviewers" });
      expect(note.status).toBe(201);
      expect(note.body).toMatchObject({ visibility: "reviewers", body });
      notes.push({ id: note.body.id, body });
    }
    const visible = await t.http.post(`/api/spends/${spendId}/comments`).set(as("supervisor")).send({ body: "Thanks, good call." });
    expect(visible.status).toBe(201);
    expect(visible.body.visibility).toBe("worker");
    visibleId = visible.body.id;
  });
  afterAll(() => t.close());

  function expectNoNotes(answer: unknown) {
    const text = JSON.stringify(answer);
    for (const note of notes) {
      expect(text).not.toContain(note.id);
      expect(text).not.toContain(note.body);
    }
    expect(text).not.toContain('"reviewers"');
  }

  it("the worker's spend page shows the visible comment and neither the notes nor their events", async () => {
    const res = await t.http.get(`/api/spends/${spendId}`).set(as("worker"));
    expect(res.status).toBe(200);
    expect(res.body.comments.map((c: { id: string }) => c.id)).toEqual([visibleId]);
    const commentEvents = res.body.timeline.filter((e: { type: string }) => e.type === "comment.added");
    expect(commentEvents.map((e: { data: { commentId: string } }) => e.data.commentId)).toEqual([visibleId]);
    expectNoNotes(res.body);
  });

  it("nor do the worker's list, to-do list or notifications; the visible comment did reach them", async () => {
    for (const path of ["/api/spends", `/api/spends?clientId=${(await councilIds(t)).clients.north[0]}`, "/api/worklists/todo", "/api/notifications"]) {
      const res = await t.http.get(path).set(as("worker"));
      expect(res.status, path).toBe(200);
      expectNoNotes(res.body);
    }
    const inbox = await t.http.get("/api/notifications").set(as("worker"));
    expect(inbox.body.items.filter((n: { spendId: string }) => n.spendId === spendId).map((n: { kind: string }) => n.kind)).toEqual(["comment.added"]);
  });

  it("finance, who may see the spend, does not see the notes either", async () => {
    const res = await t.http.get(`/api/spends/${spendId}`).set(as("finance"));
    expect(res.status).toBe(200);
    expectNoNotes(res.body);
  });

  it.each(["supervisor", "auditor", "admin"] as TestAccount[])("%s sees every note and its event", async (account) => {
    const res = await t.http.get(`/api/spends/${spendId}`).set(as(account));
    expect(res.body.comments.map((c: { id: string }) => c.id)).toEqual([...notes.map((n) => n.id), visibleId]);
    const noteEvents = res.body.timeline.filter((e: { data: { visibility?: string } }) => e.data.visibility === "reviewers");
    expect(noteEvents.map((e: { data: { commentId: string } }) => e.data.commentId)).toEqual(notes.map((n) => n.id));
  });

  it("the log marks each note reviewer-only and never holds its words", async () => {
    const logged = await scalar<string>(t, sql`select string_agg(data::text, ' ') as value from events where subject_id = ${spendId} and type = 'comment.added'`);
    for (const note of notes) {
      expect(logged).toContain(note.id);
      expect(logged).not.toContain(note.body);
    }
    const marked = await scalar<number>(t, sql`select count(*)::int as value from events where subject_id = ${spendId} and type = 'comment.added' and data->>'visibility' = 'reviewers'`);
    expect(marked).toBe(notes.length);
  });

  it("no notification was ever raised for a note", async () => {
    const noticed = await scalar<number>(t, sql`select count(*)::int as value from notifications where spend_id = ${spendId} and kind = 'comment.added'`);
    expect(noticed).toBe(1);
  });
});

/**
 * The spend's own worker never sees its reviewer-only notes, whatever their role: here a
 * supervisor's own spend, with a note from the auditor. A reader is a reviewer of someone else's
 * spend, never of their own.
 */
describe("reviewer-only notes on a supervisor's own spend", () => {
  let t: TestApp;
  let spendId: string;
  let supervisor: string;
  let auditor: string;
  const body = "AUDITOR-NOTE check this against last month's card statement";
  let noteId: string;

  beforeAll(async () => {
    t = await startTestApp();
    supervisor = await t.tokenFor("supervisor");
    auditor = await t.tokenFor("auditor");
    const ids = await councilIds(t);
    const res = await postSpend(t, supervisor, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string, amount: 1_500 }));
    expect(res.status).toBe(201);
    spendId = res.body.id;
    const note = await t.http.post(`/api/spends/${spendId}/comments`).set("Authorization", `Bearer ${auditor}`).send({ body, visibility: "reviewers" });
    expect(note.status).toBe(201);
    noteId = note.body.id;
    await waitForAllSealed(t);
  });
  afterAll(() => t.close());

  const asSupervisor = (path: string) => t.http.get(path).set("Authorization", `Bearer ${supervisor}`);
  function expectNoNote(text: string) {
    expect(text).not.toContain(noteId);
    expect(text).not.toContain(body);
    expect(text).not.toContain('"reviewers"');
  }

  it("the auditor sees the note and its event; the test has something to hide", async () => {
    const res = await t.http.get(`/api/spends/${spendId}`).set("Authorization", `Bearer ${auditor}`);
    expect(res.body.comments.map((c: { id: string }) => c.id)).toEqual([noteId]);
    expect(JSON.stringify(res.body.timeline)).toContain(noteId);
  });

  it("the supervisor's GET /api/spends/:id has neither the note nor its event", async () => {
    const res = await asSupervisor(`/api/spends/${spendId}`);
    expect(res.status).toBe(200);
    expect(res.body.comments).toEqual([]);
    expectNoNote(JSON.stringify(res.body));
  });

  it("nor do the supervisor's lists, to-do list, review queue, team summary or notifications", async () => {
    for (const path of ["/api/spends", "/api/worklists/todo", "/api/worklists/review-queue", "/api/worklists/team-summary", "/api/notifications", "/api/track-record"]) {
      const res = await asSupervisor(path);
      expect(res.status, path).toBe(200);
      expectNoNote(JSON.stringify(res.body));
    }
    const noticed = await scalar<number>(t, sql`select count(*)::int as value from notifications where spend_id = ${spendId}`);
    expect(noticed).toBe(0);
  });

  it("nor the note's log entry, nor any export", async () => {
    const timeline = (await t.http.get(`/api/spends/${spendId}`).set("Authorization", `Bearer ${auditor}`)).body.timeline as { type: string; logIndex: number | null }[];
    const noteIndex = timeline.find((e) => e.type === "comment.added")?.logIndex;
    expect(noteIndex).toEqual(expect.any(Number));
    expect((await t.http.get(`/api/spends/${spendId}/timeline/${noteIndex}/proof`).set("Authorization", `Bearer ${auditor}`)).status).toBe(200);
    const proof = await asSupervisor(`/api/spends/${spendId}/timeline/${noteIndex}/proof`);
    expect(proof.status).toBe(404);
    expectNoNote(proof.text);
    const period = (await asSupervisor(`/api/spends/${spendId}`)).body.period as string;
    for (const path of [`/api/exports/${period}`, `/api/exports/${period}?format=json`, `/api/exports/${period}/transparency.csv`, "/api/log/entries?start=0&end=100"]) {
      const res = await asSupervisor(path);
      expect(res.status, path).toBe(403);
      expectNoNote(res.text);
    }
  });

  it("a supervisor cannot write a reviewer-only note on their own spend either (they could not read it)", async () => {
    const res = await t.http.post(`/api/spends/${spendId}/comments`).set("Authorization", `Bearer ${supervisor}`).send({ body: "note to self", visibility: "reviewers" });
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).toContain("visibility");
  });
});

/**
 * The auditor's hands on a case: a comment to the worker reaches the worker (on the spend's page
 * and as a notification), a reviewer-only note reaches nobody but reviewers. Both are in the log
 * under the auditor's name, marked with who may read them, without their words.
 */
describe("an auditor's comments on a case", () => {
  let t: TestApp;
  let spendId: string;
  let worker: string;
  let auditor: string;
  let auditorId: string;
  const toWorker = "AUDIT-TO-WORKER Please add the receipt for the bus pass.";
  const reviewersOnly = "AUDIT-REVIEWERS Same payee as last month's flagged spend.";
  let toWorkerId: string;
  let noteId: string;

  beforeAll(async () => {
    t = await startTestApp();
    [worker, auditor] = await Promise.all([t.tokenFor("worker"), t.tokenFor("auditor")]);
    const ids = await councilIds(t);
    const res = await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string, amount: 3_000 }));
    spendId = res.body.id;
    const note = await t.http.post(`/api/spends/${spendId}/comments`).set("Authorization", `Bearer ${auditor}`).send({ body: reviewersOnly, visibility: "reviewers" });
    const comment = await t.http.post(`/api/spends/${spendId}/comments`).set("Authorization", `Bearer ${auditor}`).send({ body: toWorker, visibility: "worker" });
    expect([note.status, comment.status]).toEqual([201, 201]);
    noteId = note.body.id;
    toWorkerId = comment.body.id;
    auditorId = comment.body.author.id;
    await waitForAllSealed(t);
  });
  afterAll(() => t.close());

  const asWorker = (path: string) => t.http.get(path).set("Authorization", `Bearer ${worker}`);

  it("the worker reads the comment to them on the spend's page and is told of it; the note is nowhere", async () => {
    const page = await asWorker(`/api/spends/${spendId}`);
    expect(page.body.comments).toEqual([expect.objectContaining({ id: toWorkerId, body: toWorker, visibility: "worker", author: { id: auditorId, name: expect.any(String) } })]);
    const inbox = await asWorker("/api/notifications");
    expect(inbox.body.items.filter((n: { spendId: string }) => n.spendId === spendId).map((n: { kind: string }) => n.kind)).toEqual(["comment.added"]);
    const noteIndex = ((await t.http.get(`/api/spends/${spendId}`).set("Authorization", `Bearer ${auditor}`)).body.timeline as { data: { commentId?: string }; logIndex: number }[]).find(
      (e) => e.data.commentId === noteId,
    )?.logIndex;
    expect(noteIndex).toEqual(expect.any(Number));
    expect((await asWorker(`/api/spends/${spendId}/timeline/${noteIndex}/proof`)).status).toBe(404);
    for (const path of [`/api/spends/${spendId}`, "/api/spends", "/api/worklists/todo", "/api/notifications", "/api/track-record"]) {
      const res = await asWorker(path);
      expect(res.status, path).toBe(200);
      expect(res.text, path).not.toContain(noteId);
      expect(res.text, path).not.toContain(reviewersOnly);
      expect(res.text, path).not.toContain('"reviewers"');
    }
  });

  it("the auditor's case shows both; the log has both under the auditor's name, marked, without their words", async () => {
    const page = await t.http.get(`/api/spends/${spendId}`).set("Authorization", `Bearer ${auditor}`);
    expect(page.body.comments.map((c: { id: string; visibility: string }) => [c.id, c.visibility])).toEqual([
      [noteId, "reviewers"],
      [toWorkerId, "worker"],
    ]);
    const logged = await rows<{ actor: string; comment: string; visibility: string; data: string }>(t, sql`select actor_id::text as actor, data->>'commentId' as comment, data->>'visibility' as visibility, data::text as data from events where subject_id = ${spendId} and type = 'comment.added' order by id`);
    expect(logged.map((e) => [e.actor, e.comment, e.visibility])).toEqual([
      [auditorId, noteId, "reviewers"],
      [auditorId, toWorkerId, "worker"],
    ]);
    expect(logged.map((e) => e.data).join(" ")).not.toMatch(/AUDIT-/);
    const noticed = await scalar<number>(t, sql`select count(*)::int as value from notifications where spend_id = ${spendId}`);
    expect(noticed).toBe(1);
  });
});
