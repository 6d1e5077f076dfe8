import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ACCOUNTS, TEST_PASSWORD, startTestApp, type TestApp } from "../support/test-app.ts";
import { expectProblem } from "../support/problem.ts";
import { scalar } from "../support/factories.ts";

/** Where the IdP sends the browser back; the test carries the query to the app itself. */
const REDIRECT_URL = "http://green-tape.test/api/auth/oidc/callback";
const CLIENT = { client_id: "green-tape", client_secret: "a-client-secret-for-the-test-provider" };

interface Person {
  email?: string;
  email_verified?: boolean;
}

/** A browser's cookie jar, enough for one site at a time. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

describe("council account sign-in (OpenID Connect) against a real provider", () => {
  let idp: Server;
  let issuer: string;
  let t: TestApp;
  /** Who the provider signs in next, and what it says about them. */
  let nextLogin = "";
  const people = new Map<string, Person>();

  beforeAll(async () => {
    idp = createServer();
    await new Promise<void>((resolve) => idp.listen(0, "127.0.0.1", resolve));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, {
      clients: [{ ...CLIENT, redirect_uris: [REDIRECT_URL], post_logout_redirect_uris: ["http://green-tape.test/sign-in"], response_types: ["code"], grant_types: ["authorization_code"] }],
      pkce: { required: () => true },
      findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, ...people.get(sub) }) }),
      claims: { openid: ["sub"], email: ["email", "email_verified"] },
      features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      // Consent is the council's business, not this test's: every sign-in is granted what it asks.
      loadExistingGrant: async (ctx) => {
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client?.clientId, accountId: ctx.oidc.session?.accountId });
        grant.addOIDCScope("openid email profile");
        await grant.save();
        return grant;
      },
      cookies: { keys: ["a-cookie-key-for-the-test-provider"] },
    });
    const callback = provider.callback();
    idp.on("request", (req, res) => {
      // The provider's login page, reduced to "the person signs in as nextLogin".
      if (req.url?.startsWith("/interaction/")) {
        void provider.interactionFinished(req, res, { login: { accountId: nextLogin } }, { mergeWithLastSubmission: false });
        return;
      }
      void callback(req, res);
    });
    t = await startTestApp({
      env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT.client_id, OIDC_CLIENT_SECRET: CLIENT.client_secret, OIDC_REDIRECT_URL: REDIRECT_URL, PASSWORD_SIGN_IN_OFF_ROLES: "finance" },
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => idp.close(resolve));
  });

  /** The browser's trip: the app's start, the provider (signing in as `subject`), back to the provider's redirect. Answers the callback URL's query and the app's cookies. */
  async function roundTrip(subject: string): Promise<{ query: string; appJar: Jar }> {
    nextLogin = subject;
    const appJar = new Jar();
    const start = await fetch(`${t.url}/api/auth/oidc/start`, { redirect: "manual" });
    expect(start.status).toBe(302);
    appJar.take(start);
    let location = start.headers.get("location") ?? "";
    const authorize = new URL(location);
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get("state")).toBeTruthy();
    expect(authorize.searchParams.get("nonce")).toBeTruthy();
    const idpJar = new Jar();
    for (let hop = 0; hop < 10 && !location.startsWith(REDIRECT_URL); hop += 1) {
      const res = await fetch(new URL(location, issuer), { redirect: "manual", headers: { cookie: idpJar.header() } });
      idpJar.take(res);
      expect([302, 303], await res.clone().text()).toContain(res.status);
      location = res.headers.get("location") ?? "";
    }
    expect(location.startsWith(REDIRECT_URL)).toBe(true);
    return { query: new URL(location).search, appJar };
  }

  async function callback(query: string, jar: Jar) {
    const res = await fetch(`${t.url}/api/auth/oidc/callback${query}`, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.take(res);
    return res;
  }

  /** The session the callback started, if any: its refresh cookie gives an access token. */
  async function meWith(jar: Jar) {
    const refresh = jar.get("gt_refresh");
    if (!refresh) return null;
    const res = await fetch(`${t.url}/api/auth/refresh`, { method: "POST", headers: { cookie: `gt_refresh=${refresh}` } });
    if (res.status !== 200) return null;
    const { accessToken } = (await res.json()) as { accessToken: string };
    return (await t.http.get("/api/me").set("Authorization", `Bearer ${accessToken}`)).body as { email: string };
  }

  it("tells the web the council account is offered", async () => {
    const res = await t.http.get("/api/config");
    expect(res.body.councilAccountSignIn).toBe(true);
  });

  it("signs in through the whole code flow with PKCE, matching by verified email the first time and by subject after", async () => {
    people.set("idp-worker-1", { email: TEST_ACCOUNTS.worker.toUpperCase(), email_verified: true });
    const { query, appJar } = await roundTrip("idp-worker-1");
    const done = await callback(query, appJar);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/sign-in?council=signed-in");
    expect((await meWith(appJar))?.email).toBe(TEST_ACCOUNTS.worker);
    expect(await scalar<string>(t, sql`select oidc_subject as value from users where email = ${TEST_ACCOUNTS.worker}`)).toBe("idp-worker-1");
    expect(await scalar<number>(t, sql`select count(*)::int as value from events where type = 'auth.oidc_linked'`)).toBe(1);

    // Later the provider says another email: the recorded subject decides, not the email.
    people.set("idp-worker-1", { email: "someone.else@council.test", email_verified: true });
    const again = await roundTrip("idp-worker-1");
    await callback(again.query, again.appJar);
    expect((await meWith(again.appJar))?.email).toBe(TEST_ACCOUNTS.worker);
    expect(await scalar<number>(t, sql`select count(*)::int as value from events where type = 'auth.oidc_linked'`)).toBe(1);
  });

  it("refuses a wrong state", async () => {
    people.set("idp-worker-2", { email: TEST_ACCOUNTS.worker2, email_verified: true });
    const { query, appJar } = await roundTrip("idp-worker-2");
    const params = new URLSearchParams(query);
    params.set("state", "not-the-state-this-browser-was-given");
    const res = await callback(`?${params}`, appJar);
    expect(res.headers.get("location")).toBe("/sign-in?council=refused&reason=idp_refused");
    expect(appJar.get("gt_refresh")).toBeUndefined();
    expect(await scalar<string | null>(t, sql`select oidc_subject as value from users where email = ${TEST_ACCOUNTS.worker2}`)).toBeNull();
  });

  it("refuses a replayed code: the same callback again, and the code on a new round trip", async () => {
    people.set("idp-supervisor", { email: TEST_ACCOUNTS.supervisor, email_verified: true });
    const first = await roundTrip("idp-supervisor");
    const cookieOfFirst = first.appJar.header();
    await callback(first.query, first.appJar);
    expect((await meWith(first.appJar))?.email).toBe(TEST_ACCOUNTS.supervisor);

    // The very same callback, cookie and all, as a replay would send it.
    const replay = await fetch(`${t.url}/api/auth/oidc/callback${first.query}`, { redirect: "manual", headers: { cookie: cookieOfFirst } });
    expect(replay.headers.get("location")).toBe("/sign-in?council=refused&reason=no_round_trip");
    expect(replay.headers.getSetCookie().some((c) => c.startsWith("gt_refresh=") && !c.startsWith("gt_refresh=;"))).toBe(false);

    // The old code with a new round trip's state: the provider refuses the code (used, and not this PKCE verifier).
    const second = await roundTrip("idp-supervisor");
    const params = new URLSearchParams(first.query);
    params.set("state", new URLSearchParams(second.query).get("state") ?? "");
    const res = await callback(`?${params}`, second.appJar);
    expect(res.headers.get("location")).toBe("/sign-in?council=refused&reason=idp_refused");
    expect(second.appJar.get("gt_refresh")).toBeUndefined();
  });

  it("refuses a person nobody made an account for, and an email the provider has not verified", async () => {
    people.set("idp-stranger", { email: "stranger@council.test", email_verified: true });
    const stranger = await roundTrip("idp-stranger");
    expect((await callback(stranger.query, stranger.appJar)).headers.get("location")).toBe("/sign-in?council=refused&reason=unknown_subject");
    expect(stranger.appJar.get("gt_refresh")).toBeUndefined();

    people.set("idp-unverified", { email: TEST_ACCOUNTS.auditor, email_verified: false });
    const unverified = await roundTrip("idp-unverified");
    expect((await callback(unverified.query, unverified.appJar)).headers.get("location")).toBe("/sign-in?council=refused&reason=email_not_verified");
    expect(await scalar<string | null>(t, sql`select oidc_subject as value from users where email = ${TEST_ACCOUNTS.auditor}`)).toBeNull();

    // No account is ever made by signing in.
    expect(await scalar<number>(t, sql`select count(*)::int as value from users where email = 'stranger@council.test'`)).toBe(0);
    expect(await scalar<number>(t, sql`select count(*)::int as value from events where type = 'auth.oidc_refused'`)).toBeGreaterThanOrEqual(2);
  });

  it("refuses a deactivated person although the provider accepts them", async () => {
    people.set("idp-worker-3", { email: TEST_ACCOUNTS.worker3, email_verified: true });
    const first = await roundTrip("idp-worker-3");
    await callback(first.query, first.appJar);
    expect((await meWith(first.appJar))?.email).toBe(TEST_ACCOUNTS.worker3);

    await t.database.db.execute(sql`update users set active = false where email = ${TEST_ACCOUNTS.worker3}`);
    const { query, appJar } = await roundTrip("idp-worker-3");
    expect((await callback(query, appJar)).headers.get("location")).toBe("/sign-in?council=refused&reason=deactivated");
    expect(appJar.get("gt_refresh")).toBeUndefined();
  });

  it("switches password sign-in off for a role, which then uses the council account", async () => {
    expectProblem(await t.http.post("/api/auth/login").send({ email: TEST_ACCOUNTS.finance, password: TEST_PASSWORD }), 403, { typeEndsWith: "password-sign-in-off" });
    expect((await t.http.post("/api/auth/login").send({ email: TEST_ACCOUNTS.admin, password: TEST_PASSWORD })).status).toBe(200);
    people.set("idp-finance", { email: TEST_ACCOUNTS.finance, email_verified: true });
    const { query, appJar } = await roundTrip("idp-finance");
    await callback(query, appJar);
    expect((await meWith(appJar))?.email).toBe(TEST_ACCOUNTS.finance);
  });

  it("ends the provider's session too at sign-out", async () => {
    const res = await fetch(`${t.url}/api/auth/oidc/end-session`, { redirect: "manual" });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get("location") ?? "");
    expect(to.origin).toBe(issuer);
    expect(to.searchParams.get("client_id")).toBe(CLIENT.client_id);
    expect(to.searchParams.get("post_logout_redirect_uri")).toBe("http://green-tape.test/sign-in");
  });
});
