// Finance's screens, on a phone and on a laptop, in Debian's Chromium against the real server:
// the periods with their totals, downloading the ledger CSV, and closing a month after the
// confirmation, which then shows the sha256 recorded for its export.
import { createHash, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { addDays, periodOf, todayIn } from "@greentape/domain/dates";
import { EXPORT_CSV_HEADER } from "@greentape/domain/export-rows";
import { formatMoney } from "@greentape/domain/money";
import {
  expectNoSeriousA11yViolations,
  heading,
  launchBrowser,
  newDeskContext,
  newPhoneContext,
  screenshot,
  signIn,
  watchPage,
} from "./support/browser.ts";
import { call, login } from "./support/api.ts";

const baseUrl = inject("baseUrl");
/** Answers that wait on the server (and on argon2 at sign-in) can take a while on a busy machine. */
const PATIENTLY = { timeout: 15_000 };

// A month other browser tests leave alone: they log spends dated today. Forty days back is
// always in an earlier month, and within the 60 days a spend may be backdated.
const today = todayIn("Europe/London", new Date());
const spentOn = addDays(today, -40);
const period = periodOf(spentOn);
const monthName = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(
  new Date(`${period}-01T00:00:00Z`),
);

interface PeriodView {
  period: string;
  status: string;
  count: number;
  total: number;
  unjustifiedCount: number;
  exportSha256: string | null;
  logCheckpoint: string | null;
}

let browser: Browser;
let financeToken: string;
/** The net total of the spends this test logged in the month (one is voided, so it counts nothing). */
let loggedTotal = 0;

beforeAll(async () => {
  browser = await launchBrowser();

  // Data through the API, as a worker would log it from the phone.
  const worker = (await login("worker@demo.test")).token;
  const schemes = await call<{ items: { id: string; categories: string[] }[] }>("GET", "/api/schemes", worker);
  const clients = await call<{ items: { id: string }[] }>("GET", "/api/clients", worker);
  const scheme = schemes.items[0]!;
  const spend = (amount: number, payee: string, clientId: string) =>
    call<{ id: string }>(
      "POST",
      "/api/spends",
      worker,
      { schemeId: scheme.id, clientId, amount, category: scheme.categories[0], payee, paymentMethod: "prepaid_card", spentOn, note: "Browser test" },
      { "Idempotency-Key": randomUUID() },
    );
  await spend(1250, "Northern Rail", clients.items[0]!.id);
  await spend(3005, 'Corner Shop, "Best" Ltd', clients.items[1]!.id);
  const voided = await spend(999, "Cancelled Cafe", clients.items[2]!.id);
  await call("POST", `/api/spends/${voided.id}/void`, worker, { reason: "Logged by mistake in the browser test" });
  loggedTotal = 1250 + 3005;

  financeToken = (await login("finance@demo.test")).token;
});

afterAll(async () => {
  await browser?.close();
});

async function financePage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page; watcher: ReturnType<typeof watchPage> }> {
  const context = viewport
    ? await newDeskContext(browser, baseUrl, viewport)
    : await newPhoneContext(browser, baseUrl);
  const page = await context.newPage();
  const watcher = watchPage(page);
  await signIn(page, "finance@demo.test");
  return { context, page, watcher };
}

