import { sql } from "drizzle-orm";
import type { Response } from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilIds, postSpend, scalar, spendBody, type CouncilIds } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, type TestAccount, type TestApp } from "../support/test-app.ts";

/**
 * Invariant 3 for the work after the spend: justify, review, follow-up and comment, tried by all
 * eight test accounts on four spends: the worker's, their colleague's (worker2), another team's
 * (worker3) and the supervisor's own. A refused request writes nothing and logs nothing.
 */
const ACCOUNTS = ["worker", "worker2", "worker3", "supervisor", "supervisor2", "auditor", "finance", "admin"] as const satisfies readonly TestAccount[];
const OWNERS = ["worker", "worker2", "worker3", "supervisor"] as const;
type Owner = (typeof OWNERS)[number];
type Row = Record<Owner, number>;
const all = (status: number): Row => ({ worker: status, worker2: status, worker3: status, supervisor: status });

const EXPECTED: Record<"justify" | "review" | "followUp" | "comment" | "reviewerNote", Record<(typeof ACCOUNTS)[number], Row>> = {
  // Only its worker; a supervisor sees their team's spends but cannot write their justifications.
  justify: {
    worker: { worker: 200, worker2: 404, worker3: 404, supervisor: 404 },
    worker2: { worker: 404, worker2: 200, worker3: 404, supervisor: 404 },
    worker3: { worker: 404, worker2: 404, worker3: 200, supervisor: 404 },
    supervisor: { worker: 403, worker2: 403, worker3: 404, supervisor: 200 },
    supervisor2: { worker: 404, worker2: 404, worker3: 403, supervisor: 404 },
    auditor: all(403),
    finance: all(403),
    admin: all(403),
  },
  // A supervisor of the team, never on their own spend.
  review: {
    worker: all(403),
    worker2: all(403),
    worker3: all(403),
    supervisor: { worker: 201, worker2: 201, worker3: 404, supervisor: 403 },
    supervisor2: { worker: 404, worker2: 404, worker3: 201, supervisor: 404 },
    auditor: all(403),
    finance: all(403),
    admin: all(403),
  },
  // Its worker or a supervisor of its team (their own spend included).
  followUp: {
    worker: { worker: 200, worker2: 404, worker3: 404, supervisor: 404 },
    worker2: { worker: 404, worker2: 200, worker3: 404, supervisor: 404 },
    worker3: { worker: 404, worker2: 404, worker3: 200, supervisor: 404 },
    supervisor: { worker: 200, worker2: 200, worker3: 404, supervisor: 200 },
    supervisor2: { worker: 404, worker2: 404, worker3: 200, supervisor: 404 },
    auditor: all(403),
    finance: all(403),
    admin: all(403),
  },
  // Whoever may see the spend.
  comment: {
    worker: { worker: 201, worker2: 404, worker3: 404, supervisor: 404 },
    worker2: { worker: 404, worker2: 201, worker3: 404, supervisor: 404 },
    worker3: { worker: 404, worker2: 404, worker3: 201, supervisor: 404 },
    supervisor: { worker: 201, worker2: 201, worker3: 404, supervisor: 201 },
    supervisor2: { worker: 404, worker2: 404, worker3: 201, supervisor: 404 },
    auditor: all(201),
    finance: all(201),
    admin: all(201),
  },
  // Whoever may see the spend, and only supervisors, auditors and admins, never on their own spend.
  reviewerNote: {
    worker: { worker: 403, worker2: 404, worker3: 404, supervisor: 404 },
    worker2: { worker: 404, worker2: 403, worker3: 404, supervisor: 404 },
    worker3: { worker: 404, worker2: 404, worker3: 403, supervisor: 404 },
    supervisor: { worker: 201, worker2: 201, worker3: 404, supervisor: 403 },
    supervisor2: { worker: 404, worker2: 404, worker3: 201, supervisor: 404 },
    auditor: all(201),
    finance: all(403),
    admin: all(201),
  },
};

const JUSTIFICATION = { narrative: "A return bus fare so the client could reach the food bank on the far side of town.", intendedOutcome: "A week of food" };

