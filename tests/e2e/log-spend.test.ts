// Logging a spend on a phone: with a receipt photo, then with no signal (it waits in the
// outbox and is sent once when the signal returns), against the real server in Chromium.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import {
  expectNoSeriousA11yViolations,
  heading,
  openPhonePage,
  screenshot,
  signIn,
  type PhonePage,
} from "./support/browser.ts";
import { call, login } from "./support/api.ts";

const baseUrl = inject("baseUrl");
const repoRoot = join(import.meta.dirname, "..", "..");
const RECEIPT = join(repoRoot, "tests", "fixtures", "receipt-with-gps.jpg");
const WORKER = "worker@demo.test";

// Names this run makes, so other test files sharing the server never trip over them.
const run = Date.now().toString(36).toUpperCase();
const CLIENT_REF = `E2E-${run}`;
const ONLINE_PAYEE = `Go North East ${run}`;
const OFFLINE_PAYEE = `Corner shop ${run}`;

let phone: PhonePage;
let context: BrowserContext;
let page: Page;
let watcher: PhonePage["watcher"];

beforeAll(async () => {
  phone = await openPhonePage(baseUrl);
  ({ context, page, watcher } = phone);
});

afterAll(async () => {
  await phone?.close();
});

// One API sign-in per file: sign-ins are rate limited per account (10 in 15 minutes), and other
// files sign this account in too.
let session: Promise<{ token: string; userId: string }> | null = null;

function apiSession(): Promise<{ token: string; userId: string }> {
  session ??= login(WORKER).then(({ token, user }) => ({ token, userId: user.id }));
  return session;
}

interface SpendRow {
  id: string;
  payee: string;
  amount: number;
  irrecoverableVat: number | null;
}

async function spendsWithPayee(payee: string): Promise<SpendRow[]> {
  const { token, userId } = await apiSession();
  const answer = await call<{ items: SpendRow[] }>("GET", `/api/spends?workerId=${userId}&limit=200`, token);
  return answer.items.filter((s) => s.payee === payee);
}

/**
 * The server's answer while a worker's spending is paused (an overdue justification past its
 * grace period). Making a real pause needs the clock moved, so the browser stands in for it.
 */
async function pauseSpending(overdue: SpendRow): Promise<void> {
  await page.route("**/api/spends", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    return route.fulfill({
      status: 422,
      contentType: "application/problem+json",
      body: JSON.stringify({
        type: "/problems/allowance-paused",
        title: "New spends are paused until you catch up",
        status: 422,
        detail: "You have 1 justification overdue past the grace period. Write it and your green light comes back at once.",
        overdueSpends: [{ id: overdue.id, amount: overdue.amount, currency: "GBP", payee: overdue.payee, spentOn: "2026-01-01" }],
      }),
    });
  });
}

