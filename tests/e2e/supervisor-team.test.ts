// The supervisor's team on a phone (390 x 844): the list of its people with their allowance used,
// open to-dos and pause, and all the team's spends filtered by person, client, category, what is
// open and dates, with the CSV of what the filter shows. Data is prepared through the API as the
// workers would make it; the browser is the supervisor's. Axe on every page, screenshots kept.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoSeriousA11yViolations, heading, openPhonePage, screenshot, signIn, type PhonePage } from "./support/browser.ts";
import { call, catchUp, login, serverToday } from "./support/api.ts";

const baseUrl = inject("baseUrl");
/** Pages load on first visit, and answers wait on a busy server. */
const PATIENTLY = { timeout: 15_000 };

const run = Date.now().toString(36).toUpperCase();
const CLIENT_REF = `E2E-TEAM-${run}`;
const PAYEE = `Corner shop ${run}`;
const OTHER_PAYEE = `Bike repair ${run}`;

let phone: PhonePage;
let page: Page;
let watcher: PhonePage["watcher"];
let workerName: string;
let colleagueName: string;
let category: string;
let supervisorToken: string;
let restriction: { userId: string; id: string } | null = null;
const RESTRICTION_REASON = `Large spends checked with me first for now (${run})`;

beforeAll(async () => {
  // One worker logs a spend for a new client with no receipt; a colleague logs one for the same client.
  const worker = await login("worker@demo.test");
  const colleague = await login("worker2@demo.test");
  await catchUp(worker.token);
  await catchUp(colleague.token);
  workerName = worker.user.name;
  colleagueName = colleague.user.name;
  const scheme = (await call<{ items: { id: string; categories: string[] }[] }>("GET", "/api/schemes", worker.token)).items[0]!;
  category = scheme.categories[0]!;
  const client = await call<{ id: string }>("POST", "/api/clients", worker.token, { reference: CLIENT_REF });
  const log = (token: string, amount: number, payee: string) =>
    call<{ id: string }>(
      "POST",
      "/api/spends",
      token,
      { schemeId: scheme.id, clientId: client.id, amount, category, payee, paymentMethod: "prepaid_card", spentOn: serverToday(), note: "Browser test" },
      { "Idempotency-Key": randomUUID() },
    );
  await log(worker.token, 1_250, PAYEE);
  const other = await log(colleague.token, 800, OTHER_PAYEE);
  await call("POST", `/api/spends/${other.id}/receipt-lost`, colleague.token, { description: "Inner tube", reason: "The shop gave no receipt" });
  // The supervisor lowers the colleague's per-spend cap, high enough that no other test meets it; lifted after.
  supervisorToken = (await login("supervisor@demo.test")).token;
  const lowered = await call<{ id: string }>("POST", `/api/users/${colleague.user.id}/restrictions`, supervisorToken, { kind: "lower_caps", reason: RESTRICTION_REASON, perSpendCap: 500_000 });
  restriction = { userId: colleague.user.id, id: lowered.id };

  phone = await openPhonePage(baseUrl);
  ({ page, watcher } = phone);
});

afterAll(async () => {
  await phone?.close();
  if (restriction) await call("POST", `/api/users/${restriction.userId}/restrictions/${restriction.id}/lift`, supervisorToken, { reason: "The browser test is over" });
});

describe("the supervisor's team", () => {
  it("lists the team's people with their allowance used, open to-dos and whether they can spend", async () => {
    await signIn(page, "supervisor@demo.test");
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Team", exact: true }).click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe("Team summary");
    await page.getByRole("link", { name: /Your team's people/ }).click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe("Your team's people");

    const card = page.getByTestId("team-member").filter({ has: page.getByRole("heading", { name: workerName }) });
    await card.waitFor();
    expect(await card.getByTestId("member-allowance").innerText()).toMatch(/^£[\d,]+\.\d\d of £[\d,]+\.\d\d/);
    // The spend just logged has a justification and a receipt to come at least.
    expect(await card.getByTestId("member-todos").innerText()).toMatch(/^\d+ things?/);
    expect(await card.getByTestId("member-state").innerText()).toMatch(/Can spend|Paused|Pause lifted/);
    expect(await page.getByTestId("team-member").count()).toBeGreaterThanOrEqual(3);
    // A restriction shows beside the pause state, with its terms and reason.
    const colleagueCard = page.getByTestId("team-member").filter({ has: page.getByRole("heading", { name: colleagueName }) });
    expect(await colleagueCard.getByTestId("member-state").innerText()).toMatch(/Caps lowered|Paused|Pause lifted/);
    expect(await colleagueCard.getByTestId("member-restrictions").innerText()).toBe(`Caps lowered to £5,000.00 a spend, until lifted: ${RESTRICTION_REASON}`);
    await expectNoSeriousA11yViolations(page, "team members");
    await screenshot(page, "supervisor-team-members");
    watcher.assertClean();
  });

  it("filters the team's spends by person, client and what is open, and downloads the same as a CSV", async () => {
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Team spends" }).click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe("Team spends");
    await page.getByTestId("team-spends-count").waitFor();
    await expectNoSeriousA11yViolations(page, "team spends");

    // A mistake first: the last day before the first.
    await page.getByLabel("Spent on or after").fill(serverToday());
    await page.getByLabel("Spent on or before").fill("2020-01-01");
    await page.getByRole("button", { name: "Show spends" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    expect(await page.locator(".govuk-error-summary").innerText()).toContain("The last day must be on or after the first day");
    await expectNoSeriousA11yViolations(page, "team spends filter with an error");
    await screenshot(page, "supervisor-team-spends-error");

    await page.getByLabel("Spent on or before").fill(serverToday());
    await page.getByLabel("Client").selectOption({ label: CLIENT_REF });
    await page.getByLabel("Category").selectOption({ label: category });
    await page.getByRole("button", { name: "Show spends" }).click();
    await expect.poll(() => page.getByTestId("team-spend").count(), PATIENTLY).toBe(2);
    expect(await page.getByTestId("team-spends-count").innerText()).toBe("2 spends, £20.50");
    // The applied filter folds away on the phone, and says what it shows.
    expect(await page.getByTestId("filter-applied").innerText()).toContain(`client ${CLIENT_REF}`);
    expect(await page.getByLabel("Person").isVisible()).toBe(false);

    await page.getByText("Change the filter").click();
    await page.getByLabel("Person").selectOption({ label: workerName });
    await page.getByLabel("What is open").selectOption({ label: "Receipt missing" });
    await page.getByRole("button", { name: "Show spends" }).click();
    await expect.poll(() => page.getByTestId("team-spend").count(), PATIENTLY).toBe(1);
    const card = page.getByTestId("team-spend").first();
    expect(await card.innerText()).toContain(PAYEE);
    expect(await card.innerText()).toContain("Receipt missing");
    expect(page.url()).toContain(`track=receipt_missing`);
    await expectNoSeriousA11yViolations(page, "team spends filtered");
    await screenshot(page, "supervisor-team-spends-filtered");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download these spends (CSV)" }).click()]);
    const rows = parse(await readFile((await download.path())!, "utf8"), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ worker_name: workerName, client_reference: CLIENT_REF, payee: PAYEE, amount: "12.50", receipt: "missing" });
    await page.getByTestId("team-spends-download").getByText(/^Downloaded team-spends-/).waitFor();
    watcher.assertClean();
  });
});