describe("finance", () => {
  it("shows each period with its count, total and status", async () => {
    const { context, page, watcher } = await financePage();
    try {
      const fromApi = await call<{ items: PeriodView[] }>("GET", "/api/periods", financeToken);
      const mine = fromApi.items.find((p) => p.period === period);
      expect(mine, `period ${period} is listed`).toBeDefined();
      expect(mine!.status).toBe("open");
      // The voided spend counts nothing; other tests may have added to the month, never taken away.
      expect(mine!.total).toBeGreaterThanOrEqual(loggedTotal);

      // The menu item, as a person would find it on a phone.
      await page.getByRole("button", { name: "Menu" }).click();
      await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Periods" }).click();
      await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe("Periods");
      const row = page.locator(`tr[data-period="${period}"]`);
      await row.waitFor();
      expect(await row.getByRole("link").innerText()).toBe(monthName);
      expect(await row.getByTestId("period-total").innerText()).toBe(formatMoney(mine!.total));
      expect(await row.innerText()).toContain("Open");
      expect(await row.innerText()).toContain(String(mine!.count));

      await expectNoSeriousA11yViolations(page, "periods");
      await screenshot(page, "finance-periods");
      watcher.assertClean();
    } finally {
      await context.close();
    }
  });

  it("downloads the ledger CSV, closes the month after the confirmation, and shows the recorded sha256", async () => {
    const { context, page, watcher } = await financePage();
    try {
      await page.goto("/periods");
      await page.locator(`tr[data-period="${period}"]`).getByRole("link", { name: monthName }).click();
      await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe(monthName);
      await expectNoSeriousA11yViolations(page, "open period");
      await screenshot(page, "finance-period-open");

      // The ledger CSV, fetched with the access token and saved under the server's name.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download Ledger export (CSV)" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`green-tape-${period}.csv`);
      const csv = await readFile((await download.path())!, "utf8");
      expect(csv.replace(/^\uFEFF/, "").startsWith(EXPORT_CSV_HEADER)).toBe(true);
      expect(csv).toContain('"Corner Shop, ""Best"" Ltd"');
      await page.getByTestId("download-status").getByText(`Downloaded green-tape-${period}.csv`).waitFor();

      // The confirmation: how many are still unjustified, and that a closed month is never reopened.
      const before = await call<PeriodView>("GET", `/api/periods/${period}`, financeToken);
      expect(before.unjustifiedCount).toBeGreaterThanOrEqual(2);
      await page.getByRole("link", { name: `Close ${monthName}` }).click();
      await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe(`Close ${monthName}`);
      expect(await page.getByTestId("unjustified-count").innerText()).toBe(`${before.unjustifiedCount} spends`);
      expect(await page.locator(".govuk-warning-text").innerText()).toContain("A closed month is never reopened");
      await expectNoSeriousA11yViolations(page, "close period confirmation");
      await screenshot(page, "finance-close-confirmation");

      // With a category that has no ledger code the month cannot close: the page says which, and
      // offers no button. (The server's answer is stood in for: the demo's categories are all mapped.)
      const periodAnswer = `**/api/periods/${period}`;
      await page.route(periodAnswer, async (route) => {
        const answer = await route.fetch();
        await route.fulfill({ response: answer, json: { ...((await answer.json()) as object), unmappedCategories: ["Winter coats"] } });
      });
      await page.reload();
      const unmapped = page.getByTestId("unmapped-categories");
      await unmapped.waitFor();
      expect(await unmapped.innerText()).toContain("Winter coats");
      expect(await page.getByRole("button", { name: `Close ${monthName}` }).count()).toBe(0);
      await expectNoSeriousA11yViolations(page, "close period, a category unmapped");
      await screenshot(page, "finance-close-unmapped");
      await page.unroute(periodAnswer);
      await page.reload();
      await page.getByRole("button", { name: `Close ${monthName}` }).waitFor();

      await page.getByRole("button", { name: `Close ${monthName}` }).click();
      await page.getByTestId("success-heading").waitFor();
      expect(await page.getByTestId("success-heading").innerText()).toBe(`${monthName} is closed`);
      expect(new URL(page.url()).pathname).toBe(`/periods/${period}`);

      const after = await call<PeriodView>("GET", `/api/periods/${period}`, financeToken);
      expect(after.status).toBe("closed");
      expect(after.exportSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(await page.getByTestId("export-sha256").innerText()).toBe(after.exportSha256);
      // The confirmation shows the log's checkpoint recorded at close, as the month's files carry it.
      expect(after.logCheckpoint).toMatch(/\n\n— /);
      expect((await page.getByTestId("log-checkpoint").innerText()).trim()).toBe(after.logCheckpoint?.trim());
      expect(await page.locator(".govuk-summary-list").innerText()).toContain("Closed");
      // No way to close it again.
      expect(await page.getByRole("link", { name: `Close ${monthName}` }).count()).toBe(0);
      await expectNoSeriousA11yViolations(page, "closed period");
      await screenshot(page, "finance-period-closed");

      // The CSV downloaded now is the one whose fingerprint was recorded.
      const [again] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download Ledger export (CSV)" }).click(),
      ]);
      const bytes = await readFile((await again.path())!);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(after.exportSha256);

      // The list shows it closed.
      await page.getByRole("link", { name: "All periods" }).click();
      const row = page.locator(`tr[data-period="${period}"]`);
      await row.waitFor();
      expect(await row.innerText()).toContain("Closed");
      watcher.assertClean();
    } finally {
      await context.close();
    }
  });

  it("breaks the month down by team, category, scheme and payment method on a 1366x900 screen: a chart and its table for each", async () => {
    const { context, page, watcher } = await financePage({ width: 1366, height: 900 });
    try {
      const figures = await call<PeriodView>("GET", `/api/periods/${period}`, financeToken);
      await page.goto(`/periods/${period}`);
      await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe(monthName);
      // Closed by the test before: the unjustified count its close showed, and the live one beside it.
      expect(await page.getByTestId("unjustified-at-close").innerText()).toBe(`${figures.unjustifiedCount} spends`);
      await page.getByTestId("unjustified-live").waitFor();
      expect(await page.locator(".govuk-summary-list").innerText()).toContain("Not yet justified now (live)");

      // The CSV for Excel on Windows starts with a byte order mark.
      await page.getByLabel("CSV files for Excel on Windows").check();
      const [marked] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download Ledger export (CSV)" }).click()]);
      const bytes = await readFile((await marked.path())!);
      expect(bytes.subarray(0, 3).toString("hex")).toBe("efbbbf");
      expect(bytes.subarray(3).toString("utf8").startsWith(EXPORT_CSV_HEADER)).toBe(true);

      await page.getByRole("link", { name: `${monthName} by team, category, scheme and payment method` }).click();
      await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe(`${monthName} broken down`);
      expect(await page.getByTestId("breakdown-total-GBP").innerText()).toBe(formatMoney(figures.total));
      const pence = (text: string) => Math.round(Number(text.replace(/[£,]/g, "")) * 100);
      for (const dimension of ["team", "category", "scheme", "paymentMethod"]) {
        // Plot draws the chart once the column's width is known; each bar is a rect.
        await page.getByTestId(`chart-${dimension}`).locator("svg rect").first().waitFor(PATIENTLY);
        const totals = await page.getByTestId(`table-${dimension}`).locator("tbody tr td:nth-child(3)").allInnerTexts();
        expect(totals.length, dimension).toBeGreaterThan(0);
        expect(totals.reduce((sum, text) => sum + pence(text), 0), dimension).toBe(figures.total);
      }
      // This test's spends were all by prepaid card, in the demo's Everyday help scheme.
      expect(await page.getByTestId("table-paymentMethod").innerText()).toContain("Prepaid card");
      expect(await page.getByTestId("table-scheme").innerText()).toContain("Everyday help");

      await expectNoSeriousA11yViolations(page, "period breakdown");
      await screenshot(page, "finance-breakdown-1366x900");
      watcher.assertClean();
    } finally {
      await context.close();
    }
  });

  it("lays the periods out for a laptop", async () => {
    const { context, page, watcher } = await financePage({ width: 1280, height: 800 });
    try {
      await page.goto(`/periods/${period}`);
      await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe(monthName);
      await page.getByTestId("period-total").waitFor();
      await expectNoSeriousA11yViolations(page, "period on a laptop");
      await screenshot(page, "finance-period-laptop");
      await page.goto("/periods");
      await page.locator(`tr[data-period="${period}"]`).waitFor();
      await screenshot(page, "finance-periods-laptop");
      watcher.assertClean();
    } finally {
      await context.close();
    }
  });
});