/** The phone's menu folds behind "Menu": open it and follow a link, as a person would. */
async function openMenuItem(name: string): Promise<void> {
  const nav = page.getByRole("navigation", { name: "Menu" });
  const toggle = nav.getByRole("button", { name: "Menu" });
  if ((await toggle.count()) > 0 && (await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await nav.getByRole("link", { name, exact: true }).click();
}

async function chooseChip(legend: string, label: string): Promise<void> {
  await page.getByRole("group", { name: legend }).getByText(label, { exact: true }).click();
}

/** Fills in the log-a-spend form for this run's client, as the worker would. */
async function fillSpendForm(spend: { amount: string; category: string; payee: string; paidBy: string }): Promise<void> {
  await page.getByLabel("Amount").fill(spend.amount);
  await page.getByLabel("Search by reference or name").fill(CLIENT_REF);
  await page.getByRole("radio", { name: CLIENT_REF }).check();
  await chooseChip("Category", spend.category);
  await page.getByLabel("Who was paid").fill(spend.payee);
  await chooseChip("How it was paid", spend.paidBy);
}

describe("logging a spend on a phone", () => {
  it("logs a spend with a receipt photo, for a client added on the spot, and sees it in My spends", async () => {
    await page.goto("/");
    await signIn(page, WORKER);
    await openMenuItem("Log a spend");
    await page.waitForURL("**/spends/new");
    await expect.poll(() => heading(page).textContent()).toBe("Log a spend");
    expect(await page.title()).toBe("Log a spend – Green Tape");

    // The amount opens the numeric keypad; the camera is offered for the receipt.
    const amount = page.getByLabel("Amount");
    expect(await amount.getAttribute("inputmode")).toBe("decimal");
    const receipt = page.getByLabel("Receipt (optional)");
    expect(await receipt.getAttribute("capture")).toBe("environment");
    expect(await receipt.getAttribute("accept")).toBe("image/*,application/pdf");
    // Today is the default date; one scheme is chosen for you.
    expect(await page.getByLabel("Date spent").inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.getByText("Scheme: Everyday help").count()).toBe(1);

    // Sending it empty names each thing missing.
    await page.getByRole("button", { name: "Log spend" }).click();
    const summary = page.locator(".govuk-error-summary");
    await summary.waitFor();
    const problems = await summary.getByRole("link").allInnerTexts();
    expect(problems).toEqual(
      expect.arrayContaining([
        "Enter the amount, like 12.50",
        "Choose the client the money was spent for",
        "Choose a category",
        "Enter who was paid, like the shop or bus company",
      ]),
    );
    expect(await page.title()).toBe("Error: Log a spend – Green Tape");
    await expectNoSeriousA11yViolations(page, "log a spend with errors");
    await screenshot(page, "log-spend-errors");

    // A new client, added without leaving the form.
    await page.getByRole("button", { name: "Add a new client" }).click();
    await page.getByLabel("Reference", { exact: true }).fill(CLIENT_REF);
    await page.getByRole("button", { name: "Add client" }).click();
    await expect.poll(() => page.getByRole("radio", { name: CLIENT_REF }).isChecked()).toBe(true);

    // What is left under each cap, for this client; a warning when the amount is over.
    const allowance = page.getByTestId("allowance");
    await expect.poll(() => allowance.innerText()).toContain(`For ${CLIENT_REF}, over 30 days`);
    expect(await allowance.innerText()).toContain("Most you can spend now: £75.00");
    await amount.fill("80");
    await expect.poll(() => page.getByTestId("over-cap").count()).toBe(1);
    expect(await page.getByTestId("over-cap").innerText()).toContain("normal approval route");

    await amount.fill("4.20");
    await expect.poll(() => page.getByTestId("over-cap").count()).toBe(0);
    await chooseChip("Category", "Travel");
    expect(await page.getByRole("radio", { name: "Travel" }).isChecked()).toBe(true);
    await page.getByLabel("Who was paid").fill(ONLINE_PAYEE);
    await chooseChip("How it was paid", "Prepaid card");
    await page.getByLabel("VAT the council cannot reclaim (optional)").fill("0.70");
    await page.getByLabel("Note (optional)").fill("Bus fare to the job centre");
    await receipt.setInputFiles(RECEIPT);
    await page.getByRole("img", { name: "The receipt you chose" }).waitFor();

    await expectNoSeriousA11yViolations(page, "log a spend, filled in");
    await screenshot(page, "log-spend-filled");

    await page.getByRole("button", { name: "Log spend" }).click();
    await page.waitForURL("**/spends");
    const banner = page.getByTestId("logged-banner");
    await banner.waitFor();
    expect(await banner.innerText()).toContain(`Spend logged: £4.20 for ${CLIENT_REF}`);

    const card = page.getByTestId("spend-card").filter({ hasText: ONLINE_PAYEE });
    await card.waitFor();
    expect(await card.innerText()).toContain(`£4.20 for ${CLIENT_REF}`);
    // Every open track of the spend, not one: the justification, the follow-up and (none was declared lost) nothing about the receipt, which came with it.
    // (The receipt follows the spend from the outbox: "Receipt sending" until it has gone.)
    await expect
      .poll(() => card.getByRole("list", { name: "What is still open" }).getByRole("listitem").allInnerTexts())
      .toEqual([expect.stringMatching(/^Justify by /), expect.stringMatching(/^Follow up by /)]);
    // The month's total, from the server's minor units, formatted here.
    const { token } = await apiSession();
    const month = await call<{ period: string; count: number; totals: { currency: string; amount: number }[] }>("GET", "/api/me/month-total", token);
    const pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" }).format((month.totals[0]?.amount ?? 0) / 100);
    await expect.poll(() => page.getByTestId("month-total").innerText()).toContain(`: ${pounds} on ${month.count} spend`);
    expect(month.count).toBeGreaterThanOrEqual(1);
    await expectNoSeriousA11yViolations(page, "my spends");
    await screenshot(page, "my-spends-after-logging");

    // The spend's page shows the receipt (fetched with the access token) and the whole case.
    await banner.getByRole("link", { name: "View the spend" }).click();
    await expect.poll(() => heading(page).textContent()).toBe(`£4.20 for ${CLIENT_REF}`);
    const image = page.getByRole("img", { name: "Receipt 1: photo of the receipt" });
    await image.waitFor();
    await expect.poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    expect(await image.getAttribute("src")).toMatch(/^blob:/);
    expect(await page.getByTestId("timeline").innerText()).toContain("Receipt added");
    await expectNoSeriousA11yViolations(page, "spend page");
    await screenshot(page, "spend-page-with-receipt");

    const rows = await spendsWithPayee(ONLINE_PAYEE);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.amount).toBe(420);
    expect(rows[0]?.irrecoverableVat).toBe(70);
    watcher.assertClean();
  });

  it("keeps the form and says why when a cap is exceeded", async () => {
    await openMenuItem("Log a spend");
    await expect.poll(() => heading(page).textContent()).toBe("Log a spend");
    await fillSpendForm({ amount: "80.00", category: "Clothing", payee: `Big shop ${run}`, paidBy: "Voucher" });
    await page.getByRole("button", { name: "Log spend" }).click();

    const summary = page.locator(".govuk-error-summary");
    await summary.waitFor();
    expect(await summary.innerText()).toContain("can be at most £75.00");
    expect(await summary.innerText()).toContain("normal approval route");
    // The form is kept as it was.
    expect(await page.getByLabel("Amount").inputValue()).toBe("80.00");
    expect(await page.getByLabel("Who was paid").inputValue()).toBe(`Big shop ${run}`);
    expect(new URL(page.url()).pathname).toBe("/spends/new");
    await expectNoSeriousA11yViolations(page, "log a spend over the cap");
    await screenshot(page, "log-spend-cap-exceeded");
    expect(await spendsWithPayee(`Big shop ${run}`)).toHaveLength(0);

    // Paused: the worker is told why, and which spends to justify.
    const [overdue] = await spendsWithPayee(ONLINE_PAYEE);
    await pauseSpending(overdue as SpendRow);
    await page.getByLabel("Amount").fill("5.00");
    await page.getByRole("button", { name: "Log spend" }).click();
    const paused = page.getByTestId("paused");
    await paused.waitFor();
    expect(await paused.innerText()).toContain("New spends are paused until you catch up");
    expect(await paused.getByRole("link", { name: `Justify £4.20 paid to ${ONLINE_PAYEE}` }).getAttribute("href")).toBe(`/spends/${overdue?.id}/justify`);
    expect(await page.evaluate("document.activeElement?.dataset.testid")).toBe("paused");
    expect(await page.getByLabel("Who was paid").inputValue()).toBe(`Big shop ${run}`);
    await expectNoSeriousA11yViolations(page, "log a spend while paused");
    await screenshot(page, "log-spend-paused");
    await page.unroute("**/api/spends");
    watcher.assertClean();
  });

  it("logs a spend with no signal: it waits on the phone, then is sent exactly once", async () => {
    await page.goto("/spends");
    await page.getByTestId("spend-card").first().waitFor();

    await context.setOffline(true);
    await expect.poll(() => page.evaluate("navigator.onLine")).toBe(false);
    await openMenuItem("Log a spend");
    await expect.poll(() => heading(page).textContent()).toBe("Log a spend");
    // The schemes and clients come from the phone.
    await page.getByText("You seem to be offline").first().waitFor();
    await fillSpendForm({ amount: "3.10", category: "Food and essentials", payee: OFFLINE_PAYEE, paidBy: "Petty cash" });
    await expect.poll(() => page.getByTestId("allowance").innerText()).toContain("offline");
    await screenshot(page, "log-spend-offline");
    await page.getByRole("button", { name: "Log spend" }).click();

    await page.waitForURL("**/spends");
    const banner = page.getByTestId("logged-banner");
    await banner.waitFor();
    expect(await banner.innerText()).toContain(`Saved on this phone: £3.10 for ${CLIENT_REF}`);
    const waiting = page.getByTestId("outbox-card").filter({ hasText: OFFLINE_PAYEE });
    await waiting.waitFor();
    expect(await waiting.innerText()).toContain("Waiting to send");
    expect(await page.getByTestId("outbox-status").innerText()).toBe("1 spend is waiting to send.");
    await expectNoSeriousA11yViolations(page, "my spends, offline");
    await screenshot(page, "my-spends-waiting-to-send");
    expect(await spendsWithPayee(OFFLINE_PAYEE)).toHaveLength(0);

    // The signal comes back: the outbox sends it by itself.
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId("outbox-card").count(), { timeout: 30_000 }).toBe(0);
    const sent = page.getByTestId("spend-card").filter({ hasText: OFFLINE_PAYEE });
    await sent.waitFor({ timeout: 30_000 });
    await expect.poll(() => sent.innerText()).toContain("Sent");
    expect(await sent.innerText()).toContain(`£3.10 for ${CLIENT_REF}`);
    await expectNoSeriousA11yViolations(page, "my spends, sent");
    await screenshot(page, "my-spends-sent");

    // Exactly one row on the server, even after a reload and another round of retries.
    await page.reload();
    await page.getByTestId("spend-card").filter({ hasText: OFFLINE_PAYEE }).waitFor();
    expect(await page.getByTestId("outbox-card").count()).toBe(0);
    const rows = await spendsWithPayee(OFFLINE_PAYEE);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.amount).toBe(310);
    watcher.assertClean();
  });

  it("keeps a spend the server refused on sync, says why, and lets the worker correct and resend it", async () => {
    const payee = `Chemist ${run}`;
    const [overdue] = await spendsWithPayee(ONLINE_PAYEE);
    expect(overdue).toBeDefined();
    await page.goto("/spends");
    await page.getByTestId("spend-card").first().waitFor();

    await context.setOffline(true);
    await expect.poll(() => page.evaluate("navigator.onLine")).toBe(false);
    await openMenuItem("Log a spend");
    await expect.poll(() => heading(page).textContent()).toBe("Log a spend");
    await fillSpendForm({ amount: "3.30", category: "Food and essentials", payee, paidBy: "Petty cash" });
    await page.getByLabel("Receipt (optional)").setInputFiles(RECEIPT);
    await page.getByRole("button", { name: "Log spend" }).click();
    await page.getByTestId("outbox-card").filter({ hasText: payee }).waitFor();

    // When the signal returns, the server says no: this worker's spending is paused.
    await pauseSpending(overdue as SpendRow);
    await context.setOffline(false);
    const card = page.getByTestId("outbox-card").filter({ hasText: payee });
    await expect.poll(() => card.innerText(), { timeout: 30_000 }).toContain("Needs your attention");
    expect(await card.innerText()).toContain("New spends are paused until you catch up");
    expect(await card.getByRole("link", { name: `Justify £4.20 paid to ${ONLINE_PAYEE}` }).getAttribute("href")).toBe(`/spends/${overdue?.id}/justify`);
    expect(await page.getByTestId("outbox-status").innerText()).toBe("1 spend needs your attention.");
    await expectNoSeriousA11yViolations(page, "my spends, refused on sync");
    await screenshot(page, "my-spends-needs-attention");

    // It is not retried, and it survives a reload.
    await page.reload();
    await expect.poll(() => page.getByTestId("outbox-card").filter({ hasText: payee }).innerText()).toContain("Needs your attention");
    await page.unroute("**/api/spends");
    expect(await spendsWithPayee(payee)).toHaveLength(0);

    // Correct it (a new idempotency key) and send it again.
    await page.getByTestId("outbox-card").filter({ hasText: payee }).getByRole("link", { name: "Correct and send again" }).click();
    await expect.poll(() => page.getByLabel("Amount").inputValue()).toBe("3.30");
    expect(await page.getByLabel("Who was paid").inputValue()).toBe(payee);
    expect(await page.getByRole("radio", { name: "Food and essentials" }).isChecked()).toBe(true);
    expect(await page.getByTestId("receipt-chosen").count()).toBe(1);
    expect(await page.locator("main").innerText()).toContain("The server did not accept this spend");
    await screenshot(page, "log-spend-correcting");
    await page.getByLabel("Amount").fill("3.40");
    await page.getByRole("button", { name: "Log spend" }).click();
    await page.waitForURL("**/spends");
    await page.getByTestId("spend-card").filter({ hasText: payee }).waitFor();
    expect(await page.getByTestId("outbox-card").count()).toBe(0);
    const rows = await spendsWithPayee(payee);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.amount).toBe(340);
    watcher.assertClean();
  });

  it("opens with no signal as the worker the phone remembers, and a spend logged then is sent when the signal is back", async () => {
    const payee = `Bakery ${run}`;
    await page.goto("/");
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    // The home page first: the button the worker came for, and where they stand.
    const main = page.getByRole("main");
    await expect.poll(() => page.getByTestId("spending-now").innerText()).toMatch(/left to spend this month/);
    expect(await page.getByTestId("todo-count").innerText()).not.toBe("");

    // The phone drops the page (the browser closed it) and it is opened again in a stairwell.
    await page.evaluate("navigator.serviceWorker.ready.then(() => true)");
    await expect.poll(() => page.evaluate("navigator.serviceWorker.controller !== null")).toBe(true);
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId("opened-offline").waitFor();
    expect(await heading(page).textContent()).toBe("Your spending");
    expect(await page.getByTestId("signed-in-user").innerText()).toContain("Worker");
    await expect.poll(() => page.getByTestId("spending-now").innerText()).toContain("You seem to be offline");
    await expectNoSeriousA11yViolations(page, "home, opened with no signal");
    await screenshot(page, "home-opened-offline");

    await main.getByRole("link", { name: "Log a spend" }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Log a spend");
    await fillSpendForm({ amount: "2.60", category: "Food and essentials", payee, paidBy: "Petty cash" });
    await page.getByRole("button", { name: "Log spend" }).click();
    await page.getByTestId("outbox-card").filter({ hasText: payee }).waitFor();
    expect(await spendsWithPayee(payee)).toHaveLength(0);

    // The signal comes back: the session is confirmed with the server and the spend goes, once.
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId("outbox-card").count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.getByTestId("opened-offline").count()).toBe(0);
    const rows = await spendsWithPayee(payee);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.amount).toBe(260);
    watcher.assertClean();
  });

  it("forgets the outbox and who was signed in at sign-out, so it no longer opens offline", async () => {
    expect(await page.evaluate("indexedDB.databases().then((d) => d.map((x) => x.name))")).toContain("green-tape-outbox");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/sign-in");
    await expect.poll(() => page.evaluate("indexedDB.databases().then((d) => d.map((x) => x.name))")).toEqual([]);
    expect(await page.evaluate("localStorage.length")).toBe(0);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Sign in to Green Tape" }).waitFor();
    expect(await page.locator("main").innerText()).toContain("You seem to be offline");
    await context.setOffline(false);
    watcher.assertClean();
  });
});
