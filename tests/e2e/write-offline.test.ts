// With no signal, a worker writes a justification and records a follow-up on a phone: both wait
// in the outbox, are shown as waiting, and are sent by themselves, once each, when the signal
// returns. The server then holds exactly one revision and one follow-up.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { expectNoSeriousA11yViolations, heading, openPhonePage, screenshot, signIn, watchPage, type PhonePage } from "./support/browser.ts";
import { call, login, serverToday } from "./support/api.ts";

const baseUrl = inject("baseUrl");
// worker3 (east team): sign-ins are rate limited per account, and other files sign worker@ and worker2@ in often.
const WORKER = "worker3@demo.test";
const run = Date.now().toString(36).toUpperCase();
const PAYEE = `Launderette ${run}`;
const NARRATIVE = "His washing machine broke and he has a job interview on Monday; clean clothes for it matter to him.";
const OUTCOME = "He goes to the interview feeling ready";
const CLIENT_WORDS = "I felt like myself again walking in there.";

let phone: PhonePage;
let context: BrowserContext;
let page: Page;
let spendId: string;
let token: string;

interface SpendDetail {
  justification: { revisions: { narrative: string }[] } | null;
  followUp: { outcome: string; clientView: string | null } | null;
  timeline: { type: string }[];
}

beforeAll(async () => {
  token = (await login(WORKER)).token;
  const schemes = await call<{ items: { id: string }[] }>("GET", "/api/schemes", token);
  const client = await call<{ id: string }>("POST", "/api/clients", token, { reference: `OFF-${run}` });
  const spend = await call<{ id: string }>(
    "POST",
    "/api/spends",
    token,
    { schemeId: schemes.items[0]?.id, clientId: client.id, amount: 480, category: "Food and essentials", payee: PAYEE, paymentMethod: "petty_cash", spentOn: serverToday() },
    { "Idempotency-Key": randomUUID() },
  );
  spendId = spend.id;
  phone = await openPhonePage(baseUrl);
  ({ context, page } = phone);
});

afterAll(async () => {
  await phone?.close();
});

