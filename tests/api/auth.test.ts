import { createHmac, generateKeyPairSync, createSign } from "node:crypto";
import { sql } from "drizzle-orm";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ACCOUNTS, TEST_PASSWORD, startTestApp, type TestApp } from "../support/test-app.ts";
import { expectProblem } from "../support/problem.ts";

function b64url(value: object | string): string {
  return Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
}

function hs256(payload: object, secret: string, header: object = { alg: "HS256", typ: "JWT" }): string {
  const body = `${b64url(header)}.${b64url(payload)}`;
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}

function refreshCookieOf(res: supertest.Response): string {
  const cookies = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
  const cookie = cookies.find((c) => c.startsWith("gt_refresh="));
  if (!cookie) throw new Error(`no refresh cookie in ${JSON.stringify(cookies)}`);
  return cookie.split(";")[0] as string;
}

describe("auth", () => {
  let t: TestApp;
  let workerId: string;
  /** A live session of the worker's, so the hand-signed tokens below fail only for their own reason. */
  let workerSid: string;
  beforeAll(async () => {
    // No grace window here, so a second use is reuse at once (sessions.test.ts covers the window).
    t = await startTestApp({ env: { REFRESH_GRACE_SECONDS: "0" } });
  });
  afterAll(() => t.close());

  it("signs in each test account and answers /api/me", async () => {
    for (const [, email] of Object.entries(TEST_ACCOUNTS)) {
      const login = await t.http.post("/api/auth/login").send({ email, password: TEST_PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body.user).toMatchObject({ email, role: expect.any(String) });
      const cookie = login.headers["set-cookie"]?.[0] ?? "";
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      const me = await t.http.get("/api/me").set("Authorization", `Bearer ${login.body.accessToken}`);
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(email);
      if (email === TEST_ACCOUNTS.worker) {
        workerId = me.body.id;
        workerSid = JSON.parse(Buffer.from(login.body.accessToken.split(".")[1], "base64url").toString()).sid;
      }
    }
  });

  it("accepts the email in any case and with spaces", async () => {
    const res = await t.http.post("/api/auth/login").send({ email: "  Worker@Council.TEST ", password: TEST_PASSWORD });
    expect(res.status).toBe(200);
  });

  describe("refuses with 401 problem+json", () => {
    const key = "test-secret-test-secret-test-secret-0123456789";
    const now = () => Math.floor(Date.now() / 1000);
    const cases: [string, () => string | undefined][] = [
      ["no token", () => undefined],
      ["a garbage token", () => "Bearer not.a.jwt"],
      ["a token with alg none", () => `Bearer ${b64url({ alg: "none", typ: "JWT" })}.${b64url({ sub: workerId, role: "admin", iat: now() })}.`],
      ["a token signed with another key", () => `Bearer ${hs256({ sub: workerId, role: "worker", sid: workerSid, iat: now(), exp: now() + 600 }, "another-key-another-key-another-key-123")}`],
      ["an expired token", () => `Bearer ${hs256({ sub: workerId, role: "worker", sid: workerSid, iat: now() - 3600, exp: now() - 1800 }, key)}`],
      ["a token naming no session", () => `Bearer ${hs256({ sub: workerId, role: "worker", iat: now(), exp: now() + 600 }, key)}`],
      ["a token naming a session that is not a session id", () => `Bearer ${hs256({ sub: workerId, role: "worker", sid: "x'; --", iat: now(), exp: now() + 600 }, key)}`],
      ["a token naming a session that does not exist", () => `Bearer ${hs256({ sub: workerId, role: "worker", sid: "00000000-0000-4000-8000-000000000000", iat: now(), exp: now() + 600 }, key)}`],
      [
        "a token signed RS256 with the algorithm switched",
        () => {
          const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
          const body = `${b64url({ alg: "RS256", typ: "JWT" })}.${b64url({ sub: workerId, role: "admin", iat: now(), exp: now() + 600 })}`;
          return `Bearer ${body}.${createSign("RSA-SHA256").update(body).sign(privateKey).toString("base64url")}`;
        },
      ],
    ];
    it.each(cases)("%s", async (_name, header) => {
      const value = header();
      const req = t.http.get("/api/me");
      const res = await (value ? req.set("Authorization", value) : req);
      expectProblem(res, 401);
    });

    it("a correctly signed token for the right key is accepted (the cases above fail for their reason)", async () => {
      const res = await t.http.get("/api/me").set("Authorization", `Bearer ${hs256({ sub: workerId, role: "worker", sid: workerSid, iat: now(), exp: now() + 600 }, key)}`);
      expect(res.status).toBe(200);
    });

    it("a wrong password and an unknown user get the same answer", async () => {
      const wrong = await t.http.post("/api/auth/login").send({ email: TEST_ACCOUNTS.worker, password: "not-the-password" });
      const unknown = await t.http.post("/api/auth/login").send({ email: "nobody@demo.test", password: "not-the-password" });
      expectProblem(wrong, 401);
      expectProblem(unknown, 401);
      expect(unknown.body).toEqual(wrong.body);
    });
  });

  it("takes similar time for an unknown user and a wrong password", async () => {
    const time = async (email: string) => {
      const start = performance.now();
      await t.http.post("/api/auth/login").send({ email, password: "wrong-password-x" });
      return performance.now() - start;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      wrong.push(await time(TEST_ACCOUNTS.worker2));
      unknown.push(await time(`ghost${i}@demo.test`));
    }
    // Both verify an argon2id hash; without the dummy hash an unknown user answers many times faster.
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.5);
    expect(median(unknown)).toBeLessThan(median(wrong) * 2);
  });

  it("rotates the refresh cookie; reusing a rotated token gets 401 and revokes its whole family", async () => {
    const login = await t.http.post("/api/auth/login").send({ email: TEST_ACCOUNTS.worker, password: TEST_PASSWORD });
    const first = refreshCookieOf(login);
    const r1 = await supertest(t.url).post("/api/auth/refresh").set("Cookie", first);
    expect(r1.status).toBe(200);
    expect(r1.body.accessToken).toEqual(expect.any(String));
    const second = refreshCookieOf(r1);
    expect(second).not.toBe(first);

    const reuse = await supertest(t.url).post("/api/auth/refresh").set("Cookie", first);
    expectProblem(reuse, 401);
    // The family is gone: even the newest token is refused now.
    const afterReuse = await supertest(t.url).post("/api/auth/refresh").set("Cookie", second);
    expectProblem(afterReuse, 401);
  });

  it("refuses a missing or made-up refresh cookie", async () => {
    expectProblem(await supertest(t.url).post("/api/auth/refresh"), 401);
    expectProblem(await supertest(t.url).post("/api/auth/refresh").set("Cookie", "gt_refresh=made-up"), 401);
  });

  it("logout answers 204 and revokes the refresh token", async () => {
    const login = await t.http.post("/api/auth/login").send({ email: TEST_ACCOUNTS.worker3, password: TEST_PASSWORD });
    const cookie = refreshCookieOf(login);
    const out = await supertest(t.url).post("/api/auth/logout").set("Cookie", cookie);
    expect(out.status).toBe(204);
    expectProblem(await supertest(t.url).post("/api/auth/refresh").set("Cookie", cookie), 401);
  });

  it("records sign-ins, failed sign-ins and sign-outs in the event log", async () => {
    const rows = (await t.database.db.execute(sql`select type, count(*)::int as n from events group by type`)) as unknown as {
      rows: { type: string; n: number }[];
    };
    const counts = Object.fromEntries(rows.rows.map((r) => [r.type, r.n]));
    expect(counts["auth.login_succeeded"]).toBeGreaterThan(0);
    expect(counts["auth.login_failed"]).toBeGreaterThan(0);
    expect(counts["auth.logout"]).toBeGreaterThan(0);
    expect(counts["auth.refresh_reused"]).toBeGreaterThan(0);
  });
});

describe("login rate limits", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_LIMIT_PER_ACCOUNT: "10", LOGIN_LIMIT_PER_IP: "30" } });
  });
  afterAll(() => t.close());

  it("forty wrong passwords in a row end in 429 problem+json", async () => {
    const statuses: number[] = [];
    let last: supertest.Response | undefined;
    for (let i = 0; i < 40; i++) {
      last = await t.http.post("/api/auth/login").send({ email: TEST_ACCOUNTS.worker, password: `wrong-${i}` });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    expectProblem(last as supertest.Response, 429);
  });

  it("limits per network address across accounts too", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await t.http.post("/api/auth/login").send({ email: `someone${i}@demo.test`, password: "wrong-password" });
      statuses.push(res.status);
    }
    // 40 attempts from this address already counted above; the address limit is 30.
    expect(statuses.every((s) => s === 429)).toBe(true);
  });
});
