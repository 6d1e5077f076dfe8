import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SCHEME, councilIds, scalar, type CouncilIds } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, type TestAccount, type TestApp } from "../support/test-app.ts";

const NON_ADMINS: TestAccount[] = ["worker", "worker2", "worker3", "supervisor", "supervisor2", "auditor", "finance"];

interface AdminRoute {
  name: string;
  method: "get" | "post" | "put" | "delete";
  path: (ids: CouncilIds) => string;
  body?: (ids: CouncilIds) => object;
}

/** Every admin-only endpoint, each with a body the admin's own call succeeds with. */
const ADMIN_ROUTES: AdminRoute[] = [
  { name: "list users", method: "get", path: () => "/api/users" },
  {
    name: "create a user",
    method: "post",
    path: () => "/api/users",
    body: (ids) => ({ email: "matrix.made@demo.test", name: "Mat Rix", role: "worker", teamId: ids.teams.north }),
  },
  { name: "update a user", method: "put", path: (ids) => `/api/users/${ids.users.worker3?.id}`, body: () => ({ active: false }) },
  { name: "reset a password", method: "post", path: (ids) => `/api/users/${ids.users.worker2?.id}/reset-password` },
  { name: "create a team", method: "post", path: () => "/api/teams", body: () => ({ name: "Matrix Team", costCentre: "CC-9999", serviceArea: "Testing" }) },
  { name: "update a team", method: "put", path: (ids) => `/api/teams/${ids.teams.east}`, body: () => ({ name: "Adult Services East", costCentre: "CC-5201", serviceArea: "Adult Social Care" }) },
  { name: "set a ledger code", method: "put", path: () => "/api/ledger-codes/Travel", body: () => ({ glCode: "9999" }) },
  { name: "remove a ledger code", method: "delete", path: () => `/api/ledger-codes/${encodeURIComponent("Food and essentials")}` },
  { name: "create a scheme", method: "post", path: () => "/api/schemes", body: () => ({ ...DEFAULT_SCHEME, name: "Matrix scheme" }) },
  { name: "change a scheme", method: "put", path: (ids) => `/api/schemes/${ids.schemeId}`, body: () => ({ ...DEFAULT_SCHEME, name: "Everyday help", perSpendCap: 5_000 }) },
  { name: "move a client", method: "put", path: (ids) => `/api/clients/${ids.clients.north[0]}/team`, body: (ids) => ({ teamId: ids.teams.east }) },
];

describe("admin endpoints: every non-admin test account gets 403 on every one", () => {
  let t: TestApp;
  let ids: CouncilIds;
  const tokens = new Map<TestAccount, string>();

  /** Everything an admin route could write, as text, so a refused call can be shown to have written nothing. */
  const snapshot = () =>
    scalar<string>(
      t,
      sql`select concat_ws('|',
        (select json_agg(u order by u.id)::text from (select id, email, name, role, team_id, staff_id, active, password_hash, must_change_password from users) u),
        (select json_agg(x order by x.id)::text from teams x),
        (select json_agg(x order by x.category)::text from ledger_codes x),
        (select json_agg(x order by x.scheme_id, x.version)::text from scheme_versions x),
        (select json_agg(x order by x.id)::text from (select id, team_id from clients) x),
        (select count(*) from refresh_tokens where revoked_at is not null),
        (select max(id) from events)) as value`,
    );

  beforeAll(async () => {
    t = await startTestApp();
    ids = await councilIds(t);
    for (const account of [...NON_ADMINS, "admin" as const]) tokens.set(account, await t.tokenFor(account));
  });
  afterAll(() => t.close());

  const call = (route: AdminRoute, token: string) => {
    const req = t.http[route.method](route.path(ids)).set("Authorization", `Bearer ${token}`);
    return route.body ? req.send(route.body(ids)) : req;
  };

  it.each(NON_ADMINS)("%s: 403 on every admin endpoint, and nothing is written", async (account) => {
    const before = await snapshot();
    for (const route of ADMIN_ROUTES) {
      const res = await call(route, tokens.get(account) as string);
      expect(res.status, `${account} ${route.name}: ${JSON.stringify(res.body)}`).toBe(403);
      expectProblem(res, 403, { typeEndsWith: "forbidden" });
    }
    expect(await snapshot()).toBe(before);
  });

  it("reference data reads: teams for admin, auditor and finance; ledger codes for admin and finance", async () => {
    const expected: Record<string, { teams: number; ledger: number }> = {
      worker: { teams: 403, ledger: 403 },
      worker2: { teams: 403, ledger: 403 },
      worker3: { teams: 403, ledger: 403 },
      supervisor: { teams: 403, ledger: 403 },
      supervisor2: { teams: 403, ledger: 403 },
      auditor: { teams: 200, ledger: 403 },
      finance: { teams: 200, ledger: 200 },
      admin: { teams: 200, ledger: 200 },
    };
    for (const [account, want] of Object.entries(expected)) {
      const auth = `Bearer ${tokens.get(account as TestAccount)}`;
      expect((await t.http.get("/api/teams").set("Authorization", auth)).status, `${account} teams`).toBe(want.teams);
      expect((await t.http.get("/api/ledger-codes").set("Authorization", auth)).status, `${account} ledger codes`).toBe(want.ledger);
    }
  });

  it("without a token every admin endpoint is 401", async () => {
    for (const route of ADMIN_ROUTES) {
      const req = t.http[route.method](route.path(ids));
      expectProblem(await (route.body ? req.send(route.body(ids)) : req), 401);
    }
  });

  // Last, since it writes: the same calls succeed for the admin, so the 403s above are about the role.
  it("the admin's own identical calls succeed", async () => {
    for (const route of ADMIN_ROUTES) {
      const res = await call(route, tokens.get("admin") as string);
      expect(res.status, `admin ${route.name}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(200);
      expect(res.status, `admin ${route.name}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    }
  });
});
