import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scalar } from "../support/factories.ts";
import { startMailServer, type MailServer, type ReceivedMail } from "../support/mail-server.ts";
import { expectProblem } from "../support/problem.ts";
import { TEST_ACCOUNTS, TEST_PASSWORD, TestClock, startTestApp, type TestApp } from "../support/test-app.ts";

const APP_URL = "https://spend.example.test";
const NEW_PASSWORD = "a kettle on the landing";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
/** The mean of the middle 80%: one stall of a shared machine (a garbage collection, another test's burst) cannot swing it. */
function trimmedMean(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const cut = Math.floor(sorted.length / 10);
  const middle = sorted.slice(cut, sorted.length - cut);
  return middle.reduce((a, b) => a + b, 0) / middle.length;
}

function tokenIn(mail: ReceivedMail): string {
  const match = new RegExp(`${APP_URL.replaceAll(".", "\\.")}/reset-password#token=([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match?.[1]) throw new Error(`no reset link in ${mail.text}`);
  expect(mail.html).toContain(`${APP_URL}/reset-password#token=${match[1]}`);
  return match[1];
}

/** The forgotten-password flow over HTTP, with a real SMTP server in the test process receiving the email. */
describe("forgotten password", () => {
  const clock = new TestClock(new Date("2026-03-02T10:00:00Z"));
  let t: TestApp;
  let mail: MailServer;
  const forgot = (email: string) => supertest(t.url).post("/api/auth/forgot-password").send({ email });
  const reset = (token: string, password: string) => supertest(t.url).post("/api/auth/reset-password").send({ token, password });
  const login = (password: string) => supertest(t.url).post("/api/auth/login").send({ email: TEST_ACCOUNTS.worker, password });

  beforeAll(async () => {
    mail = await startMailServer();
    t = await startTestApp({ clock, env: { SMTP_URL: mail.url, APP_URL, MAIL_FROM: "Green Tape <no-reply@example.test>" } });
  });
  afterAll(async () => {
    await t.close();
    await mail.close();
  });

  it("answers an unknown email exactly as a known one, in the same time (50 tries each)", async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    const answers = new Set<string>();
    // Interleaved, each first in turn, so a slow moment of the machine falls on both alike.
    for (let i = 0; i < 50; i++) {
      const pair = [[TEST_ACCOUNTS.worker2, known], [`nobody-${i}@demo.test`, unknown]] as const;
      for (const [email, times] of i % 2 ? pair : [...pair].reverse()) {
        const started = performance.now();
        const res = await forgot(email);
        times.push(performance.now() - started);
        expect(res.status).toBe(202);
        answers.add(JSON.stringify(res.body));
      }
    }
    expect(answers.size).toBe(1);
    const medians = Math.abs(median(known) - median(unknown));
    const means = Math.abs(trimmedMean(known) - trimmedMean(unknown));
    console.log(`forgot-password: median known ${median(known).toFixed(2)} ms, unknown ${median(unknown).toFixed(2)} ms; 10%-trimmed means differ by ${means.toFixed(2)} ms`);
    expect(medians).toBeLessThan(10);
    expect(means).toBeLessThan(10);
    // The known account was sent a few links (at most 3 a window), the unknown ones nothing.
    const received = await mail.waitFor(3, TEST_ACCOUNTS.worker2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mail.received.filter((m) => m.to.includes(TEST_ACCOUNTS.worker2))).toHaveLength(3);
    expect(mail.received.filter((m) => m.to.some((to) => to.startsWith("nobody-")))).toEqual([]);
    expect(received[0]?.subject).toBe("Reset your Green Tape password");
  });

  it("the emailed link sets a new password once, ends every old session, and is in the event log", async () => {
    const phone = await login(TEST_PASSWORD);
    expect(phone.status).toBe(200);
    const cookie = ([] as string[]).concat(phone.headers["set-cookie"] ?? []).find((c) => c.startsWith("gt_refresh="))?.split(";")[0] as string;

    expect((await forgot(TEST_ACCOUNTS.worker)).status).toBe(202);
    const [message] = await mail.waitFor(1, TEST_ACCOUNTS.worker);
    if (!message) throw new Error("no mail");
    const token = tokenIn(message);
    expect(message.text).toContain("It works once, for 30 minutes.");
    // Only the hash of the token is stored.
    expect(await scalar<number>(t, sql`select count(*)::int as value from password_resets where token_hash = ${token}`)).toBe(0);

    expectProblem(await reset(token, "password1234"), 400, { field: "password" });
    expect((await reset(token, NEW_PASSWORD)).status).toBe(204);

    expectProblem(await supertest(t.url).get("/api/me").set("Authorization", `Bearer ${phone.body.accessToken}`), 401);
    expectProblem(await supertest(t.url).post("/api/auth/refresh").set("Cookie", cookie), 401);
    expectProblem(await login(TEST_PASSWORD), 401);
    expect((await login(NEW_PASSWORD)).status).toBe(200);

    expectProblem(await reset(token, "another long passphrase"), 400, { field: "token" });
    expect((await login(NEW_PASSWORD)).status).toBe(200);
    const events = await scalar<number>(t, sql`select count(*)::int as value from events where type = 'user.password_reset_by_link' and subject_id = (select id::text from users where email = ${TEST_ACCOUNTS.worker})`);
    expect(events).toBe(1);
  });

  it("a link older than 30 minutes is refused; a made-up token too", async () => {
    expect((await forgot(TEST_ACCOUNTS.worker)).status).toBe(202);
    const mails = await mail.waitFor(2, TEST_ACCOUNTS.worker);
    const token = tokenIn(mails[1] as ReceivedMail);
    clock.advance(30 * 60_000 + 1);
    expectProblem(await reset(token, "yet another long passphrase"), 400, { field: "token" });
    expectProblem(await reset("made-up-token", "yet another long passphrase"), 400, { field: "token" });
    expect((await login(NEW_PASSWORD)).status).toBe(200);
  });

  it("resetting is rate limited per address", async () => {
    const limited = await startTestApp({ env: { SMTP_URL: mail.url, LOGIN_LIMIT_PER_IP: "3" } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await supertest(limited.url).post("/api/auth/reset-password").send({ token: `guess-${i}`, password: NEW_PASSWORD })).status);
      expect(statuses).toEqual([400, 400, 400, 429]);
    } finally {
      await limited.close();
    }
  });
});
