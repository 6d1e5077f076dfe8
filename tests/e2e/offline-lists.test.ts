// A worker's lists read offline: My spends and To do, seen once with a signal, show what the
// phone last saw when it is opened again with none, marked with when, instead of nothing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { expectNoSeriousA11yViolations, heading, openPhonePage, screenshot, signIn, type PhonePage } from "./support/browser.ts";
import { call, catchUp, login, serverToday } from "./support/api.ts";

const baseUrl = inject("baseUrl");
// worker3 (east team): sign-ins are rate limited per account, and worker@ signs in most often.
const WORKER = "worker3@demo.test";
const run = Date.now().toString(36).toUpperCase();
const PAYEE = `Post office ${run}`;

let phone: PhonePage;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  const { token } = await login(WORKER);
  await catchUp(token);
  const schemes = await call<{ items: { id: string }[] }>("GET", "/api/schemes", token);
  const client = await call<{ id: string }>("POST", "/api/clients", token, { reference: `LIST-${run}` });
  await call(
    "POST",
    "/api/spends",
    token,
    { schemeId: schemes.items[0]?.id, clientId: client.id, amount: 250, category: "Travel", payee: PAYEE, paymentMethod: "petty_cash", spentOn: serverToday() },
    { "Idempotency-Key": randomUUID() },
  );
  phone = await openPhonePage(baseUrl);
  ({ context, page } = phone);
});

afterAll(async () => {
  await phone?.close();
});

/** "14:02" in the council's time zone, as the note says it. */
const clock = (at: Date) => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" }).format(at);

describe("the worker's lists with no signal", () => {
  it("shows My spends and To do as the phone last saw them, with when", async () => {
    await page.goto("/");
    await signIn(page, WORKER);
    const seenFrom = new Date();
    await page.goto("/spends");
    await page.getByTestId("spend-card").filter({ hasText: PAYEE }).waitFor();
    expect(await page.getByTestId("last-seen").count()).toBe(0);
    await page.goto("/todo");
    await expect.poll(() => heading(page).textContent()).toBe("To do");
    const todoItem = page.getByRole("main").getByText(PAYEE).first();
    await todoItem.waitFor();
    const seenTo = new Date();
    await page.evaluate("navigator.serviceWorker.ready.then(() => true)");
    await expect.poll(() => page.evaluate("navigator.serviceWorker.controller !== null")).toBe(true);

    await context.setOffline(true);
    await page.goto("/spends");
    await expect.poll(() => heading(page).textContent()).toBe("My spends");
    const note = page.getByTestId("last-seen");
    await note.waitFor();
    const said = await note.innerText();
    expect(said).toMatch(/^Last updated \d\d:\d\d, you are offline\./);
    expect([clock(seenFrom), clock(seenTo)]).toContain(/\d\d:\d\d/.exec(said)?.[0]);
    await page.getByTestId("spend-card").filter({ hasText: PAYEE }).waitFor();
    expect(await page.getByText("cannot be shown").count()).toBe(0);
    await expectNoSeriousA11yViolations(page, "my spends, offline, as last seen");
    await screenshot(page, "my-spends-offline-last-seen");

    await page.goto("/todo");
    await expect.poll(() => heading(page).textContent()).toBe("To do");
    await page.getByTestId("last-seen").waitFor();
    expect(await page.getByTestId("last-seen").innerText()).toMatch(/^Last updated \d\d:\d\d, you are offline\./);
    await todoItem.waitFor();
    expect(await page.getByText("cannot be shown").count()).toBe(0);
    await expectNoSeriousA11yViolations(page, "to do, offline, as last seen");
    await screenshot(page, "todo-offline-last-seen");

    // The signal returns: the lists are fresh again, and say nothing about when.
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId("last-seen").count(), { timeout: 30_000 }).toBe(0);
    await todoItem.waitFor();
    phone.watcher.assertClean();
  });
});
