import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ACCOUNTS, TEST_PASSWORD, startTestApp, type TestApp } from "../support/test-app.ts";
import { loadConfig } from "../../apps/api/src/config.ts";
import { expectProblem } from "../support/problem.ts";

const login = (url: string, email: string, password: string, headers: Record<string, string> = {}) =>
  supertest(url).post("/api/auth/login").set(headers).send({ email, password });

function expectRetryAfter(res: supertest.Response) {
  expectProblem(res, 429, { typeEndsWith: "rate-limited" });
  const seconds = Number(res.headers["retry-after"]);
  // Within the 15-minute window, and at least a second.
  expect(seconds, JSON.stringify(res.headers)).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(15 * 60);
}

describe("sign-in limits held in the database, across two instances", () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp({ env: { LOGIN_LIMIT_PER_ACCOUNT: "10", LOGIN_LIMIT_PER_IP: "1000" } });
    b = await a.sibling();
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it("11 wrong passwords for one account, spread over both instances, give 429 with Retry-After", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await login((i % 2 === 0 ? a : b).url, TEST_ACCOUNTS.worker, `wrong-${i}`)).status);
    expect(statuses).toEqual(Array(10).fill(401));
    const eleventh = await login(b.url, TEST_ACCOUNTS.worker, "wrong-10");
    expectRetryAfter(eleventh);
    // The account stays locked for the window on both instances, even for the right password.
    expectRetryAfter(await login(a.url, TEST_ACCOUNTS.worker, TEST_PASSWORD));
    // Another account is not affected.
    expect((await login(a.url, TEST_ACCOUNTS.worker2, TEST_PASSWORD)).status).toBe(200);
  });

  it("successful sign-ins are not counted: after many, ten failures are still allowed", async () => {
    for (let i = 0; i < 12; i++) expect((await login((i % 2 === 0 ? a : b).url, TEST_ACCOUNTS.supervisor, TEST_PASSWORD)).status).toBe(200);
    const failures: number[] = [];
    for (let i = 0; i < 9; i++) failures.push((await login((i % 2 === 0 ? b : a).url, TEST_ACCOUNTS.supervisor, `wrong-${i}`)).status);
    // A correct password after nine failures signs in, and is not the tenth failure.
    expect((await login(a.url, TEST_ACCOUNTS.supervisor, TEST_PASSWORD)).status).toBe(200);
    failures.push((await login(b.url, TEST_ACCOUNTS.supervisor, "wrong-9")).status);
    expect(failures).toEqual(Array(10).fill(401));
    expectRetryAfter(await login(a.url, TEST_ACCOUNTS.supervisor, "wrong-10"));
  });

  it("twenty wrong passwords at once get exactly ten 401s: the count is taken before the password is checked", async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login((i % 2 === 0 ? a : b).url, TEST_ACCOUNTS.auditor, `wrong-${i}`)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(10).fill(429)]);
    for (const res of answers.filter((r) => r.status === 429)) expectRetryAfter(res);
  });

  it("a restart forgets nothing", async () => {
    const restarted = await a.restart();
    try {
      expectRetryAfter(await login(restarted.url, TEST_ACCOUNTS.worker, TEST_PASSWORD));
    } finally {
      a = restarted;
    }
  });
});

describe("the per-address limit and TRUST_PROXY", () => {
  it("without TRUST_PROXY, X-Forwarded-For is ignored: every address it names shares the socket's bucket", async () => {
    const t = await startTestApp({ env: { LOGIN_LIMIT_PER_IP: "3", LOGIN_LIMIT_PER_ACCOUNT: "1000" } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await login(t.url, TEST_ACCOUNTS.worker, "wrong", { "X-Forwarded-For": `203.0.113.${i}` })).status);
      expect(statuses).toEqual([401, 401, 401]);
      expectRetryAfter(await login(t.url, TEST_ACCOUNTS.worker, "wrong", { "X-Forwarded-For": "203.0.113.99" }));
    } finally {
      await t.close();
    }
  });

  it("with the proxy named in TRUST_PROXY, each forwarded client has its own bucket", async () => {
    const t = await startTestApp({ env: { LOGIN_LIMIT_PER_IP: "3", LOGIN_LIMIT_PER_ACCOUNT: "1000", TRUST_PROXY: "10.9.9.9, 127.0.0.0/8" } });
    try {
      for (let i = 0; i < 3; i++) expect((await login(t.url, TEST_ACCOUNTS.worker, "wrong", { "X-Forwarded-For": "203.0.113.7" })).status).toBe(401);
      expectRetryAfter(await login(t.url, TEST_ACCOUNTS.worker, "wrong", { "X-Forwarded-For": "203.0.113.7" }));
      // Another member of staff behind the same proxy is not held up.
      expect((await login(t.url, TEST_ACCOUNTS.worker2, TEST_PASSWORD, { "X-Forwarded-For": "203.0.113.8" })).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it("TRUST_PROXY takes addresses, CIDR blocks and proxy-addr's named ranges; anything else stops start-up naming it", () => {
    expect(loadConfig({ TRUST_PROXY: "10.0.0.5, 192.168.0.0/16,::1,fd00::/8,loopback" }).trustProxy).toEqual(["10.0.0.5", "192.168.0.0/16", "::1", "fd00::/8", "loopback"]);
    expect(loadConfig({}).trustProxy).toEqual([]);
    for (const bad of ["10.0.0.0/33", "proxy.example", "10.0.0.1/8/2", "true"]) expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/^Invalid configuration: TRUST_PROXY/);
  });
});
