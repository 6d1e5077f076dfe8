import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ACCOUNTS, TEST_PASSWORD, startTestApp, TestClock, type TestApp } from "../support/test-app.ts";
import { expectProblem } from "../support/problem.ts";
import { rows, scalar } from "../support/factories.ts";

/** RFC 4648 base32, as authenticator apps read the secret. */
function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of text.replace(/=+$/, "").toUpperCase()) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    bits += value.toString(2).padStart(5, "0");
  }
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((byte) => parseInt(byte, 2)));
}

/** RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits), computed here with node:crypto, not with the app's library. */
function totp(secret: string, at: Date): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 1000 / 30)));
  const mac = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, "0");
}

describe("RFC 6238 reference code", () => {
  it("matches the RFC's SHA-1 test vectors", () => {
    // RFC 6238 Appendix B: the 20-byte ASCII secret "12345678901234567890", 8 digits there; we use the last 6.
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(totp(secret, new Date(59_000))).toBe("287082");
    expect(totp(secret, new Date(1_111_111_109_000))).toBe("081804");
    expect(totp(secret, new Date(2_000_000_000_000))).toBe("279037");
  });
});

describe("second factor: an authenticator app", () => {
  const clock = new TestClock(new Date("2026-03-02T10:00:05Z"));
  let t: TestApp;
  let auditorToken: string;
  let secret: string;
  let recoveryCodes: string[];
  beforeAll(async () => {
    t = await startTestApp({ clock });
    auditorToken = await t.tokenFor("auditor");
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const passwordStep = async () => {
    const res = await t.http.post("/api/auth/login").send({ email: TEST_ACCOUNTS.auditor, password: TEST_PASSWORD });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { mfaRequired?: true; mfaToken?: string; accessToken?: string };
  };
  const secondStep = (mfaToken: string, code: string) => t.http.post("/api/auth/mfa").send({ mfaToken, code });

  it("enrols with a QR code and a first code, and hands out ten recovery codes once", async () => {
    const start = await t.http.post("/api/me/second-factor/totp").set(bearer(auditorToken));
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    secret = start.body.secret;
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    expect(start.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(start.body.otpauthUri).toContain(`secret=${secret}`);
    expect(start.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(start.body.qrCode.split(",")[1], "base64").toString()).toContain("<svg");

    const wrong = await t.http.post("/api/me/second-factor/totp/confirm").set(bearer(auditorToken)).send({ code: totp(secret, new Date(clock.now().getTime() + 600_000)) });
    expectProblem(wrong, 400, { field: "code" });

    const confirm = await t.http.post("/api/me/second-factor/totp/confirm").set(bearer(auditorToken)).send({ code: totp(secret, clock.now()) });
    expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);
    recoveryCodes = confirm.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    // The secret is not shown again, and is not kept in the clear; the codes are kept only hashed.
    const status = await t.http.get("/api/me/second-factor").set(bearer(auditorToken));
    expect(status.body).toMatchObject({ totp: true, recoveryCodesLeft: 10 });
    expect(JSON.stringify(status.body)).not.toContain(secret);
    expectProblem(await t.http.post("/api/me/second-factor/totp").set(bearer(auditorToken)), 409);
    const stored = await rows<{ secret_encrypted: string }>(t, sql`select secret_encrypted from totp_factors`);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.secret_encrypted).not.toContain(secret);
    const hashes = await rows<{ code_hash: string }>(t, sql`select code_hash from recovery_codes`);
    expect(hashes.map((r) => r.code_hash)).not.toContain(recoveryCodes[0]);
    expect(await scalar<number>(t, sql`select count(*)::int as value from events where type = 'mfa.totp_enrolled'`)).toBe(1);
  });

  it("asks for the second factor after the password, and signs in with a code computed per RFC 6238", async () => {
    const step = await passwordStep();
    expect(step).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
    expect(step.accessToken).toBeUndefined();

    // The code that confirmed enrolment is of this same time step: used once, it is refused.
    expectProblem(await secondStep(step.mfaToken as string, totp(secret, clock.now())), 401);

    clock.advance(30_000);
    const code = totp(secret, clock.now());
    const done = await secondStep(step.mfaToken as string, code);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.user.email).toBe(TEST_ACCOUNTS.auditor);
    expect((done.headers["set-cookie"] as unknown as string[]).join()).toMatch(/gt_refresh=/);
    const me = await t.http.get("/api/me").set(bearer(done.body.accessToken));
    expect(me.status).toBe(200);

    // The mfaToken is single use, and the code cannot be replayed on a new sign-in either.
    expectProblem(await secondStep(step.mfaToken as string, totp(secret, new Date(clock.now().getTime() + 30_000))), 401);
    const again = await passwordStep();
    expectProblem(await secondStep(again.mfaToken as string, code), 401);
    expect(await scalar<number>(t, sql`select count(*)::int as value from events where type = 'auth.second_factor_failed'`)).toBeGreaterThanOrEqual(2);
  });

  it("refuses an expired mfaToken", async () => {
    const step = await passwordStep();
    clock.advance(6 * 60_000);
    expectProblem(await secondStep(step.mfaToken as string, totp(secret, clock.now())), 401);
  });

  it("takes a recovery code once, in any case and spacing", async () => {
    const code = recoveryCodes[3] as string;
    const first = await passwordStep();
    const done = await secondStep(first.mfaToken as string, ` ${code.toUpperCase().replace("-", " ")} `);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const status = await t.http.get("/api/me/second-factor").set(bearer(done.body.accessToken));
    expect(status.body.recoveryCodesLeft).toBe(9);

    const second = await passwordStep();
    expectProblem(await secondStep(second.mfaToken as string, code), 401);
  });

  it("limits wrong codes per account, whichever sign-in they come through", async () => {
    clock.advance(60_000);
    // The tests above left wrong codes in this window: start it afresh, so the count is this test's own.
    await t.database.db.execute(sql`delete from rate_limits`);
    const attempts = [];
    for (let i = 0; i < 7; i += 1) {
      const step = await passwordStep();
      attempts.push((await secondStep(step.mfaToken as string, i % 2 === 0 ? "000000" : "aaaaa-bbbbb")).status);
    }
    expect(attempts).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const step = await passwordStep();
    const limited = await secondStep(step.mfaToken as string, totp(secret, clock.now()));
    expectProblem(limited, 429);
    expect(limited.headers["retry-after"]).toMatch(/^\d+$/);
  });

  it("lets an admin reset it: logged, the person told, and the password alone works again", async () => {
    const admin = await t.tokenFor("admin");
    const auditorId = await scalar<string>(t, sql`select id::text as value from users where email = ${TEST_ACCOUNTS.auditor}`);
    expectProblem(await t.http.delete(`/api/users/${auditorId}/second-factor`).set(bearer(auditorToken)), 403);
    const reset = await t.http.delete(`/api/users/${auditorId}/second-factor`).set(bearer(admin));
    expect(reset.status).toBe(204);
    expect(await scalar<number>(t, sql`select count(*)::int as value from events where type = 'mfa.reset' and subject_id = ${auditorId}`)).toBe(1);
    const notes = await t.http.get("/api/notifications").set(bearer(auditorToken));
    expect(notes.body.items.map((n: { kind: string }) => n.kind)).toContain("mfa.reset");
    const step = await passwordStep();
    expect(step.accessToken).toEqual(expect.any(String));
  });
});

