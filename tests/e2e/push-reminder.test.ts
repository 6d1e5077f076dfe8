// A reminder pushed to a phone: the worker turns push on in the reminder settings, a reminder
// arrives, the service worker shows it, and a tap lands on the spend.
//
// Headless Chromium has no push service to reach offline (its PushManager.subscribe asks Google's
// servers for an endpoint), so this test stands in for those two outside parts only: the page's
// PushManager gives a subscription with a local endpoint (the app's own code then sends it to the
// server as usual), and the push message is handed to the service worker over the DevTools protocol
// (ServiceWorker.deliverPushMessage), with the payload the server composes for a justification due.
// There is no DevTools command to tap a notification either, so the tap is the notificationclick
// event dispatched in the service worker with the notification it showed.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { composeMessage } from "@greentape/domain/outbound-messages";
import { expectNoSeriousA11yViolations, openPhonePage, screenshot, signIn, type PhonePage } from "./support/browser.ts";
import { call, login, serverToday } from "./support/api.ts";

const baseUrl = inject("baseUrl");
const WORKER = "worker3@demo.test";

let phone: PhonePage;
let page: Page;
let spendId: string;

beforeAll(async () => {
  const worker = await login(WORKER);
  const schemes = await call<{ items: { id: string }[] }>("GET", "/api/schemes", worker.token);
  const client = await call<{ id: string }>("POST", "/api/clients", worker.token, { reference: `PUSH-${randomUUID().slice(0, 8)}` });
  const spend = await call<{ id: string }>(
    "POST",
    "/api/spends",
    worker.token,
    { schemeId: schemes.items[0]?.id, clientId: client.id, amount: 1_850, category: "Travel", payee: "Go North East", paymentMethod: "prepaid_card", spentOn: serverToday() },
    { "Idempotency-Key": randomUUID() },
  );
  spendId = spend.id;
  phone = await openPhonePage(baseUrl);
  page = phone.page;
  await phone.context.grantPermissions(["notifications"], { origin: baseUrl });
  // Browser code as text: these tests compile without the DOM's types.
  await phone.context.addInitScript({
    content: `{
      let current = null;
      const endpoint = "https://push.invalid/e2e/" + Math.random().toString(36).slice(2);
      // A P-256 public key's length (65 bytes) and a 16-byte auth secret, base64url.
      const keys = { p256dh: "B" + "A".repeat(86), auth: "AAAAAAAAAAAAAAAAAAAAAA" };
      PushManager.prototype.subscribe = async function () {
        current = { endpoint, toJSON: () => ({ endpoint, keys }), unsubscribe: async () => { current = null; return true; } };
        return current;
      };
      PushManager.prototype.getSubscription = async function () { return current; };
    }`,
  });
});

afterAll(async () => {
  await phone?.close();
});

describe("a pushed reminder on the phone", () => {
  it("turns push on from the reminder settings", async () => {
    await page.goto("/");
    await signIn(page, WORKER);
    await page.goto("/settings/reminders");
    await page.getByRole("heading", { name: "Reminder settings" }).waitFor();
    await page.evaluate("navigator.serviceWorker.ready.then(() => true)");
    expect(await page.getByTestId("push-state").innerText()).toContain("off");
    await page.getByRole("button", { name: "Turn on push on this device" }).click();
    await page.getByRole("button", { name: "Turn off push on this device" }).waitFor();
    expect(await page.getByTestId("push-state").innerText()).toContain("on");
    await expectNoSeriousA11yViolations(page, "reminder settings");
    await screenshot(page, "reminder-settings-push-on");
  });

  it("shows the pushed reminder, and a tap opens the spend", async () => {
    const cdp = await phone.context.newCDPSession(page);
    const registration = new Promise<string>((resolve) => {
      cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
        const found = registrations.find((r) => r.scopeURL.startsWith(baseUrl) && !r.isDeleted);
        if (found) resolve(found.registrationId);
      });
    });
    await cdp.send("ServiceWorker.enable");
    const registrationId = await registration;
    const message = composeMessage({ kind: "justification_due", spend: { id: spendId, amount: 1_850, currency: "GBP", spentOn: serverToday() }, dueOn: serverToday() });
    const payload = { title: message.subject, body: message.paragraphs[0], path: message.path, tag: `justification_due:${spendId}` };
    await cdp.send("ServiceWorker.deliverPushMessage", { origin: new URL(baseUrl).origin, registrationId, data: JSON.stringify(payload) });

    const title = JSON.stringify(message.subject);
    const shown = await page.waitForFunction(
      `navigator.serviceWorker.ready.then((r) => r.getNotifications()).then((all) => all.filter((n) => n.title === ${title}).map((n) => ({ title: n.title, body: n.body }))[0] ?? null)`,
      undefined,
      { timeout: 10_000 },
    );
    expect(await shown.jsonValue()).toEqual({ title: message.subject, body: message.paragraphs[0] });

    const worker = phone.context.serviceWorkers()[0];
    if (!worker) throw new Error("no service worker");
    await worker.evaluate(
      `self.registration.getNotifications().then((all) => { const notification = all.find((n) => n.title === ${title}); if (!notification) throw new Error("notification gone"); self.dispatchEvent(new NotificationEvent("notificationclick", { notification })); })`,
    );
    await page.waitForURL(`**/spends/${spendId}`, { timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe(`/spends/${spendId}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await expectNoSeriousA11yViolations(page, "spend opened from a push");
    await screenshot(page, "spend-opened-from-push");
  });
});
