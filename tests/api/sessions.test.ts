import { sql } from "drizzle-orm";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ACCOUNTS, TEST_PASSWORD, TestClock, startTestApp, type TestAccount, type TestApp } from "../support/test-app.ts";
import { expectProblem } from "../support/problem.ts";
import { scalar } from "../support/factories.ts";

interface Session {
  accessToken: string;
  cookie: string;
}

function refreshCookieOf(res: supertest.Response): string {
  const cookies = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
  const cookie = cookies.find((c) => c.startsWith("gt_refresh="));
  if (!cookie) throw new Error(`no refresh cookie in ${JSON.stringify(cookies)}`);
  return cookie.split(";")[0] as string;
}

async function signIn(t: TestApp, account: TestAccount, password = TEST_PASSWORD): Promise<Session> {
  const res = await supertest(t.url).post("/api/auth/login").send({ email: TEST_ACCOUNTS[account], password });
  expect(res.status).toBe(200);
  return { accessToken: res.body.accessToken, cookie: refreshCookieOf(res) };
}

const refresh = (t: TestApp, cookie: string) => supertest(t.url).post("/api/auth/refresh").set("Cookie", cookie);
const me = (t: TestApp, accessToken: string) => supertest(t.url).get("/api/me").set("Authorization", `Bearer ${accessToken}`);
const GRACE_SECONDS = 30;

/** Each access token names its session; the session is checked on every request. */
describe("an ended session refuses its access tokens at once", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("the access token names its session", async () => {
    const session = await signIn(t, "worker");
    const claims = JSON.parse(Buffer.from(session.accessToken.split(".")[1] as string, "base64url").toString()) as { sid?: string };
    const family = await scalar<string>(t, sql`select family_id::text as value from refresh_tokens where user_id = (select id from users where email = ${TEST_ACCOUNTS.worker}) order by created_at desc limit 1`);
    expect(claims.sid).toBe(family);
  });

  it("after logout the old access token is 401; another session of the same person goes on", async () => {
    const phone = await signIn(t, "worker");
    const laptop = await signIn(t, "worker");
    expect((await me(t, phone.accessToken)).status).toBe(200);
    const out = await supertest(t.url).post("/api/auth/logout").set("Cookie", phone.cookie);
    expect(out.status).toBe(204);
    expectProblem(await me(t, phone.accessToken), 401);
    expect((await me(t, laptop.accessToken)).status).toBe(200);
  });

  it("a logout that brings only the access token ends that session too", async () => {
    const session = await signIn(t, "worker2");
    const out = await supertest(t.url).post("/api/auth/logout").set("Authorization", `Bearer ${session.accessToken}`);
    expect(out.status).toBe(204);
    expectProblem(await me(t, session.accessToken), 401);
    expectProblem(await refresh(t, session.cookie), 401);
  });

  it("a refreshed access token names the same session, and dies with it", async () => {
    const session = await signIn(t, "worker3");
    const next = await refresh(t, session.cookie);
    expect(next.status).toBe(200);
    expect((await me(t, next.body.accessToken)).status).toBe(200);
    await supertest(t.url).post("/api/auth/logout").set("Cookie", refreshCookieOf(next));
    expectProblem(await me(t, session.accessToken), 401);
    expectProblem(await me(t, next.body.accessToken), 401);
  });

  it("deactivation refuses the person's access tokens at once", async () => {
    const admin = await signIn(t, "admin");
    const target = await signIn(t, "supervisor2");
    const id = (await me(t, target.accessToken)).body.id as string;
    const off = await supertest(t.url).put(`/api/users/${id}`).set("Authorization", `Bearer ${admin.accessToken}`).send({ active: false });
    expect(off.status).toBe(200);
    expectProblem(await me(t, target.accessToken), 401);
    // Reactivated, the old session stays over: sign in again.
    const on = await supertest(t.url).put(`/api/users/${id}`).set("Authorization", `Bearer ${admin.accessToken}`).send({ active: true });
    expect(on.status).toBe(200);
    expectProblem(await me(t, target.accessToken), 401);
    expect((await me(t, (await signIn(t, "supervisor2")).accessToken)).status).toBe(200);
  });

  it("a password change refuses every older access token of that person", async () => {
    const phone = await signIn(t, "finance");
    const laptop = await signIn(t, "finance");
    const newPassword = "a much longer new passphrase 42";
    const changed = await supertest(t.url)
      .post("/api/me/password")
      .set("Authorization", `Bearer ${phone.accessToken}`)
      .send({ currentPassword: TEST_PASSWORD, newPassword });
    expect(changed.status).toBe(200);
    expectProblem(await me(t, phone.accessToken), 401);
    expectProblem(await me(t, laptop.accessToken), 401);
    expect((await me(t, (await signIn(t, "finance", newPassword)).accessToken)).status).toBe(200);
  });
});

