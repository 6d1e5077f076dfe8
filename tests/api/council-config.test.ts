import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app.ts";

describe("GET /api/config: the settings the web app takes from the server", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false, env: { TIME_ZONE: "Pacific/Auckland", COUNCIL_NAME: "Wellington Test Council" } });
  });
  afterAll(() => t.close());

  it("answers anyone, before sign-in, with the council's time zone and name", async () => {
    const res = await t.http.get("/api/config");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ councilName: "Wellington Test Council", timeZone: "Pacific/Auckland", councilAccountSignIn: false });
  });

  it("is described in the OpenAPI document", async () => {
    const res = await t.http.get("/docs/json");
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toContain("/api/config");
  });
});
