import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilIds, postSpend, spendBody } from "../support/factories.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// Words that occur nowhere else, so finding any of them in the log can only mean a leak.
const CLIENT_NAME = "Zebedee Quillfeather";
const NARRATIVE = "Taxi for Zebedee to the refuge after the night her partner came back to the flat";
const PAYEE = "Marchbanks Hosiery of Wexcombe";
const STAFF_NAME = "Ottoline Brackenbury";
const TEMPORARY_PASSWORD = "lantern orchard pebble meadow";

interface LogLine {
  level: number;
  msg: string;
  req?: { url?: string };
  err?: { type: string; code?: string; message: string; constraint?: string; cause?: { type: string; code?: string; constraint?: string } };
}

/**
 * Queries that fail with people's data among their bound values, through the real routes: the
 * test's own database refuses the exact values with a CHECK constraint, as a real constraint, a
 * type error or a dropped connection would. The failure is logged with its type and SQLSTATE; not
 * one of the values is.
 */
describe("error logs never carry the data of the query that failed", () => {
  let t: TestApp;
  const output: string[] = [];
  const lines = () => output.join("").split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as LogLine);

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: "info" }, logDestination: { write: (line) => void output.push(line) } });
    const refuse = (table: string, column: string, value: string) =>
      t.database.db.execute(sql.raw(`alter table ${table} add constraint test_refuses_${column} check (${column} is distinct from '${value.replaceAll("'", "''")}')`));
    await refuse("clients", "display_name", CLIENT_NAME);
    await refuse("justification_revisions", "narrative", NARRATIVE);
    await refuse("spends", "payee", PAYEE);
    await refuse("users", "name", STAFF_NAME);
  });
  afterAll(() => t.close());

  it("a client's name, a narrative, a payee and a password hash stay out of the log when their insert fails", async () => {
    const worker = await t.tokenFor("worker");
    const admin = await t.tokenFor("admin");
    const ids = await councilIds(t);
    const as = (token: string) => ({ Authorization: `Bearer ${token}` });

    const client = await t.http.post("/api/clients").set(as(worker)).send({ reference: "C-LOG-1", displayName: CLIENT_NAME });
    expect(client.status).toBe(500);
    const spend = await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string, payee: PAYEE }));
    expect(spend.status).toBe(500);
    const logged = await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string }));
    expect(logged.status).toBe(201);
    const justified = await t.http.put(`/api/spends/${logged.body.id}/justification`).set(as(worker)).send({ narrative: NARRATIVE, intendedOutcome: "Zebedee is safe tonight" });
    expect(justified.status).toBe(500);
    const user = await t.http.post("/api/users").set(as(admin)).send({ email: "ottoline@demo.test", name: STAFF_NAME, role: "worker", teamId: ids.teams.north, temporaryPassword: TEMPORARY_PASSWORD });
    expect(user.status).toBe(500);
    // A search for a person by name is in the query string, which the request log leaves out.
    const search = await t.http.get(`/api/clients?q=${encodeURIComponent(CLIENT_NAME)}`).set(as(worker));
    expect(search.status).toBe(200);

    const all = output.join("");
    for (const secret of [CLIENT_NAME, "Zebedee", "Quillfeather", NARRATIVE, "refuge", PAYEE, "Marchbanks", STAFF_NAME, "Brackenbury", TEMPORARY_PASSWORD, "$argon2id$"]) {
      expect(all, `the log holds ${secret}`).not.toContain(secret);
    }

    // Still logged, with what an operator needs: the type, the SQLSTATE, the constraint, the request.
    const failures = lines().filter((line) => line.msg === "unhandled error");
    expect(failures).toHaveLength(4);
    for (const { err } of failures) {
      // drizzle's DrizzleQueryError around the driver's error, or the driver's own for a raw query.
      expect(err?.type).toMatch(/\w/);
      if (err?.cause) expect(err).toMatchObject({ type: "DrizzleQueryError", message: "Failed query" });
      expect(err?.code).toBe("23514");
    }
    expect(failures.map(({ err }) => err?.constraint ?? err?.cause?.constraint).sort()).toEqual([
      "test_refuses_display_name",
      "test_refuses_name",
      "test_refuses_narrative",
      "test_refuses_payee",
    ]);
    expect(lines().some((line) => line.req?.url === "/api/clients" && line.msg === "incoming request")).toBe(true);
  });
});
