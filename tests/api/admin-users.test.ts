import { sql } from "drizzle-orm";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilIds, scalar, type CouncilIds } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { TEST_PASSWORD, startTestApp, type TestApp } from "../support/test-app.ts";

function refreshCookieOf(res: supertest.Response): string {
  const cookie = ([] as string[]).concat(res.headers["set-cookie"] ?? []).find((c) => c.startsWith("gt_refresh="));
  if (!cookie) throw new Error("no refresh cookie");
  return cookie.split(";")[0] as string;
}

const NEW_PASSWORD = "kettle orbit lantern moss";

describe("admin: users", () => {
  let t: TestApp;
  let ids: CouncilIds;
  let admin: string;
  let firstEventId: number;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const usersCount = () => scalar<number>(t, sql`select count(*)::int as value from users`);

  beforeAll(async () => {
    t = await startTestApp();
    ids = await councilIds(t);
    admin = await t.tokenFor("admin");
    firstEventId = await scalar<number>(t, sql`select coalesce(max(id), 0)::int as value from events`);
  });
  afterAll(() => t.close());

  it("an admin creates a worker, who signs in, changes the temporary password, works, and is refused on the very next call once deactivated", async () => {
    const created = await t.http
      .post("/api/users")
      .set(auth(admin))
      .send({ email: "  Nell.Newcomer@Demo.TEST ", name: "Nell Newcomer", role: "worker", teamId: ids.teams.north, staffId: "S1003" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      email: "nell.newcomer@demo.test",
      role: "worker",
      teamId: ids.teams.north,
      teamName: "Children's Services North",
      staffId: "S1003",
      active: true,
      mustChangePassword: true,
      temporaryPassword: expect.stringMatching(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/),
    });
    expect(created.body).not.toHaveProperty("passwordHash");
    const temporary = created.body.temporaryPassword as string;
    const listed = await t.http.get("/api/users").set(auth(admin));
    expect(listed.body.items).toContainEqual(expect.objectContaining({ id: created.body.id, teamName: "Children's Services North", active: true, role: "worker" }));

    // Signing in with the temporary password works, and says a change is due.
    const first = await t.http.post("/api/auth/login").send({ email: "nell.newcomer@demo.test", password: temporary });
    expect(first.status).toBe(200);
    expect(first.body.user.mustChangePassword).toBe(true);
    const changed = await t.http.post("/api/me/password").set(auth(first.body.accessToken)).send({ currentPassword: temporary, newPassword: NEW_PASSWORD });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.mustChangePassword).toBe(false);

    const login = await t.http.post("/api/auth/login").send({ email: "nell.newcomer@demo.test", password: NEW_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(false);
    const token = login.body.accessToken as string;
    const cookie = refreshCookieOf(login);
    expect((await t.http.get("/api/spends").set(auth(token))).status).toBe(200);

    const deactivated = await t.http.put(`/api/users/${created.body.id}`).set(auth(admin)).send({ active: false });
    expect(deactivated.status, JSON.stringify(deactivated.body)).toBe(200);
    expect(deactivated.body.active).toBe(false);

    // The access token is still within its 15 minutes, yet the very next call is refused.
    expectProblem(await t.http.get("/api/spends").set(auth(token)), 401);
    expectProblem(await t.http.get("/api/me").set(auth(token)), 401);
    expectProblem(await supertest(t.url).post("/api/auth/refresh").set("Cookie", cookie), 401);
    // With the right password they are told the account is deactivated and whom to ask; with a wrong one, nothing more.
    expectProblem(await t.http.post("/api/auth/login").send({ email: "nell.newcomer@demo.test", password: NEW_PASSWORD }), 403, { typeEndsWith: "account-deactivated" });
    expectProblem(await t.http.post("/api/auth/login").send({ email: "nell.newcomer@demo.test", password: `${NEW_PASSWORD}x` }), 401);
    expect(await scalar<number>(t, sql`select count(*)::int as value from refresh_tokens where user_id = ${created.body.id} and revoked_at is null`)).toBe(0);

    const reactivated = await t.http.put(`/api/users/${created.body.id}`).set(auth(admin)).send({ active: true });
    expect(reactivated.body.active).toBe(true);
    expect((await t.http.post("/api/auth/login").send({ email: "nell.newcomer@demo.test", password: NEW_PASSWORD })).status).toBe(200);
  });

  it("uses an admin-chosen temporary password without echoing it, and still requires a change", async () => {
    const res = await t.http
      .post("/api/users")
      .set(auth(admin))
      .send({ email: "ollie.auditor@council.test", name: "Ollie Auditor", role: "auditor", temporaryPassword: "fig tree under a copper moon" });
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty("temporaryPassword");
    expect(res.body).toMatchObject({ teamId: null, teamName: null, mustChangePassword: true });
    const login = await t.http.post("/api/auth/login").send({ email: "ollie.auditor@council.test", password: "fig tree under a copper moon" });
    expect(login.body.user.mustChangePassword).toBe(true);
  });

  describe("refuses bad input with 400/409 naming the field, and writes nothing", () => {
    const valid = () => ({ email: `p${Math.random().toString(36).slice(2, 8)}@demo.test`, name: "Pat Person", role: "worker", teamId: ids.teams.east });
    it.each([
      ["a worker without a team", { teamId: undefined }, "teamId"],
      ["a supervisor without a team", { role: "supervisor", teamId: undefined }, "teamId"],
      ["a team that does not exist", { teamId: "00000000-0000-4000-8000-000000000000" }, "teamId"],
      ["a team id that is not a UUID", { teamId: "north" }, "teamId"],
      ["an unknown role", { role: "superuser" }, "role"],
      ["an email that is not one", { email: "not-an-email" }, "email"],
      ["an empty name", { name: "   " }, "name"],
      ["a name with control characters", { name: "Pat\u0000Person" }, "name"],
      ["a short temporary password", { temporaryPassword: "short-one" }, "temporaryPassword"],
      ["a common temporary password", { temporaryPassword: "Password1234!" }, "temporaryPassword"],
      ["a temporary password naming the person", { temporaryPassword: "pat person 2026 spring" }, "temporaryPassword"],
    ])("%s", async (_name, override, field) => {
      const before = await usersCount();
      const res = await t.http.post("/api/users").set(auth(admin)).send({ ...valid(), ...override });
      expectProblem(res, 400, { field });
      expect(await usersCount()).toBe(before);
    });

    it("a duplicate email, in any case: 409 naming email", async () => {
      const before = await usersCount();
      const res = await t.http.post("/api/users").set(auth(admin)).send({ ...valid(), email: "WORKER@council.test" });
      expectProblem(res, 409, { field: "email" });
      expect(await usersCount()).toBe(before);
    });

    it.each([
      ["moving a worker out of every team", { teamId: null }, "teamId"],
      ["moving a worker to a team that does not exist", { teamId: "00000000-0000-4000-8000-000000000000" }, "teamId"],
      ["an unknown role", { role: "boss" }, "role"],
      ["a field that cannot be changed here", { email: "new@demo.test" }, "body"],
      ["active that is not a boolean", { active: "no" }, "active"],
    ])("PUT: %s", async (_name, body, field) => {
      const workerId = ids.users.worker3?.id as string;
      const res = await t.http.put(`/api/users/${workerId}`).set(auth(admin)).send(body);
      expect(res.status).toBe(400);
      expectProblem(res, 400);
      if (field !== "body") expectProblem(res, 400, { field });
      const row = await scalar<string>(t, sql`select row_to_json(u)::text as value from (select role, team_id, email, active from users where id = ${workerId}) u`);
      expect(JSON.parse(row)).toEqual({ role: "worker", team_id: ids.teams.east, email: "worker3@council.test", active: true });
    });

    it("an unknown user: 404", async () => {
      expectProblem(await t.http.put("/api/users/00000000-0000-4000-8000-000000000000").set(auth(admin)).send({ name: "Nobody" }), 404);
      expectProblem(await t.http.post("/api/users/00000000-0000-4000-8000-000000000000/reset-password").set(auth(admin)), 404);
    });
  });

  it("changes role and team, and the change takes effect on the next request", async () => {
    const worker2 = ids.users.worker2?.id as string;
    const token = await t.tokenFor("worker2");
    expectProblem(await t.http.get("/api/audit/events/verify").set(auth(token)), 403);
    const promoted = await t.http.put(`/api/users/${worker2}`).set(auth(admin)).send({ role: "supervisor", teamId: ids.teams.east, name: "Priya Shah-Jones" });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ role: "supervisor", teamId: ids.teams.east, teamName: "Adult Services East", name: "Priya Shah-Jones" });
    const me = await t.http.get("/api/me").set(auth(token));
    expect(me.body).toMatchObject({ role: "supervisor", teamId: ids.teams.east });
    const teams = await t.http.get("/api/teams").set(auth(admin));
    const east = teams.body.items.find((x: { id: string }) => x.id === ids.teams.east);
    expect(east.supervisors.map((s: { id: string }) => s.id)).toContain(worker2);
  });

  it("an admin cannot deactivate themself, nor demote the last active admin (409), and nothing changes", async () => {
    const adminId = ids.users.admin?.id as string;
    expectProblem(await t.http.put(`/api/users/${adminId}`).set(auth(admin)).send({ active: false }), 409, { field: "active", typeEndsWith: "cannot-deactivate-self" });
    expectProblem(await t.http.put(`/api/users/${adminId}`).set(auth(admin)).send({ role: "finance" }), 409, { field: "role", typeEndsWith: "last-admin" });
    expect(await scalar<string>(t, sql`select role || ':' || active as value from users where id = ${adminId}`)).toBe("admin:true");
  });

  it("a reset issues a one-time password: the old one stops working, sessions end, a change is due", async () => {
    const login = await t.http.post("/api/auth/login").send({ email: "worker3@council.test", password: TEST_PASSWORD });
    const cookie = refreshCookieOf(login);
    const reset = await t.http.post(`/api/users/${ids.users.worker3?.id}/reset-password`).set(auth(admin));
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ mustChangePassword: true, temporaryPassword: expect.any(String) });
    expectProblem(await supertest(t.url).post("/api/auth/refresh").set("Cookie", cookie), 401);
    expectProblem(await t.http.post("/api/auth/login").send({ email: "worker3@council.test", password: TEST_PASSWORD }), 401);
    const again = await t.http.post("/api/auth/login").send({ email: "worker3@council.test", password: reset.body.temporaryPassword });
    expect(again.body.user.mustChangePassword).toBe(true);
    expectProblem(await t.http.get("/api/spends").set(auth(again.body.accessToken)), 403, { typeEndsWith: "password-change-required" });
  });

  it("records every change in the event log with who and before/after, never a password or its hash; the chain verifies", async () => {
    const events = (
      (await t.database.db.execute(sql`select type, actor_id, subject_id, data from events where id > ${firstEventId} and type like 'user.%' and type <> 'user.password_changed' order by id`)) as unknown as {
        rows: { type: string; actor_id: string; subject_id: string; data: Record<string, unknown> }[];
      }
    ).rows;
    const adminId = ids.users.admin?.id;
    const types = events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["user.created", "user.updated", "user.deactivated", "user.reactivated", "user.password_reset"]));
    for (const e of events) expect(e.actor_id).toBe(adminId);
    const deactivation = events.find((e) => e.type === "user.deactivated");
    expect(deactivation?.data).toMatchObject({ before: { active: true, email: "nell.newcomer@demo.test" }, after: { active: false }, revokedSessions: 1 });
    const promotion = events.find((e) => e.type === "user.updated" && e.subject_id === ids.users.worker2?.id);
    expect(promotion?.data).toMatchObject({ before: { role: "worker", teamId: ids.teams.north }, after: { role: "supervisor", teamId: ids.teams.east } });

    const everything = await scalar<string>(t, sql`select string_agg(data::text, ' ') as value from events`);
    expect(everything).not.toMatch(/argon2|passwordHash|temporaryPassword/);
    expect(everything).not.toContain(NEW_PASSWORD);
    expect(everything).not.toContain("fig tree under a copper moon");

    const verify = await t.http.get("/api/audit/events/verify").set(auth(admin));
    expect(verify.body).toMatchObject({ ok: true });
  });
});