describe("MFA_REQUIRED_ROLES", () => {
  const clock = new TestClock(new Date("2026-03-02T10:00:05Z"));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock, env: { MFA_REQUIRED_ROLES: "auditor,finance" } });
  });
  afterAll(() => t.close());

  it("leaves other roles alone", async () => {
    const token = await t.tokenFor("worker");
    expect((await t.http.get("/api/spends").set("Authorization", `Bearer ${token}`)).status).toBe(200);
  });

  it("lets an auditor reach nothing but enrolment until enrolled, then everything an auditor may", async () => {
    const token = await t.tokenFor("auditor");
    const bearer = { Authorization: `Bearer ${token}` };
    const document = (await t.http.get("/docs/json")).body as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    const enrolment = new Set(["GET /api/me", "GET /api/me/second-factor", "POST /api/me/second-factor/totp", "POST /api/me/second-factor/totp/confirm"]);
    const open = new Set<string>();
    let refused = 0;
    for (const [path, operations] of Object.entries(document.paths)) {
      // Sign-in, refresh and sign-out are public, and signing out would end this very session.
      if (!path.startsWith("/api/") || path.startsWith("/api/auth/")) continue;
      for (const method of Object.keys(operations)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (enrolment.has(name) || name.startsWith("POST /api/me/passkeys")) continue;
        const url = path.replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-000000000000");
        const res = await t.http[method as "get"](url).set(bearer).send({});
        if (res.status === 403 && String(res.body.type).endsWith("/second-factor-enrolment-required")) refused += 1;
        else open.add(`${name} ${res.status}`);
      }
    }
    // Only what needs no sign-in at all answers otherwise (health, config, sign-in itself, the public log and summary).
    for (const entry of open) expect(entry).toMatch(/^(GET|POST) \/api\/(health|ready|config|log\/(key|checkpoint)|public\/)/);
    expect(refused).toBeGreaterThan(40);

    const me = await t.http.get("/api/me").set(bearer);
    expect(me.status).toBe(200);
    expect(me.body.secondFactorEnrolmentPending).toBe(true);
    const start = await t.http.post("/api/me/second-factor/totp").set(bearer);
    expect(start.status).toBe(200);
    const confirm = await t.http.post("/api/me/second-factor/totp/confirm").set(bearer).send({ code: totp(start.body.secret, clock.now()) });
    expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);

    // Enrolled: the same session now reaches what an auditor may.
    expect((await t.http.get("/api/audit/samples").set(bearer)).status).toBe(200);
    expect((await t.http.get("/api/me").set(bearer)).body.secondFactorEnrolmentPending).toBe(false);
  });
});
