// A supervisor's individual response on a phone: lowering one team member's caps with a reason,
// which the API then holds them to, and lifting it again. The worker's side (the reason on their
// home screen) is in my-record.test.ts.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoSeriousA11yViolations, heading, openPhonePage, screenshot, signIn, type PhonePage } from "./support/browser.ts";
import { call, catchUp, login, serverToday } from "./support/api.ts";

const baseUrl = inject("baseUrl");
const REASON = `Receipts missing on three spends in a row (${Date.now().toString(36)})`;

let phone: PhonePage;
let page: Page;
let worker: { token: string; id: string; name: string };
let supervisorToken: string;
let spendBody: (amount: number) => Record<string, unknown>;

/** A spend by the worker through the API: its status, and the problem's type and limit when refused. */
async function trySpend(amount: number): Promise<{ status: number; type?: string; limit?: number }> {
  const response = await fetch(`${baseUrl}/api/spends`, {
    method: "POST",
    headers: { Authorization: `Bearer ${worker.token}`, "Content-Type": "application/json", "Idempotency-Key": randomUUID() },
    body: JSON.stringify(spendBody(amount)),
  });
  const body = (await response.json()) as { type?: string; limit?: number };
  return { status: response.status, ...(body.type ? { type: body.type } : {}), ...(body.limit !== undefined ? { limit: body.limit } : {}) };
}

async function restrictionsInForce(): Promise<{ id: string }[]> {
  const { items } = await call<{ items: { id: string; inForce: boolean }[] }>("GET", `/api/users/${worker.id}/restrictions`, supervisorToken);
  return items.filter((r) => r.inForce);
}

beforeAll(async () => {
  const signedIn = await login("worker2@demo.test");
  worker = { token: signedIn.token, id: signedIn.user.id, name: signedIn.user.name };
  await catchUp(worker.token);
  supervisorToken = (await login("supervisor@demo.test")).token;
  const scheme = (await call<{ items: { id: string }[] }>("GET", "/api/schemes", worker.token)).items[0]!;
  const client = await call<{ id: string }>("POST", "/api/clients", worker.token, { reference: `E2E-RES-${Date.now().toString(36)}` });
  spendBody = (amount) => ({ schemeId: scheme.id, clientId: client.id, amount, category: "Travel", payee: "Go North East", paymentMethod: "prepaid_card", spentOn: serverToday() });
  phone = await openPhonePage(baseUrl);
  ({ page } = phone);
});

afterAll(async () => {
  for (const r of (await restrictionsInForce().catch(() => [])) ?? []) {
    await call("POST", `/api/users/${worker.id}/restrictions/${r.id}/lift`, supervisorToken, { reason: "End of the browser test run." });
  }
  await phone?.close();
});

