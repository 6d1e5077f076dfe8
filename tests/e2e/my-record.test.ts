// The worker's own home on a phone: their own record (spends, what their clients said, on-time
// justifications), and, once their supervisor suspends them, the reason, where they look first.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { expectNoSeriousA11yViolations, openPhonePage, screenshot, signIn, type PhonePage } from "./support/browser.ts";
import { call, login, serverToday } from "./support/api.ts";

const baseUrl = inject("baseUrl");
// worker3 (the other team, supervised by supervisor2): other files sign worker@ and worker2@ in often.
const WORKER = "worker3@demo.test";
const SUPERVISOR = "supervisor2@demo.test";
const REASON = `A spend on the worker's own shopping was found at audit (${Date.now().toString(36)}).`;

let phone: PhonePage;
let page: Page;
let supervisorToken: string;
let workerId: string;
let restrictionId: string | null = null;

beforeAll(async () => {
  const worker = await login(WORKER);
  workerId = worker.user.id;
  supervisorToken = (await login(SUPERVISOR)).token;
  const schemes = await call<{ items: { id: string }[] }>("GET", "/api/schemes", worker.token);
  const client = await call<{ id: string }>("POST", "/api/clients", worker.token, { reference: `REC-${randomUUID().slice(0, 8)}` });
  const spend = await call<{ id: string }>(
    "POST",
    "/api/spends",
    worker.token,
    { schemeId: schemes.items[0]?.id, clientId: client.id, amount: 1_200, category: "Travel", payee: "Go North East", paymentMethod: "prepaid_card", spentOn: serverToday() },
    { "Idempotency-Key": randomUUID() },
  );
  await call("PUT", `/api/spends/${spend.id}/follow-up`, worker.token, { contactedOn: serverToday(), method: "phone", outcome: "helped_a_lot", clientView: "I got to the interview." });
  phone = await openPhonePage(baseUrl);
  page = phone.page;
});

afterAll(async () => {
  if (restrictionId) await call("POST", `/api/users/${workerId}/restrictions/${restrictionId}/lift`, supervisorToken, { reason: "End of the browser test run." });
  await phone?.close();
});

describe("the worker's own home", () => {
  it("shows their own record, never compared with anyone", async () => {
    await page.goto("/");
    await signIn(page, WORKER);
    const record = page.getByTestId("my-record");
    await record.waitFor();
    expect(await record.getByRole("heading", { name: "Your record" }).isVisible()).toBe(true);
    expect(await page.getByTestId("my-spends").innerText()).toMatch(/\d+ spends?, £[\d,.]+ in all/);
    expect(await page.getByTestId("my-outcomes").innerText()).toMatch(/Helped a lot: \d+/);
    expect(await page.getByTestId("my-justifications").isVisible()).toBe(true);
    expect(await record.innerText()).toContain("It is not compared with anyone.");
    expect(await page.getByTestId("restricted").count()).toBe(0);
    await expectNoSeriousA11yViolations(page, "worker home with record");
    await screenshot(page, "worker-home-record");
  });

  it("after their supervisor suspends them, shows the reason and that they may spend nothing", async () => {
    const made = await call<{ id: string }>("POST", `/api/users/${workerId}/restrictions`, supervisorToken, { kind: "suspend", reason: REASON });
    restrictionId = made.id;
    await page.reload();
    const warning = page.getByTestId("restricted");
    await warning.waitFor();
    expect(await warning.innerText()).toContain("New spends are suspended until it is lifted.");
    expect(await warning.innerText()).toContain(REASON);
    expect(await page.getByTestId("left-this-month").innerText()).toContain("£0.00 left to spend this month");
    await expectNoSeriousA11yViolations(page, "worker home suspended");
    await screenshot(page, "worker-home-suspended");
    phone.watcher.assertClean();
  });
});