describe("a refresh cookie shown twice", () => {
  const clock = new TestClock(new Date("2026-06-01T09:00:00Z"));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock, env: { REFRESH_GRACE_SECONDS: String(GRACE_SECONDS) } });
  });
  afterAll(() => t.close());

  it("at once: two 200s with the same successor, and the session goes on", async () => {
    const session = await signIn(t, "worker");
    const [a, b] = await Promise.all([refresh(t, session.cookie), refresh(t, session.cookie)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(refreshCookieOf(a)).toBe(refreshCookieOf(b));
    expect(refreshCookieOf(a)).not.toBe(session.cookie);
    // Both replies are good: each access token works, and the successor refreshes on.
    expect((await me(t, a.body.accessToken)).status).toBe(200);
    expect((await me(t, b.body.accessToken)).status).toBe(200);
    const onwards = await refresh(t, refreshCookieOf(a));
    expect(onwards.status).toBe(200);
    expect((await me(t, onwards.body.accessToken)).status).toBe(200);
    expect(await scalar<number>(t, sql`select count(*)::int as value from events where type = 'auth.refresh_reused'`)).toBe(0);
  });

  it("ten at once, all 200 with one successor", async () => {
    const session = await signIn(t, "worker2");
    const answers = await Promise.all(Array.from({ length: 10 }, () => refresh(t, session.cookie)));
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map(refreshCookieOf)).size).toBe(1);
  });

  it("a reply lost, then shown again within the window: the same successor, even after that one moved on", async () => {
    const session = await signIn(t, "worker3");
    const lost = await refresh(t, session.cookie);
    clock.advance((GRACE_SECONDS - 5) * 1000);
    const retry = await refresh(t, session.cookie);
    expect(retry.status).toBe(200);
    expect(refreshCookieOf(retry)).toBe(refreshCookieOf(lost));
    // Another tab had already rotated the successor: the old cookie follows it to the newest.
    const newest = await refresh(t, refreshCookieOf(retry));
    const late = await refresh(t, session.cookie);
    expect(late.status).toBe(200);
    expect(refreshCookieOf(late)).toBe(refreshCookieOf(newest));
  });

  it("after the window: 401, and the family ends (successor and access tokens refused)", async () => {
    const session = await signIn(t, "supervisor");
    const first = await refresh(t, session.cookie);
    expect(first.status).toBe(200);
    clock.advance((GRACE_SECONDS + 1) * 1000);
    expectProblem(await refresh(t, session.cookie), 401);
    expectProblem(await refresh(t, refreshCookieOf(first)), 401);
    expectProblem(await me(t, first.body.accessToken), 401);
    expectProblem(await me(t, session.accessToken), 401);
    // One reuse ended the family; the successor shown after it found nothing left to end.
    const ended = await scalar<number>(t, sql`select count(*)::int as value from events where type = 'auth.refresh_reused' and (data->>'revoked')::int > 0`);
    expect(ended).toBe(1);
  });

  it("a cookie whose session was signed out gets 401 even within the window", async () => {
    const session = await signIn(t, "auditor");
    const next = await refresh(t, session.cookie);
    await supertest(t.url).post("/api/auth/logout").set("Cookie", refreshCookieOf(next));
    expectProblem(await refresh(t, session.cookie), 401);
    expectProblem(await refresh(t, refreshCookieOf(next)), 401);
  });
});

describe("REFRESH_GRACE_SECONDS", () => {
  it("0 turns the window off: any second use ends the family", async () => {
    const t = await startTestApp({ env: { REFRESH_GRACE_SECONDS: "0" }, clock: new TestClock() });
    try {
      const session = await signIn(t, "worker");
      const first = await refresh(t, session.cookie);
      expect(first.status).toBe(200);
      expectProblem(await refresh(t, session.cookie), 401);
      expectProblem(await me(t, first.body.accessToken), 401);
    } finally {
      await t.close();
    }
  });
});
