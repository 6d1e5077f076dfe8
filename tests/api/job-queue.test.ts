import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "../support/factories.ts";
import { startTestApp } from "../support/test-app.ts";

/** The queue the app runs with JOB_QUEUE=auto: pg-boss on PostgreSQL (two instances, one schedule), a timer on PGlite. */
describe("the job queue", () => {
  it("schedules the reminders' sweep once however many instances start", async () => {
    const a = await startTestApp({ env: { JOB_QUEUE: "auto" } });
    const b = await a.sibling();
    try {
      if (a.kind === "postgres") {
        const schedules = await rows<{ name: string; cron: string }>(a, sql`select name, cron from pgboss.schedule`);
        expect(schedules).toEqual([{ name: "reminders-sweep", cron: "* * * * *" }]);
      } else {
        // No pg-boss over PGlite: the sweep is a timer in the process (lib/job-queue.ts).
        expect(await rows(a, sql`select 1 from information_schema.schemata where schema_name = 'pgboss'`)).toEqual([]);
      }
    } finally {
      await b.close();
      await a.close();
    }
  }, 60_000);
});
