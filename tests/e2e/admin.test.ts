// The admin's screens, on a phone and on a laptop, in Debian's Chromium against the real server:
// the admin adds a scheme (caps typed in pounds, stored in pence), a team, and a worker in that
// team; the worker signs in with the temporary password, must choose their own, and reaches home.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
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
const run = randomBytes(3).toString("hex");

const SCHEME = `Winter warmth ${run}`;
const TEAM = `Family Support West ${run}`;
const WORKER = { name: "Jo Example", email: `jo.${run}@demo.test`, staffId: `S9${run}` };
const WORKER_PASSWORD = "kettle orchard lantern velvet";

let browser: Browser;
let adminToken: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  adminToken = (await login("admin@demo.test")).token;
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
});

async function open(viewport?: { width: number; height: number }) {
  const context = viewport
    ? await newDeskContext(browser, baseUrl, viewport)
    : await newPhoneContext(browser, baseUrl);
  contexts.push(context);
  const page = await context.newPage();
  return { page, watcher: watchPage(page) };
}

async function goTo(page: Page, path: string, title: string) {
  await page.goto(path);
  await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe(title);
}

interface SchemeView {
  id: string;
  version: number;
  name: string;
  perSpendCap: number | null;
  perClientCap: number | null;
  perClientWindowDays: number;
  perWorkerMonthlyCap: number | null;
  teamMonthlyBudget: number | null;
  categories: string[];
  versions?: number[];
}

