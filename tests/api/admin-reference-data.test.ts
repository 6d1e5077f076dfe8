import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilIds, scalar, type CouncilIds } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

interface EventRow {
  type: string;
  actor_id: string;
  subject_id: string;
  data: Record<string, unknown>;
}

describe("admin: teams, ledger codes and moving clients", () => {
  let t: TestApp;
  let ids: CouncilIds;
  let admin: string;
  const auth = () => ({ Authorization: `Bearer ${admin}` });
  const lastEvent = async (type: string) =>
    scalar<EventRow>(t, sql`select row_to_json(e) as value from (select type, actor_id, subject_id, data from events where type = ${type} order by id desc limit 1) e`);
  const eventCount = () => scalar<number>(t, sql`select count(*)::int as value from events`);

  beforeAll(async () => {
    t = await startTestApp();
    ids = await councilIds(t);
    admin = await t.tokenFor("admin");
  });
  afterAll(() => t.close());

  describe("teams", () => {
    it("lists teams with their supervisors; auditors and finance can read them", async () => {
      for (const account of ["admin", "auditor", "finance"] as const) {
        const res = await t.http.get("/api/teams").set("Authorization", `Bearer ${await t.tokenFor(account)}`);
        expect(res.status).toBe(200);
        const north = res.body.items.find((x: { id: string }) => x.id === ids.teams.north);
        expect(north).toMatchObject({ name: "Children's Services North", costCentre: "CC-4100", serviceArea: "Children's Social Care" });
        expect(north.supervisors).toEqual([{ id: ids.users.supervisor?.id, name: "Sam Reid", email: "supervisor@council.test" }]);
      }
    });

    it("creates and changes a team, recording before and after", async () => {
      const created = await t.http.post("/api/teams").set(auth()).send({ name: "  Leaving Care West ", costCentre: "CC-6300", serviceArea: "Children's Social Care" });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({ name: "Leaving Care West", costCentre: "CC-6300", supervisors: [] });
      expect(await lastEvent("team.created")).toMatchObject({ actor_id: ids.users.admin?.id, subject_id: created.body.id, data: { after: { name: "Leaving Care West", costCentre: "CC-6300" } } });

      const changed = await t.http.put(`/api/teams/${created.body.id}`).set(auth()).send({ name: "Leaving Care West", costCentre: "CC-6301", serviceArea: "Care Leavers" });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ costCentre: "CC-6301", serviceArea: "Care Leavers" });
      expect((await lastEvent("team.updated")).data).toEqual({
        before: { name: "Leaving Care West", costCentre: "CC-6300", serviceArea: "Children's Social Care" },
        after: { name: "Leaving Care West", costCentre: "CC-6301", serviceArea: "Care Leavers" },
      });

      // A supervisor given this team appears in its answer.
      const sup = await t.http.post("/api/users").set(auth()).send({ email: "west.lead@demo.test", name: "Wes Lead", role: "supervisor", teamId: created.body.id });
      expect(sup.status).toBe(201);
      const listed = await t.http.get("/api/teams").set(auth());
      expect(listed.body.items.find((x: { id: string }) => x.id === created.body.id).supervisors).toEqual([{ id: sup.body.id, name: "Wes Lead", email: "west.lead@demo.test" }]);
    });

    it.each([
      ["a missing cost centre", { name: "Team X", serviceArea: "S" }, "costCentre"],
      ["an empty name", { name: " ", costCentre: "CC-1", serviceArea: "S" }, "name"],
      ["a name too long", { name: "x".repeat(121), costCentre: "CC-1", serviceArea: "S" }, "name"],
      ["control characters", { name: "Team\u0007X", costCentre: "CC-1", serviceArea: "S" }, "name"],
    ])("refuses %s with 400 naming the field", async (_name, body, field) => {
      const before = await scalar<number>(t, sql`select count(*)::int as value from teams`);
      expectProblem(await t.http.post("/api/teams").set(auth()).send(body), 400, { field });
      expect(await scalar<number>(t, sql`select count(*)::int as value from teams`)).toBe(before);
    });

    it("refuses a name another team has (409 naming name), on create and on rename", async () => {
      const body = { name: "Adult Services East", costCentre: "CC-1", serviceArea: "S" };
      expectProblem(await t.http.post("/api/teams").set(auth()).send(body), 409, { field: "name" });
      expectProblem(await t.http.put(`/api/teams/${ids.teams.north}`).set(auth()).send(body), 409, { field: "name" });
      expect(await scalar<string>(t, sql`select name as value from teams where id = ${ids.teams.north}`)).toBe("Children's Services North");
    });

    it("an unknown team: 404", async () => {
      expectProblem(await t.http.put("/api/teams/00000000-0000-4000-8000-000000000000").set(auth()).send({ name: "N", costCentre: "C", serviceArea: "S" }), 404);
    });
  });

  describe("ledger codes", () => {
    it("lists, sets (adding or replacing) and removes, with before and after in the log", async () => {
      const finance = await t.tokenFor("finance");
      const list = await t.http.get("/api/ledger-codes").set("Authorization", `Bearer ${finance}`);
      expect(list.body.items).toContainEqual(expect.objectContaining({ category: "Travel", glCode: "4410" }));

      const replaced = await t.http.put("/api/ledger-codes/Travel").set(auth()).send({ glCode: "4411" });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ category: "Travel", glCode: "4411" });
      expect(await lastEvent("ledger_code.set")).toMatchObject({ actor_id: ids.users.admin?.id, subject_id: "Travel", data: { before: { glCode: "4410", accountName: "Client travel", merchantCategory: "Transportation services" }, after: { glCode: "4411", accountName: null, merchantCategory: null } } });

      const added = await t.http.put(`/api/ledger-codes/${encodeURIComponent("School uniform")}`).set(auth()).send({ glCode: "4470", accountName: "School uniform grants", merchantCategory: "Clothing stores" });
      expect(added.body).toMatchObject({ category: "School uniform", glCode: "4470", accountName: "School uniform grants", merchantCategory: "Clothing stores" });
      const mapping = { glCode: "4470", accountName: "School uniform grants", merchantCategory: "Clothing stores" };
      expect((await lastEvent("ledger_code.set")).data).toEqual({ before: null, after: mapping });

      const removed = await t.http.delete(`/api/ledger-codes/${encodeURIComponent("School uniform")}`).set(auth());
      expect(removed.status).toBe(204);
      expect((await lastEvent("ledger_code.removed")).data).toEqual({ before: mapping, after: null });
      const after = await t.http.get("/api/ledger-codes").set(auth());
      expect(after.body.items.map((x: { category: string }) => x.category)).not.toContain("School uniform");
    });

    it("refuses a bad ledger code (400 naming glCode) and removing an unknown category (404), writing nothing", async () => {
      const before = await eventCount();
      expectProblem(await t.http.put("/api/ledger-codes/Travel").set(auth()).send({ glCode: "=SUM(A1)" }), 400, { field: "glCode" });
      expectProblem(await t.http.put("/api/ledger-codes/Travel").set(auth()).send({}), 400, { field: "glCode" });
      expectProblem(await t.http.put("/api/ledger-codes/Travel").set(auth()).send({ glCode: "1".repeat(41) }), 400, { field: "glCode" });
      expectProblem(await t.http.put("/api/ledger-codes/Travel").set(auth()).send({ glCode: "4410", accountName: "x".repeat(81) }), 400, { field: "accountName" });
      expectProblem(await t.http.put("/api/ledger-codes/Travel").set(auth()).send({ glCode: "4410", merchantCategory: "Two\nlines" }), 400, { field: "merchantCategory" });
      expectProblem(await t.http.delete("/api/ledger-codes/Nothing%20here").set(auth()), 404);
      expect(await eventCount()).toBe(before);
      expect(await scalar<string>(t, sql`select gl_code as value from ledger_codes where category = 'Travel'`)).toBe("4411");
    });
  });

  describe("moving a client", () => {
    it("to a team that does not exist: 400 naming teamId, and nothing changes (not a 500)", async () => {
      const clientId = ids.clients.north[0] as string;
      const before = await eventCount();
      expectProblem(await t.http.put(`/api/clients/${clientId}/team`).set(auth()).send({ teamId: "00000000-0000-4000-8000-000000000000" }), 400, { field: "teamId" });
      expect(await scalar<string>(t, sql`select team_id as value from clients where id = ${clientId}`)).toBe(ids.teams.north);
      expect(await eventCount()).toBe(before);
    });

    it("an admin adding a client to a team that does not exist: 400 naming teamId", async () => {
      expectProblem(await t.http.post("/api/clients").set(auth()).send({ reference: "C-NOWHERE", teamId: "00000000-0000-4000-8000-000000000000" }), 400, { field: "teamId" });
      expect(await scalar<number>(t, sql`select count(*)::int as value from clients where reference = 'C-NOWHERE'`)).toBe(0);
    });

    it("to another team: the client now belongs to it, recorded with before and after", async () => {
      const clientId = ids.clients.north[1] as string;
      const res = await t.http.put(`/api/clients/${clientId}/team`).set(auth()).send({ teamId: ids.teams.east });
      expect(res.status).toBe(200);
      expect(res.body.teamId).toBe(ids.teams.east);
      expect(await lastEvent("client.moved")).toMatchObject({ subject_id: clientId, data: { before: { teamId: ids.teams.north }, after: { teamId: ids.teams.east } } });
      const eastWorker = await t.tokenFor("worker3");
      const visible = await t.http.get("/api/clients").set("Authorization", `Bearer ${eastWorker}`);
      expect(visible.body.items.map((c: { id: string }) => c.id)).toContain(clientId);
    });
  });

  it("the event chain still verifies after all these changes", async () => {
    const res = await t.http.get("/api/audit/events/verify").set(auth());
    expect(res.body).toMatchObject({ ok: true });
  });
});
