// A client's optional equality-monitoring answers, recorded by their team's supervisor on a phone
// from the client's page, and read back through the API that the Equity page counts from.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoSeriousA11yViolations, heading, openPhonePage, screenshot, signIn, type PhonePage } from "./support/browser.ts";
import { call, login } from "./support/api.ts";

const baseUrl = inject("baseUrl");
const reference = `E2E-EQ-${Date.now().toString(36).toUpperCase()}`;

let phone: PhonePage;
let page: Page;
let clientId: string;
let supervisorToken: string;

beforeAll(async () => {
  const worker = await login("worker@demo.test");
  clientId = (await call<{ id: string }>("POST", "/api/clients", worker.token, { reference })).id;
  supervisorToken = (await login("supervisor@demo.test")).token;
  phone = await openPhonePage(baseUrl);
  ({ page } = phone);
});

afterAll(async () => {
  await phone?.close();
});

describe("equality monitoring, on a supervisor's phone", () => {
  it("records a client's answers from their page, each 'Prefer not to say' until chosen", async () => {
    await signIn(page, "supervisor@demo.test");
    await page.goto(`/clients/${clientId}`);
    await expect.poll(() => heading(page).textContent()).toContain(reference);
    await page.getByRole("link", { name: "Equality monitoring (optional)" }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Equality monitoring");

    const ageBand = page.getByRole("group", { name: "Age band" });
    expect(await ageBand.getByLabel("Prefer not to say").isChecked()).toBe(true);
    await ageBand.getByLabel("25 to 34").check();
    await page.getByRole("group", { name: "Disability" }).getByLabel("Disabled", { exact: true }).check();
    await expectNoSeriousA11yViolations(page, "equality monitoring");
    await screenshot(page, "equality-monitoring-phone");
    await page.getByRole("button", { name: "Save answers" }).click();

    await page.getByText("Equality monitoring saved").waitFor();
    expect(new URL(page.url()).pathname).toBe(`/clients/${clientId}`);
    expect(await call("GET", `/api/clients/${clientId}/equality-monitoring`, supervisorToken)).toEqual({
      ageBand: "25_34",
      sex: "prefer_not_to_say",
      ethnicGroup: "prefer_not_to_say",
      disability: "yes",
    });

    // Opened again, the form shows what was recorded.
    await page.getByRole("link", { name: "Equality monitoring (optional)" }).click();
    await expect.poll(() => page.getByRole("group", { name: "Age band" }).getByLabel("25 to 34").isChecked()).toBe(true);
  });
});
