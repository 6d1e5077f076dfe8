import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD, startTestApp, type TestApp } from "../support/test-app.ts";
import { councilIds } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";

describe("bad input gets problem+json naming the field", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("malformed JSON is 400 naming the body", async () => {
    const res = await t.http.post("/api/auth/login").set("Content-Type", "application/json").send('{"email": "worker@council.test", ');
    expectProblem(res, 400, { field: "body" });
  });

  it.each([
    ["email", { email: 42, password: "x" }],
    ["email", { email: "not-an-email", password: "x" }],
    ["password", { email: "worker@council.test", password: ["x"] }],
    ["password", { email: "worker@council.test" }],
    ["email", { password: "x" }],
  ])("wrong-typed or missing %s is 400", async (field, body) => {
    const res = await t.http.post("/api/auth/login").send(body);
    expectProblem(res, 400, { field, typeEndsWith: "validation" });
  });

  it("a wrong content type is 415", async () => {
    const res = await t.http.post("/api/auth/login").set("Content-Type", "text/plain").send("hello");
    expectProblem(res, 415);
  });

  it("an unknown API path is a 404 problem, not the web app", async () => {
    const res = await t.http.get("/api/nope");
    expectProblem(res, 404);
  });

  it("a bad query parameter is 400 naming it", async () => {
    const token = await t.tokenFor("auditor");
    const res = await t.http.get("/api/log/proofs/inclusion?index=abc&treeSize=1").set("Authorization", `Bearer ${token}`);
    expectProblem(res, 400, { field: "index" });
  });

  it.each([
    ["NUL", "%00"],
    ["another control character", "a%01b"],
    ["an escape", "a%1Bb"],
    ["DEL", "%7F"],
  ])("%s in a query parameter is 400 naming the parameter, not a 500", async (_what, encoded) => {
    const token = await t.tokenFor("worker");
    const res = await t.http.get(`/api/clients?q=${encoded}`).set("Authorization", `Bearer ${token}`);
    expectProblem(res, 400, { field: "q", typeEndsWith: "validation" });
  });

  it("a control character in a repeated query parameter or a path parameter is 400 naming it", async () => {
    const token = await t.tokenFor("finance");
    const repeated = await t.http.get("/api/clients?q=fine&q=%00").set("Authorization", `Bearer ${await t.tokenFor("worker")}`);
    expectProblem(repeated, 400, { field: "q" });
    const path = await t.http.get("/api/periods/2026-0%003").set("Authorization", `Bearer ${token}`);
    expectProblem(path, 400, { field: "period" });
  });

  it("a signed checkpoint, several lines long, passes as the verifier's query parameter; other control characters in it do not", async () => {
    const auditor = await t.tokenFor("auditor");
    const note = (await t.http.get("/api/log/checkpoint").set("Authorization", `Bearer ${auditor}`)).text;
    expect(note).toContain("\n");
    const verify = (checkpoint: string) => t.http.get(`/api/audit/events/verify?checkpoint=${encodeURIComponent(checkpoint)}`).set("Authorization", `Bearer ${auditor}`);
    const saved = await verify(note);
    expect(saved.status, saved.text).toBe(200);
    expectProblem(await verify(note.replace("\n", "\u0000")), 400, { field: "checkpoint" });
    expectProblem(await verify(`${note}\u0001`), 400, { field: "checkpoint" });
  });

  it("a number too large for the database is 400 naming the parameter, not a failed query", async () => {
    const { schemeId } = await councilIds(t);
    const res = await t.http.get(`/api/schemes/${schemeId}?version=2147483648`).set("Authorization", `Bearer ${await t.tokenFor("worker")}`);
    expectProblem(res, 400, { field: "version" });
  });

  it("NUL anywhere in a JSON body is 400 naming the field; a newline in prose is still the field's own rule", async () => {
    const res = await t.http.post("/api/auth/login").send({ email: "worker@council.test", password: "demo\u0000password" });
    expectProblem(res, 400, { field: "password" });
    const token = await t.tokenFor("worker");
    const nested = await t.http.post("/api/spends").set("Authorization", `Bearer ${token}`).send({ items: [{ note: "a\u0000b" }] });
    expectProblem(nested, 400, { field: "items.0.note" });
  });

  it("answers health and sends security headers and a request id", async () => {
    const res = await t.http.get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
    expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-request-id"]).toEqual(expect.any(String));
  });

  it("no API answer with people's data may be kept by a cache; the public ones may be, if asked again", async () => {
    const token = await t.tokenFor("worker");
    for (const url of ["/api/me", "/api/clients", "/api/spends", "/api/notifications"]) {
      const res = await t.http.get(url).set("Authorization", `Bearer ${token}`);
      expect(res.status, url).toBe(200);
      expect(res.headers["cache-control"], url).toBe("no-store");
    }
    const login = await t.http.post("/api/auth/login").send({ email: "worker@council.test", password: TEST_PASSWORD });
    expect(login.headers["cache-control"]).toBe("no-store");
    expect((await t.http.get("/api/me")).headers["cache-control"]).toBe("no-store");
    expect((await t.http.get("/api/nope")).headers["cache-control"]).toBe("no-store");
    expect((await t.http.get("/api/config")).headers["cache-control"]).toBe("no-cache");
    expect((await t.http.get(`/api/public/summary?year=${new Date().getFullYear()}`)).headers["cache-control"]).toBe("no-cache");
  });

  it("serves the OpenAPI document generated from the zod schemas", async () => {
    const res = await t.http.get("/docs/json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const login = res.body.paths["/api/auth/login"].post;
    expect(login.requestBody.content["application/json"].schema.properties).toHaveProperty("email");
  });
});
