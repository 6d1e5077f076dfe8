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

describe("passwords: own change, the policy, and the temporary-password gate", () => {
  let t: TestApp;
  let ids: CouncilIds;
  let admin: string;
  const passwordHashOf = (email: string) => scalar<string>(t, sql`select password_hash as value from users where email = ${email}`);

  beforeAll(async () => {
    t = await startTestApp();
    ids = await councilIds(t);
    admin = await t.tokenFor("admin");
  });
  afterAll(() => t.close());

  describe("refuses a new password with 400 naming newPassword, and changes nothing", () => {
    it.each([
      ["too short", "eleven-char"],
      ["too long", "x".repeat(257)],
      ["common", "password1234"],
      ["common, dressed up", "P@ssw0rd2026!"],
      ["the service's name", "greentape123456"],
      ["containing the email", "worker@council.test-2026"],
      ["containing the name", "wren walker forever and ever"],
      ["a keyboard run", "qwertyuiopasdf"],
    ])("%s", async (_name, newPassword) => {
      const token = await t.tokenFor("worker");
      const before = await passwordHashOf("worker@council.test");
      const res = await t.http.post("/api/me/password").set("Authorization", `Bearer ${token}`).send({ currentPassword: TEST_PASSWORD, newPassword });
      expectProblem(res, 400, { field: "newPassword" });
      expect(await passwordHashOf("worker@council.test")).toBe(before);
    });
  });

  it("a wrong current password: 400 naming currentPassword; both problems are named together", async () => {
    const token = await t.tokenFor("worker");
    const wrong = await t.http.post("/api/me/password").set("Authorization", `Bearer ${token}`).send({ currentPassword: "not-my-password", newPassword: "a perfectly fine passphrase" });
    expectProblem(wrong, 400, { field: "currentPassword" });
    const both = await t.http.post("/api/me/password").set("Authorization", `Bearer ${token}`).send({ currentPassword: "not-my-password", newPassword: "short" });
    expectProblem(both, 400, { field: "currentPassword" });
    expectProblem(both, 400, { field: "newPassword" });
    expectProblem(await t.http.post("/api/me/password").set("Authorization", `Bearer ${token}`).send({ newPassword: "a perfectly fine passphrase" }), 400, { field: "currentPassword" });
    expect((await t.http.post("/api/auth/login").send({ email: "worker@council.test", password: TEST_PASSWORD })).status).toBe(200);
  });

  it("a good change: the new password works, the old does not, every refresh session ends, and the event holds no password", async () => {
    const login = await t.http.post("/api/auth/login").send({ email: "worker2@council.test", password: TEST_PASSWORD });
    const otherDevice = await t.http.post("/api/auth/login").send({ email: "worker2@council.test", password: TEST_PASSWORD });
    const newPassword = "Seven sleepy otters, one boat";
    const res = await t.http.post("/api/me/password").set("Authorization", `Bearer ${login.body.accessToken}`).send({ currentPassword: TEST_PASSWORD, newPassword });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ email: "worker2@council.test", mustChangePassword: false });

    expectProblem(await supertest(t.url).post("/api/auth/refresh").set("Cookie", refreshCookieOf(otherDevice)), 401);
    expectProblem(await supertest(t.url).post("/api/auth/refresh").set("Cookie", refreshCookieOf(login)), 401);
    expectProblem(await t.http.post("/api/auth/login").send({ email: "worker2@council.test", password: TEST_PASSWORD }), 401);
    const again = await t.http.post("/api/auth/login").send({ email: "worker2@council.test", password: newPassword });
    expect(again.status).toBe(200);
    const same = await t.http.post("/api/me/password").set("Authorization", `Bearer ${again.body.accessToken}`).send({ currentPassword: newPassword, newPassword });
    expectProblem(same, 400, { field: "newPassword" });
    expect(same.body.errors[0].message).toMatch(/different/);

    const event = await scalar<{ actor_id: string; data: Record<string, unknown> }>(
      t,
      sql`select row_to_json(e) as value from (select actor_id, data from events where type = 'user.password_changed' and subject_id = ${ids.users.worker2?.id}) e`,
    );
    expect(event.actor_id).toBe(ids.users.worker2?.id);
    expect(event.data).toEqual({ wasTemporary: false, revokedSessions: 2 });
    const verify = await t.http.get("/api/audit/events/verify").set("Authorization", `Bearer ${admin}`);
    expect(verify.body.ok).toBe(true);
  });

  describe("with a temporary password, only /api/me, the password change, refresh and logout answer", () => {
    let temporary: string;
    let token: string;
    let cookie: string;

    beforeAll(async () => {
      const reset = await t.http.post(`/api/users/${ids.users.supervisor?.id}/reset-password`).set("Authorization", `Bearer ${admin}`);
      temporary = reset.body.temporaryPassword;
      const login = await t.http.post("/api/auth/login").send({ email: "supervisor@council.test", password: temporary });
      expect(login.status).toBe(200);
      expect(login.body.user.mustChangePassword).toBe(true);
      token = login.body.accessToken;
      cookie = refreshCookieOf(login);
    });

    it.each([
      ["get", "/api/spends"],
      ["get", "/api/schemes"],
      ["get", "/api/clients"],
      ["get", "/api/allowance"],
      ["post", "/api/clients"],
      ["post", "/api/spends"],
    ] as const)("%s %s: 403 password-change-required", async (method, path) => {
      const res = await t.http[method](path).set("Authorization", `Bearer ${token}`).send(method === "post" ? {} : undefined);
      expectProblem(res, 403, { typeEndsWith: "password-change-required" });
    });

    it("an admin with a temporary password is gated from admin endpoints too", async () => {
      const made = await t.http.post("/api/users").set("Authorization", `Bearer ${admin}`).send({ email: "gated.admin@council.test", name: "Gia Gated", role: "admin" });
      const gated = await t.tokenFor("gated.admin@council.test", made.body.temporaryPassword);
      expectProblem(await t.http.get("/api/users").set("Authorization", `Bearer ${gated}`), 403, { typeEndsWith: "password-change-required" });
    });

    it("GET /api/me and POST /api/auth/refresh still answer", async () => {
      const me = await t.http.get("/api/me").set("Authorization", `Bearer ${token}`);
      expect(me.status).toBe(200);
      expect(me.body.mustChangePassword).toBe(true);
      const refreshed = await supertest(t.url).post("/api/auth/refresh").set("Cookie", cookie);
      expect(refreshed.status).toBe(200);
      cookie = refreshCookieOf(refreshed);
    });

    it("changing the password lifts the gate, in the session signed in with the new password", async () => {
      const newPassword = "lighthouse keeper's ginger cat";
      const res = await t.http.post("/api/me/password").set("Authorization", `Bearer ${token}`).send({ currentPassword: temporary, newPassword });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      // The change ended every session, the temporary one included.
      expectProblem(await t.http.get("/api/spends").set("Authorization", `Bearer ${token}`), 401);
      const fresh = await t.tokenFor("supervisor@council.test", newPassword);
      expect((await t.http.get("/api/spends").set("Authorization", `Bearer ${fresh}`)).status).toBe(200);
      const event = await scalar<Record<string, unknown>>(t, sql`select data as value from events where type = 'user.password_changed' and subject_id = ${ids.users.supervisor?.id}`);
      expect(event).toMatchObject({ wasTemporary: true });
    });

    it("logout answers while gated", async () => {
      const reset = await t.http.post(`/api/users/${ids.users.supervisor2?.id}/reset-password`).set("Authorization", `Bearer ${admin}`);
      const login = await t.http.post("/api/auth/login").send({ email: "supervisor2@council.test", password: reset.body.temporaryPassword });
      const out = await supertest(t.url).post("/api/auth/logout").set("Cookie", refreshCookieOf(login)).set("Authorization", `Bearer ${login.body.accessToken}`);
      expect(out.status).toBe(204);
    });
  });
});

describe("password changes are rate limited per account", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_LIMIT_PER_ACCOUNT: "3" } });
  });
  afterAll(() => t.close());

  it("after the limit even the right current password gets 429, and another account is unaffected", async () => {
    const worker = await t.tokenFor("worker");
    const change = (token: string, currentPassword: string) =>
      t.http.post("/api/me/password").set("Authorization", `Bearer ${token}`).send({ currentPassword, newPassword: "a perfectly fine passphrase" });
    for (let i = 0; i < 3; i++) expectProblem(await change(worker, `guess-${i}`), 400, { field: "currentPassword" });
    expectProblem(await change(worker, TEST_PASSWORD), 429, { typeEndsWith: "rate-limited" });
    expect((await t.http.post("/api/auth/login").send({ email: "worker@council.test", password: TEST_PASSWORD })).status).toBe(200);
    expect((await change(await t.tokenFor("worker2"), TEST_PASSWORD)).status).toBe(200);
  });
});
