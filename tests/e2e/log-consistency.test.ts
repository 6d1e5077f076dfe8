// Must-show: an auditor checks the log in the browser; the server's log is then truncated under
// them by a database superuser (the newest entries deleted with their leaves, tree nodes and
// checkpoints, so the database agrees with itself); the next check in the same browser says the
// new checkpoint is not consistent with the one it holds. The server here is this test's own (the
// shared one must stay whole for the other tests): stopped for the truncation and started again on
// the same port, so the browser's origin, and the checkpoints it keeps, are the same.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { openDatabase } from "@greentape/db/client";
import { createFreshDatabase, type FreshDatabase } from "../support/database.ts";
import { startServer, stopServer } from "../support/server-process.ts";
import { expectNoSeriousA11yViolations, heading, launchBrowser, newDeskContext, screenshot, signIn, watchPage } from "./support/browser.ts";

const OFFICE = { width: 1366, height: 900 };
const DELETED = 3;

describe("the auditor's browser keeps the log's checkpoints", () => {
  let dataDir: string;
  let database: FreshDatabase | null = null;
  let server: ChildProcess | null = null;
  let env: Record<string, string>;
  let browser: Browser;
  let page: Page;

  const start = async () => {
    const started = await startServer(database?.url ?? null, env);
    server = started.child;
    return started.base;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "greentape-log-e2e-"));
    database = await createFreshDatabase();
    // The same secrets and data across the restart: the browser's session and the log's key survive it.
    env = { DATA_DIR: dataDir, SEED_DEMO: "true", JWT_SECRET: "e2e-log-secret-e2e-log-secret-e2e-log-secret", WEB_DIST: join(import.meta.dirname, "../../apps/web/dist") };
    const base = await start();
    env.PORT = new URL(base).port;
    browser = await launchBrowser();
    page = await (await newDeskContext(browser, base, OFFICE)).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server);
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("says plainly that the new checkpoint is not consistent once the server's log is truncated", async () => {
    const watcher = watchPage(page);
    await signIn(page, "auditor@demo.test");
    await page.goto("/event-log");
    await expect.poll(() => heading(page).textContent()).toBe("Event log");
    await page.getByRole("button", { name: "Check the event log" }).click();
    await page.getByTestId("chain-ok").waitFor();
    const held = await page.getByTestId("checkpoint").innerText();
    const heldSize = Number(held.split("\n")[1]);
    expect(heldSize).toBeGreaterThan(DELETED);

    // A superuser truncates the log while the server is down, covering every track the database keeps.
    if (server) await stopServer(server);
    const handle = await openDatabase(database ? { databaseUrl: database.url, poolSize: 1 } : { dataDir });
    try {
      await handle.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        const keep = heldSize - DELETED;
        await tx.execute(sql`delete from events where id in (select event_id from log_leaves where log_index >= ${keep})`);
        await tx.execute(sql`delete from log_leaves where log_index >= ${keep}`);
        // Every stored subtree that reaches past the kept leaves.
        await tx.execute(sql`delete from log_nodes where (idx + 1) * power(2, level) > ${keep}`);
        await tx.execute(sql`delete from log_checkpoints where tree_size > ${keep}`);
      });
    } finally {
      await handle.close();
    }
    await start();

    await page.getByRole("button", { name: "Check the event log" }).click();
    await page.getByTestId("log-inconsistent").waitFor();
    const said = await page.getByTestId("log-inconsistent").innerText();
    expect(said).toContain("The new checkpoint is not consistent with the one this browser holds.");
    expect(said).toContain(`fewer than the ${heldSize} this browser saw`);
    await expectNoSeriousA11yViolations(page, "event log truncated under the auditor");
    await screenshot(page, "auditor-event-log-truncated-1366");
    watcher.assertClean();
  });
});