describe("restricting a team member, on a supervisor's phone", () => {
  it("lowers one worker's per-spend cap with a reason, and the API holds them to it", async () => {
    await signIn(page, "supervisor@demo.test");
    await page.goto(`/team/workers/${worker.id}`);
    await expect.poll(() => heading(page).textContent()).toBe(worker.name);
    await page.getByTestId("restrictions").getByText("No restriction is in force").waitFor();
    await page.getByRole("link", { name: "Suspend or lower caps" }).click();
    await expect.poll(() => heading(page).textContent()).toBe(`Restrict ${worker.name}’s spending`);

    // Nothing chosen: the summary names what to fix, and nothing is written.
    await page.getByRole("button", { name: "Restrict their spending" }).click();
    const summary = page.locator(".govuk-error-summary");
    await summary.waitFor();
    expect(await summary.innerText()).toContain("Choose whether to suspend their spending or lower their caps");
    expect(await restrictionsInForce()).toHaveLength(0);

    await page.getByLabel("Lower their caps").check();
    await page.getByLabel("Most they may spend at once, in pounds (optional)").fill("5");
    await page.getByLabel("Why?").fill(REASON);
    await expectNoSeriousA11yViolations(page, "restrict a team member");
    await screenshot(page, "restrict-team-member-phone");
    await page.getByRole("button", { name: "Restrict their spending" }).click();

    await expect.poll(() => heading(page).textContent()).toBe(worker.name);
    await page.getByText(`${worker.name} has been told, with your reason`).waitFor();
    const card = page.getByTestId("restriction-in-force");
    expect(await card.innerText()).toContain("Caps are lowered to at most £5.00 a spend until it is lifted.");
    expect(await card.innerText()).toContain(REASON);

    expect(await trySpend(600)).toMatchObject({ status: 422, type: expect.stringMatching(/\/cap-exceeded$/), limit: 500 });
    expect((await trySpend(400)).status).toBe(201);
    await expectNoSeriousA11yViolations(page, "team member restricted");
    await screenshot(page, "team-member-restricted-phone");
  });

  it("lifts it with a reason, and the worker's freedom comes back at once", async () => {
    await page.getByRole("link", { name: "Lift this restriction" }).click();
    await expect.poll(() => heading(page).textContent()).toBe(`Lift ${worker.name}’s restriction?`);
    await page.getByRole("button", { name: "Lift the restriction" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    expect(await restrictionsInForce()).toHaveLength(1);

    await page.getByLabel("Why are you lifting it?").fill("Receipts found and attached; spoke with them.");
    await page.getByRole("button", { name: "Lift the restriction" }).click();
    await page.getByText(`The restriction is lifted: ${worker.name} may spend as the scheme allows`).waitFor();
    await page.getByTestId("restrictions").getByText("No restriction is in force").waitFor();
    expect(await restrictionsInForce()).toHaveLength(0);
    expect((await trySpend(600)).status).toBe(201);
    await page.getByText(/Earlier restrictions/).click();
    expect(await page.getByTestId("restrictions").innerText()).toContain("Receipts found and attached");
    await expectNoSeriousA11yViolations(page, "restriction lifted");
  });
});

describe("an admin's restriction, from the user's page", () => {
  it("suspends a worker of any team with a reason, which the API holds them to, and lifts it", async () => {
    const other = await login("worker3@demo.test");
    await catchUp(other.token);
    const adminToken = (await login("admin@demo.test")).token;
    const inForce = async () => (await call<{ items: { inForce: boolean }[] }>("GET", `/api/users/${other.user.id}/restrictions`, adminToken)).items.filter((r) => r.inForce);
    const scheme = (await call<{ items: { id: string }[] }>("GET", "/api/schemes", other.token)).items[0]!;
    const client = await call<{ id: string }>("POST", "/api/clients", other.token, { reference: `E2E-RES-ADM-${Date.now().toString(36)}` });
    const spend = () =>
      fetch(`${baseUrl}/api/spends`, {
        method: "POST",
        headers: { Authorization: `Bearer ${other.token}`, "Content-Type": "application/json", "Idempotency-Key": randomUUID() },
        body: JSON.stringify({ schemeId: scheme.id, clientId: client.id, amount: 300, category: "Travel", payee: "Go North East", paymentMethod: "prepaid_card", spentOn: serverToday() }),
      });
    const admin = await openPhonePage(baseUrl);
    try {
      await signIn(admin.page, "admin@demo.test");
      await admin.page.goto(`/admin/users/${other.user.id}`);
      await expect.poll(() => heading(admin.page).textContent()).toBe(other.user.name);
      await admin.page.getByRole("link", { name: "Suspend or lower caps" }).click();
      await expect.poll(() => heading(admin.page).textContent()).toBe(`Restrict ${other.user.name}’s spending`);
      expect(await admin.page.locator(".govuk-caption-l").innerText()).toBe("Users");
      await admin.page.getByLabel("Suspend their spending").check();
      await admin.page.getByLabel("Why?").fill(REASON);
      await admin.page.getByRole("button", { name: "Restrict their spending" }).click();
      await admin.page.getByText(`${other.user.name} has been told, with your reason`).waitFor();
      expect(new URL(admin.page.url()).pathname).toBe(`/admin/users/${other.user.id}`);
      expect(await admin.page.getByTestId("restriction-in-force").innerText()).toContain("New spends are suspended until it is lifted.");
      expect(await inForce()).toHaveLength(1);
      const refused = await spend();
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as { type: string }).type).toMatch(/\/allowance-restricted$/);
      await expectNoSeriousA11yViolations(admin.page, "user restricted by an admin");

      await admin.page.getByRole("link", { name: "Lift this restriction" }).click();
      await admin.page.getByLabel("Why are you lifting it?").fill("Spoke with them and their supervisor; settled.");
      await admin.page.getByRole("button", { name: "Lift the restriction" }).click();
      await admin.page.getByText(`The restriction is lifted: ${other.user.name} may spend as the scheme allows`).waitFor();
      expect(await inForce()).toHaveLength(0);
      expect((await spend()).status).toBe(201);
    } finally {
      await admin.close();
    }
  });
});