describe("admin: the last active admin under concurrent demotion", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("two admins demoting each other at once leave exactly one admin", async () => {
    const ids = await councilIds(t);
    const admin = await t.tokenFor("admin");
    const second = await t.http.post("/api/users").set("Authorization", `Bearer ${admin}`).send({ email: "second.admin@council.test", name: "Sol Second", role: "admin" });
    const login = await t.http.post("/api/auth/login").send({ email: "second.admin@council.test", password: second.body.temporaryPassword });
    await t.http.post("/api/me/password").set("Authorization", `Bearer ${login.body.accessToken}`).send({ currentPassword: second.body.temporaryPassword, newPassword: NEW_PASSWORD });
    const secondToken = await t.tokenFor("second.admin@council.test", NEW_PASSWORD);

    const [a, b] = await Promise.all([
      t.http.put(`/api/users/${second.body.id}`).set("Authorization", `Bearer ${admin}`).send({ role: "finance" }),
      t.http.put(`/api/users/${ids.users.admin?.id}`).set("Authorization", `Bearer ${secondToken}`).send({ role: "finance" }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    // The loser is refused by the last-admin rule (409) or, if it arrives after losing its role, by role (403).
    expect([403, 409]).toContain(statuses[1]);
    expect(await scalar<number>(t, sql`select count(*)::int as value from users where role = 'admin' and active`)).toBe(1);
  });
});