describe("writing about a spend with no signal", () => {
  it("sends the justification and the follow-up once each when the signal returns", async () => {
    await page.goto("/");
    await signIn(page, WORKER);

    // Two forms open while there is a signal; the second tab is where the worker ends up.
    await page.goto(`/spends/${spendId}/justify`);
    await expect.poll(() => heading(page).textContent()).toBe("Justify your spend");
    const followUpTab = await context.newPage();
    const watcher = watchPage(followUpTab);
    const puts: string[] = [];
    // PUTs the server answered (the tries made with no signal never reach it).
    followUpTab.on("response", (response) => {
      if (response.request().method() === "PUT") puts.push(new URL(response.url()).pathname);
    });
    await followUpTab.goto(`/spends/${spendId}/follow-up`);
    await expect.poll(() => heading(followUpTab).textContent()).toBe("Follow up with the client");
    // The heading shows before the spend has loaded; going offline before the forms are drawn would
    // cut their own reads, not test writing with no signal.
    await page.getByLabel("Why this spend was a good idea").waitFor();
    await followUpTab.getByRole("radio", { name: "Phone call" }).waitFor();

    await context.setOffline(true);
    await expect.poll(() => page.evaluate("navigator.onLine")).toBe(false);

    await page.getByLabel("Why this spend was a good idea").fill(NARRATIVE);
    await page.getByLabel("What you hope it will change for the client").fill(OUTCOME);
    await page.getByRole("button", { name: "Send justification" }).click();
    const waitingNotice = page.getByTestId("offline-notice");
    await waitingNotice.waitFor();
    expect(await waitingNotice.innerText()).toContain("waiting on this phone to be sent");
    expect(await page.getByLabel("Why this spend was a good idea").inputValue()).toBe(NARRATIVE);
    await expectNoSeriousA11yViolations(page, "justification waiting for a signal");
    await screenshot(page, "justify-waiting-for-signal");
    // The worker moves on: the justification stays in the outbox with the tab closed.
    await page.close();

    await followUpTab.getByRole("radio", { name: "Phone call" }).check();
    await followUpTab.getByRole("radio", { name: "Helped a lot" }).check();
    await followUpTab.getByLabel("What the client said, in their own words (optional)").fill(CLIENT_WORDS);
    await followUpTab.getByRole("button", { name: "Record follow-up" }).click();
    await followUpTab.getByTestId("offline-notice").waitFor();
    await expectNoSeriousA11yViolations(followUpTab, "follow-up waiting for a signal");
    await screenshot(followUpTab, "follow-up-waiting-for-signal");

    // Nothing reached the server yet.
    const before = await call<SpendDetail>("GET", `/api/spends/${spendId}`, token);
    expect(before.justification).toBeNull();
    expect(before.followUp).toBeNull();
    expect(puts).toEqual([]);

    // The signal returns: both go by themselves, and the page moves on to the spend.
    await context.setOffline(false);
    await followUpTab.waitForURL(`**/spends/${spendId}`, { timeout: 30_000 });
    await expect.poll(() => followUpTab.getByTestId("narrative-1").count(), { timeout: 30_000 }).toBe(1);
    expect(await followUpTab.getByTestId("narrative-1").innerText()).toBe(NARRATIVE);
    expect(await followUpTab.getByTestId("follow-up").innerText()).toContain(CLIENT_WORDS);
    expect(await followUpTab.getByTestId("waiting-justification").count()).toBe(0);
    expect(await followUpTab.getByTestId("waiting-follow-up").count()).toBe(0);
    await expectNoSeriousA11yViolations(followUpTab, "spend after the outbox sent both");
    await screenshot(followUpTab, "spend-after-outbox-sent-writes");

    // Sent once each, and the server holds one revision and one follow-up, even after a reload.
    await followUpTab.reload();
    await followUpTab.getByTestId("narrative-1").waitFor();
    expect(puts.sort()).toEqual([`/api/spends/${spendId}/follow-up`, `/api/spends/${spendId}/justification`]);
    const after = await call<SpendDetail>("GET", `/api/spends/${spendId}`, token);
    expect(after.justification?.revisions.map((r) => r.narrative)).toEqual([NARRATIVE]);
    expect(after.followUp).toMatchObject({ outcome: "helped_a_lot", clientView: CLIENT_WORDS });
    expect(after.timeline.filter((e) => e.type === "justification.submitted")).toHaveLength(1);
    expect(after.timeline.filter((e) => e.type === "follow_up.recorded")).toHaveLength(1);
    watcher.assertClean();
  });

  it("shows a refusal met on sending plainly, on the form and the spend's page, and keeps the text for correction", async () => {
    const tab = (await context.pages())[0] as Page;
    const revised = `${NARRATIVE} The launderette was the only one open late.`;
    await tab.goto(`/spends/${spendId}/justify`);
    await expect.poll(() => heading(tab).textContent()).toBe("Revise your justification");
    await context.setOffline(true);
    await expect.poll(() => tab.evaluate("navigator.onLine")).toBe(false);
    await tab.getByLabel("Why this spend was a good idea").fill(revised);
    await tab.getByRole("button", { name: "Send justification" }).click();
    await tab.getByTestId("offline-notice").waitFor();
    // A refusal the server would give (the supervisor endorsed it meanwhile), stood in by the
    // browser once the text is queued (a route answers even with no signal).
    await tab.route(`**/api/spends/${spendId}/justification`, (route) =>
      route.fulfill({
        status: 409,
        contentType: "application/problem+json",
        body: JSON.stringify({ type: "/problems/conflict", title: "Conflict", status: 409, detail: "This justification has been endorsed, so it can no longer be changed." }),
      }),
    );

    await context.setOffline(false);

    const summary = tab.locator(".govuk-error-summary");
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.innerText()).toContain("This justification has been endorsed, so it can no longer be changed.");
    expect(await tab.getByLabel("Why this spend was a good idea").inputValue()).toBe(revised);

    await tab.getByRole("link", { name: "Back to the spend" }).click();
    const refused = tab.getByTestId("refused-justification");
    await refused.waitFor();
    expect(await refused.innerText()).toContain("This justification has been endorsed, so it can no longer be changed.");
    await expectNoSeriousA11yViolations(tab, "spend with a refused justification");
    await screenshot(tab, "spend-justification-refused");

    // Corrected and sent again with the signal: it goes, and the warning with it.
    await tab.unroute(`**/api/spends/${spendId}/justification`);
    await refused.getByRole("link", { name: "Correct it and send it again" }).click();
    await expect.poll(() => tab.getByLabel("Why this spend was a good idea").inputValue()).toBe(revised);
    await tab.getByRole("button", { name: "Send justification" }).click();
    await tab.waitForURL(`**/spends/${spendId}`);
    await tab.getByTestId("narrative-2").waitFor();
    expect(await tab.getByTestId("refused-justification").count()).toBe(0);
    const after = await call<SpendDetail>("GET", `/api/spends/${spendId}`, token);
    expect(after.justification?.revisions.map((r) => r.narrative)).toEqual([NARRATIVE, revised]);
  });

  it("sends a receipt declared lost with no signal once, when the signal returns", async () => {
    const tab = (await context.pages())[0] as Page;
    const posts: string[] = [];
    tab.on("response", (response) => {
      if (response.request().method() === "POST" && response.url().endsWith("/receipt-lost")) posts.push(new URL(response.url()).pathname);
    });
    await tab.goto(`/spends/${spendId}`);
    await tab.getByText("I have lost the receipt").waitFor();
    await context.setOffline(true);
    await expect.poll(() => tab.evaluate("navigator.onLine")).toBe(false);

    await tab.getByText("I have lost the receipt").click();
    await tab.getByLabel("What was bought").fill("A service wash and drying");
    await tab.getByLabel("Why there is no receipt").fill("The launderette's till was broken that evening");
    await tab.getByRole("button", { name: "Declare the receipt lost" }).click();
    const waiting = tab.getByTestId("waiting-receipt-lost");
    await waiting.waitFor();
    expect(await waiting.innerText()).toContain("will be sent by itself when you have a signal");
    await expectNoSeriousA11yViolations(tab, "lost receipt waiting for a signal");
    expect((await call<SpendDetail & { receiptLost: unknown }>("GET", `/api/spends/${spendId}`, token)).receiptLost).toBeNull();

    await context.setOffline(false);
    await expect.poll(() => tab.getByTestId("waiting-receipt-lost").count(), { timeout: 30_000 }).toBe(0);
    await tab.getByText("The receipt is lost.").waitFor();
    const after = await call<SpendDetail & { receiptLost: { description: string; reason: string } | null }>("GET", `/api/spends/${spendId}`, token);
    expect(after.receiptLost).toMatchObject({ description: "A service wash and drying", reason: "The launderette's till was broken that evening" });
    expect(after.timeline.filter((e) => e.type === "receipt.declared_lost")).toHaveLength(1);
    expect(posts).toEqual([`/api/spends/${spendId}/receipt-lost`]);
  });
});