describe("authorization matrix for the work after the spend", () => {
  let t: TestApp;
  let ids: CouncilIds;
  const tokens = {} as Record<TestAccount, string>;
  const as = (account: TestAccount) => ({ Authorization: `Bearer ${tokens[account]}` });

  beforeAll(async () => {
    t = await startTestApp();
    for (const account of ACCOUNTS) tokens[account] = await t.tokenFor(account);
    ids = await councilIds(t);
  });
  afterAll(() => t.close());

  /** One fresh spend per owner, in the owner's team, for one action's matrix. */
  async function spendsByOwner(options: { justified: boolean }): Promise<Record<Owner, string>> {
    const made = {} as Record<Owner, string>;
    for (const owner of OWNERS) {
      const clientId = (owner === "worker3" ? ids.clients.east[0] : ids.clients.north[1]) as string;
      const res = await postSpend(t, tokens[owner], spendBody({ schemeId: ids.schemeId, clientId, amount: 300 }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      made[owner] = res.body.id;
      if (options.justified) expect((await t.http.put(`/api/spends/${res.body.id}/justification`).set(as(owner)).send(JUSTIFICATION)).status).toBe(200);
    }
    return made;
  }

  /** Rows written anywhere the workflow writes, and events logged. */
  async function footprint() {
    return scalar<string>(
      t,
      sql`select concat_ws(',', (select count(*) from justification_revisions), (select count(*) from reviews), (select count(*) from follow_ups), (select count(*) from comments), (select count(*) from notifications), (select count(*) from events), (select string_agg(justification_status || follow_up_status, '' order by id) from spends)) as value`,
    );
  }

  async function runMatrix(action: keyof typeof EXPECTED, send: (account: TestAccount, spendId: string) => Promise<Response>, options: { justified: boolean }) {
    const spends = await spendsByOwner(options);
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const account of ACCOUNTS) {
      for (const owner of OWNERS) {
        const before = await footprint();
        const res = await send(account, spends[owner]);
        const expected = EXPECTED[action][account][owner];
        seen.push(`${account} on ${owner}'s spend: ${res.status}`);
        wanted.push(`${account} on ${owner}'s spend: ${expected}`);
        if (res.status >= 400) {
          expectProblem(res, res.status);
          expect(await footprint(), `${account} on ${owner}'s spend wrote something`).toBe(before);
        } else {
          expect(await footprint()).not.toBe(before);
        }
      }
    }
    expect(seen).toEqual(wanted);
  }

  it("justify", async () => {
    await runMatrix("justify", (account, id) => t.http.put(`/api/spends/${id}/justification`).set(as(account)).send(JUSTIFICATION), { justified: false });
  });

  it("review", async () => {
    await runMatrix("review", (account, id) => t.http.post(`/api/spends/${id}/reviews`).set(as(account)).send({ decision: "query", comment: "Which food bank?" }), { justified: true });
  });

  it("follow-up", async () => {
    const today = new Date().toISOString().slice(0, 10);
    // Each account records its own notes: an identical follow-up sent again is a replay, and changes nothing by design.
    await runMatrix(
      "followUp",
      (account, id) => t.http.put(`/api/spends/${id}/follow-up`).set(as(account)).send({ contactedOn: today, method: "visit", outcome: "helped_a_little", notes: `Visited; recorded by ${account}.` }),
      { justified: false },
    );
  });

  it("comment", async () => {
    await runMatrix("comment", (account, id) => t.http.post(`/api/spends/${id}/comments`).set(as(account)).send({ body: `From ${account}` }), { justified: false });
  });

  it("reviewer-only note", async () => {
    await runMatrix("reviewerNote", (account, id) => t.http.post(`/api/spends/${id}/comments`).set(as(account)).send({ body: `Note from ${account}`, visibility: "reviewers" }), { justified: false });
  });

  it("a worker writing a reviewer-only note is told which field is not theirs to set", async () => {
    const spends = await spendsByOwner({ justified: false });
    expectProblem(await t.http.post(`/api/spends/${spends.worker}/comments`).set(as("worker")).send({ body: "hi", visibility: "reviewers" }), 403, { field: "visibility" });
  });

  it("a supervisor who logs a spend gets 403 reviewing it, whatever the decision; the other team's supervisor gets 404", async () => {
    const spends = await spendsByOwner({ justified: true });
    for (const body of [{ decision: "endorse" }, { decision: "query", comment: "?" }, { decision: "concern", comment: "!" }]) {
      expectProblem(await t.http.post(`/api/spends/${spends.supervisor}/reviews`).set(as("supervisor")).send(body), 403, { typeEndsWith: "forbidden" });
      expectProblem(await t.http.post(`/api/spends/${spends.supervisor}/reviews`).set(as("supervisor2")).send(body), 404);
    }
    const detail = await t.http.get(`/api/spends/${spends.supervisor}`).set(as("auditor"));
    expect(detail.body).toMatchObject({ justificationStatus: "submitted", reviews: [] });
    const queue = await t.http.get("/api/worklists/review-queue").set(as("supervisor"));
    expect(queue.body.items.map((i: { spend: { id: string } }) => i.spend.id)).not.toContain(spends.supervisor);
  });

  it("a voided spend's tracks are frozen for everyone, but it can still be commented on", async () => {
    const spends = await spendsByOwner({ justified: true });
    const id = spends.worker;
    expect((await t.http.post(`/api/spends/${id}/void`).set(as("worker")).send({ reason: "Logged twice by mistake" })).status).toBe(200);
    const before = await footprint();
    expectProblem(await t.http.put(`/api/spends/${id}/justification`).set(as("worker")).send(JUSTIFICATION), 403);
    expectProblem(await t.http.post(`/api/spends/${id}/reviews`).set(as("supervisor")).send({ decision: "endorse" }), 403);
    expectProblem(await t.http.put(`/api/spends/${id}/follow-up`).set(as("supervisor")).send({ contactedOn: new Date().toISOString().slice(0, 10), method: "phone", outcome: "no_difference" }), 403);
    expect(await footprint()).toBe(before);
    expect((await t.http.post(`/api/spends/${id}/comments`).set(as("supervisor")).send({ body: "Voided: it was a duplicate" })).status).toBe(201);
  });

  it("the event chain verifies after all of it", async () => {
    const res = await t.http.get("/api/audit/events/verify").set(as("auditor"));
    expect(res.body.ok).toBe(true);
  });
});