describe("admin", () => {
  let temporaryPassword = "";

  it("adds a scheme with caps in pounds and pence, stored in minor units, then changes it to version 2", async () => {
    const { page, watcher } = await open();
    await signIn(page, "admin@demo.test");

    // The menu on a phone.
    await page.getByRole("button", { name: "Menu" }).click();
    const menu = page.getByRole("navigation", { name: "Menu" });
    for (const item of ["Users", "Teams", "Schemes", "Ledger codes", "Clients"]) {
      expect(await menu.getByRole("link", { name: item, exact: true }).count()).toBe(1);
    }
    await menu.getByRole("link", { name: "Schemes" }).click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe("Schemes");
    await page.getByTestId("schemes").waitFor();
    await expectNoSeriousA11yViolations(page, "schemes");
    await screenshot(page, "admin-schemes");

    await page.getByRole("link", { name: "Add a scheme" }).click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe("Add a scheme");

    // Sent empty: every problem is named, in the summary and at the field.
    await page.getByRole("button", { name: "Add scheme" }).click();
    const summary = page.locator(".govuk-error-summary");
    await summary.waitFor();
    const messages = await summary.getByRole("link").allInnerTexts();
    expect(messages).toContain("Enter the scheme's name");
    expect(messages).toContain("Enter the most for one spend, or tick “No cap”");
    expect(await page.title()).toBe("Error: Add a scheme – Green Tape");
    await expectNoSeriousA11yViolations(page, "scheme editor with errors");
    await screenshot(page, "admin-scheme-errors");

    await page.getByLabel("Scheme name").fill(SCHEME);
    await page.getByLabel("Categories").fill("Heating\nWarm clothing\nBlankets");
    await page.getByLabel("Most for one spend, in pounds").fill("75.50");
    await page.getByLabel("Most for one client, in pounds").fill("£200");
    await page.getByLabel("Over how many days").fill("30");
    await page.locator("#scheme-perWorkerMonthlyCap-none").check();
    await page.getByLabel("Each team's budget for a month, in pounds").fill("1,500.05");
    await page.getByLabel("Days to write the justification").fill("10");
    // Only for one team, as a council would pilot a scheme; it also leaves the other browser tests' teams with one scheme.
    await page.getByLabel("Only some teams").check();
    await page.getByLabel("Adult Services East").check();
    await expectNoSeriousA11yViolations(page, "scheme editor filled in");
    await screenshot(page, "admin-scheme-editor");
    await page.getByRole("button", { name: "Add scheme" }).click();

    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe(SCHEME);
    expect(await page.getByTestId("success-heading").innerText()).toBe(`${SCHEME} added`);
    expect(await page.getByTestId("per-spend-cap").innerText()).toBe("£75.50");
    const schemeId = new URL(page.url()).pathname.split("/").pop()!;

    // The API holds minor units, and null for "no cap".
    const stored = await call<SchemeView>("GET", `/api/schemes/${schemeId}`, adminToken);
    expect(stored).toMatchObject({
      name: SCHEME,
      version: 1,
      categories: ["Heating", "Warm clothing", "Blankets"],
      perSpendCap: 7550,
      perClientCap: 20000,
      perClientWindowDays: 30,
      perWorkerMonthlyCap: null,
      teamMonthlyBudget: 150005,
    });
    await expectNoSeriousA11yViolations(page, "scheme");
    await screenshot(page, "admin-scheme");

    // A change makes version 2; the editor says so before saving.
    await page.getByRole("link", { name: "Change this scheme" }).click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe(`Change ${SCHEME}`);
    expect(await page.getByTestId("new-version-note").innerText()).toContain("Saving makes version 2");
    expect(await page.getByLabel("Most for one spend, in pounds").inputValue()).toBe("75.50");
    await page.getByLabel("Most for one spend, in pounds").fill("80");
    await page.getByRole("button", { name: "Save as version 2" }).click();
    await expect.poll(() => page.getByTestId("success-heading").textContent(), PATIENTLY).toBe(`${SCHEME} saved as version 2`);
    expect(await page.getByTestId("scheme-version").innerText()).toBe("Version 2 (current)");
    const changed = await call<SchemeView>("GET", `/api/schemes/${schemeId}`, adminToken);
    expect(changed.version).toBe(2);
    expect(changed.perSpendCap).toBe(8000);
    expect((await call<SchemeView>("GET", `/api/schemes/${schemeId}?version=1`, adminToken)).perSpendCap).toBe(7550);
    watcher.assertClean();
  });

  it("adds a team and a worker in it, showing the temporary password once", async () => {
    const { page, watcher } = await open();
    await signIn(page, "admin@demo.test");

    await goTo(page, "/admin/teams", "Teams");
    await page.getByTestId("teams").waitFor();
    await expectNoSeriousA11yViolations(page, "teams");
    await screenshot(page, "admin-teams");
    await page.getByRole("link", { name: "Add a team" }).click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe("Add a team");
    await page.getByLabel("Team name").fill(TEAM);
    await page.getByLabel("Cost centre").fill(`CC-7${run}`);
    await page.getByLabel("Service area").fill("Early Help");
    await expectNoSeriousA11yViolations(page, "add a team");
    await page.getByRole("button", { name: "Add team" }).click();
    await expect.poll(() => page.getByTestId("success-heading").textContent(), PATIENTLY).toBe(`${TEAM} added`);
    expect(await page.getByTestId("teams").innerText()).toContain(TEAM);
    const teams = await call<{ items: { id: string; name: string; costCentre: string }[] }>("GET", "/api/teams", adminToken);
    const team = teams.items.find((t) => t.name === TEAM);
    expect(team?.costCentre).toBe(`CC-7${run}`);

    await goTo(page, "/admin/users", "Users");
    await page.getByTestId("users").waitFor();
    await expectNoSeriousA11yViolations(page, "users");
    await screenshot(page, "admin-users");
    await page.getByRole("link", { name: "Add a user" }).click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe("Add a user");

    // A worker needs a team.
    await page.getByLabel("Work email address").fill(WORKER.email);
    await page.getByLabel("Full name").fill(WORKER.name);
    await page.getByLabel("Worker", { exact: true }).check();
    await page.getByRole("button", { name: "Add worker" }).click();
    await page.locator(".govuk-error-summary").getByRole("link", { name: "Choose the team this worker belongs to" }).waitFor();
    await expectNoSeriousA11yViolations(page, "add a user with an error");

    await page.getByLabel("Team", { exact: true }).selectOption({ label: TEAM });
    await page.getByLabel("Staff ID (optional)").fill(WORKER.staffId);
    await screenshot(page, "admin-add-user");
    await page.getByRole("button", { name: "Add worker" }).click();

    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe("User added");
    temporaryPassword = (await page.getByTestId("temporary-password").innerText()).trim();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
    expect(await page.locator(".govuk-warning-text").innerText()).toContain("only time this password is shown");
    await expectNoSeriousA11yViolations(page, "user added");
    await screenshot(page, "admin-user-added");

    const users = await call<{ items: { email: string; role: string; teamId: string | null; staffId: string | null; mustChangePassword: boolean }[] }>(
      "GET",
      "/api/users",
      adminToken,
    );
    expect(users.items.find((u) => u.email === WORKER.email)).toMatchObject({
      role: "worker",
      teamId: team!.id,
      staffId: WORKER.staffId,
      mustChangePassword: true,
    });

    // The user's page: details, reset and deactivate.
    await page.getByRole("link", { name: `See ${WORKER.name}’s details` }).click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe(WORKER.name);
    await expectNoSeriousA11yViolations(page, "user");
    await screenshot(page, "admin-user");

    // Deactivate (after a confirmation), then reactivate.
    await page.getByRole("link", { name: `Deactivate ${WORKER.name}` }).click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe(`Deactivate ${WORKER.name}?`);
    await expectNoSeriousA11yViolations(page, "deactivate a user");
    await page.getByRole("button", { name: `Deactivate ${WORKER.name}` }).click();
    await expect.poll(() => page.getByTestId("success-heading").textContent(), PATIENTLY).toBe(`${WORKER.name} is deactivated`);
    await page.getByRole("button", { name: `Reactivate ${WORKER.name}` }).click();
    await expect.poll(() => page.getByTestId("success-heading").textContent(), PATIENTLY).toBe(`${WORKER.name} can sign in again`);

    // A reset issues a new one-time password; the first one stops working.
    await page.getByRole("link", { name: "Reset password" }).click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe(`Reset ${WORKER.name}’s password?`);
    await expectNoSeriousA11yViolations(page, "reset a password");
    await page.getByRole("button", { name: "Reset password" }).click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe("Password reset");
    const reset = (await page.getByTestId("temporary-password").innerText()).trim();
    expect(reset).not.toBe(temporaryPassword);
    temporaryPassword = reset;
    await expectNoSeriousA11yViolations(page, "password reset");
    watcher.assertClean();
  });

  it("lets the new worker sign in with the temporary password, choose their own, and reach their home", async () => {
    expect(temporaryPassword, "the previous test made the user").not.toBe("");
    const { page, watcher } = await open();
    await signIn(page, WORKER.email, temporaryPassword);

    // Kept on the change-password page until they have chosen their own.
    await page.waitForURL("**/change-password");
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe("Choose a new password");
    await page.goto("/");
    await page.waitForURL("**/change-password");
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe("Choose a new password");

    // A weak password is refused, with the reason.
    await page.getByLabel("Temporary password", { exact: true }).fill(temporaryPassword);
    await page.getByLabel("New password", { exact: true }).fill("password1234");
    await page.getByRole("button", { name: "Save new password" }).click();
    await page.locator(".govuk-error-summary").getByRole("link", { name: /too common/ }).waitFor();
    await expectNoSeriousA11yViolations(page, "change password with an error");
    await screenshot(page, "change-password-error");

    await page.getByLabel("Temporary password", { exact: true }).fill(temporaryPassword);
    await page.getByLabel("New password", { exact: true }).fill(WORKER_PASSWORD);
    await page.getByRole("button", { name: "Save new password" }).click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe("Your spending");
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await page.getByTestId("signed-in-user").innerText()).toContain(WORKER.name);
    // The account's details: the list with the email (the worker's own record is a list too).
    expect(await page.locator(".govuk-summary-list", { hasText: "Email" }).innerText()).toContain(TEAM);

    // Still signed in after a reload (a new session was started with the new password)...
    await page.reload();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe("Your spending");
    // ...and the new password is the one that works from now on.
    const login = await call<{ user: { mustChangePassword: boolean } }>("POST", "/api/auth/login", null, { email: WORKER.email, password: WORKER_PASSWORD });
    expect(login.user.mustChangePassword).toBe(false);
    watcher.assertClean();
  });

  it("shows the ledger codes and clients, and lays the admin pages out for a laptop", async () => {
    const { page, watcher } = await open();
    await signIn(page, "admin@demo.test");

    await goTo(page, "/admin/ledger-codes", "Ledger codes");
    await page.getByTestId("ledger-codes").waitFor();
    // The new scheme's categories are listed, with no code yet.
    const heatingRow = page.getByRole("row").filter({ hasText: "Heating" });
    expect(await heatingRow.innerText()).toContain("Not set");
    await expectNoSeriousA11yViolations(page, "ledger codes");
    await screenshot(page, "admin-ledger-codes");
    await heatingRow.getByRole("link").click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe("Heating");
    await page.getByLabel("Ledger code").fill("4470");
    await expectNoSeriousA11yViolations(page, "ledger code");
    await page.getByRole("button", { name: "Save ledger code" }).click();
    await expect.poll(() => page.getByTestId("success-heading").textContent(), PATIENTLY).toBe("Heating now posts to 4470");
    const codes = await call<{ items: { category: string; glCode: string }[] }>("GET", "/api/ledger-codes", adminToken);
    expect(codes.items.find((c) => c.category === "Heating")?.glCode).toBe("4470");

    // Beside the ledger codes, the account each payment method is paid from: the Xero journal credits it.
    const clearing = page.getByTestId("clearing-accounts");
    await clearing.getByRole("link", { name: "Set the clearing account for Petty cash" }).click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe("Petty cash");
    await page.getByLabel("Clearing account").fill("1030");
    await expectNoSeriousA11yViolations(page, "clearing account");
    await page.getByRole("button", { name: "Save clearing account" }).click();
    await expect.poll(() => page.getByTestId("success-heading").textContent(), PATIENTLY).toBe("Petty cash is now credited to 1030");
    expect(await clearing.getByRole("row").filter({ hasText: "Petty cash" }).innerText()).toContain("1030");
    const accounts = await call<{ items: { paymentMethod: string; accountCode: string | null }[] }>("GET", "/api/clearing-accounts", adminToken);
    expect(accounts.items.find((a) => a.paymentMethod === "petty_cash")?.accountCode).toBe("1030");

    await goTo(page, "/admin/clients", "Clients");
    await page.getByTestId("clients").waitFor();
    await expectNoSeriousA11yViolations(page, "clients");
    await screenshot(page, "admin-clients");
    await page.getByRole("link", { name: "Add a client" }).click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe("Add a client");
    await page.getByLabel("Client reference").fill(`C-9${run}`);
    await page.getByLabel("Team").selectOption({ label: TEAM });
    await expectNoSeriousA11yViolations(page, "add a client");
    await page.getByRole("button", { name: "Add client" }).click();
    await expect.poll(() => page.getByTestId("success-heading").textContent(), PATIENTLY).toBe(`Client C-9${run} added`);

    // Moving a client to another team.
    await page.getByLabel("Find a client").fill(`C-9${run}`);
    await page.getByRole("link", { name: `C-9${run}` }).click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe(`C-9${run}`);
    await expectNoSeriousA11yViolations(page, "client");
    await page.getByLabel("New team").selectOption({ label: "Adult Services East" });
    await page.getByRole("button", { name: "Move client" }).click();
    await expect.poll(() => page.getByTestId("success-heading").textContent(), PATIENTLY).toBe(`Client C-9${run} moved to Adult Services East`);

    // Changing a team's details.
    await goTo(page, "/admin/teams", "Teams");
    await page.getByRole("link", { name: TEAM }).click();
    await expect.poll(() => heading(page).textContent(), PATIENTLY).toBe(TEAM);
    await page.getByRole("link", { name: WORKER.name }).waitFor();
    await expectNoSeriousA11yViolations(page, "team");
    await page.getByLabel("Service area").fill("Early Help and Prevention");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => page.getByTestId("success-heading").textContent(), PATIENTLY).toBe(`${TEAM} saved`);
    expect(await page.getByTestId("teams").innerText()).toContain("Early Help and Prevention");

    // The laptop these screens are made for.
    const laptop = await open({ width: 1280, height: 800 });
    await signIn(laptop.page, "admin@demo.test");
    await goTo(laptop.page, "/admin/users", "Users");
    await laptop.page.getByTestId("users").waitFor();
    await expectNoSeriousA11yViolations(laptop.page, "users on a laptop");
    await screenshot(laptop.page, "admin-users-laptop");
    await goTo(laptop.page, "/admin/schemes/new", "Add a scheme");
    await screenshot(laptop.page, "admin-scheme-editor-laptop");
    watcher.assertClean();
    laptop.watcher.assertClean();
  });
});
