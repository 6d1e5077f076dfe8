// After the spend, on a phone: the worker justifies it in their own words (the draft survives
// a reload, and a lost signal sends it from the outbox), answers the supervisor's question with a revision, records the
// client's follow-up in the client's words, and sees all of it on the spend's page.
import { randomUUID } from "node:crypto";
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
import { call, login, serverToday } from "./support/api.ts";

const baseUrl = inject("baseUrl");
// worker2 (same team as worker@, supervised by supervisor@): sign-ins are rate limited per
// account, and other files sign worker@ in many times.
const WORKER = "worker2@demo.test";
const SUPERVISOR = "supervisor@demo.test";
const run = Date.now().toString(36).toUpperCase();
const PAYEE = `Leisure centre ${run}`;

const FIRST_NARRATIVE =
  "She has not left the flat in weeks. A swim session with her sister is the first thing she has asked for, so I paid for it.";
const SECOND_NARRATIVE =
  `${FIRST_NARRATIVE}\nTo answer the question: the council's free sessions are full until March, and she wanted to go this week while she felt ready.`;
const CLIENT_WORDS = "It was the first time I'd been out properly since the summer. I'm going again next week.";

let phone: PhonePage;
let context: BrowserContext;
let page: Page;
let watcher: PhonePage["watcher"];
let spendId: string;
let workerToken: string;

beforeAll(async () => {
  // The spend this round is about: logged through the API, for a client of this run.
  const token = (await login(WORKER)).token;
  workerToken = token;
  const schemes = await call<{ items: { id: string }[] }>("GET", "/api/schemes", token);
  const client = await call<{ id: string }>("POST", "/api/clients", token, { reference: `RND-${run}` });
  const today = serverToday();
  const spend = await call<{ id: string }>(
    "POST",
    "/api/spends",
    token,
    { schemeId: schemes.items[0]?.id, clientId: client.id, amount: 650, category: "Activities", payee: PAYEE, paymentMethod: "prepaid_card", spentOn: today },
    { "Idempotency-Key": randomUUID() },
  );
  spendId = spend.id;

  phone = await openPhonePage(baseUrl);
  ({ context, page, watcher } = phone);
});

afterAll(async () => {
  await phone?.close();
});

describe("the worker's round after a spend", () => {
  it("finds the justification on the to-do list and writes it; the draft survives a reload and a lost signal", async () => {
    await page.goto("/");
    await signIn(page, WORKER);
    await page.goto("/todo");
    await expect.poll(() => heading(page).textContent()).toBe("To do");
    const toJustify = page.getByTestId("todo-justify").getByRole("listitem").filter({ hasText: PAYEE });
    await toJustify.waitFor();
    await expectNoSeriousA11yViolations(page, "to do");
    await screenshot(page, "todo");

    await toJustify.getByRole("link", { name: /Write the justification/ }).click();
    await page.waitForURL(`**/spends/${spendId}/justify`);
    await expect.poll(() => heading(page).textContent()).toBe("Justify your spend");

    // Too short: the count says how many more are needed.
    const narrative = page.getByLabel("Why this spend was a good idea");
    await narrative.fill("She has not left the flat in weeks.");
    expect(await page.getByTestId("narrative-count").innerText()).toMatch(/more needed \(at least 40\)/);
    await narrative.fill(FIRST_NARRATIVE);
    expect(await page.getByTestId("narrative-count").innerText()).toMatch(/You have 3,8\d\d characters remaining/);
    await page.getByLabel("What you hope it will change for the client").fill("She gets out of the flat and back in touch with her sister");
    await expect.poll(() => page.getByTestId("draft-status").innerText()).toMatch(/Draft saved on this phone/);

    // A reload keeps the draft.
    await page.reload();
    await expect.poll(() => page.getByLabel("Why this spend was a good idea").inputValue()).toBe(FIRST_NARRATIVE);
    expect(await page.getByLabel("What you hope it will change for the client").inputValue()).toBe("She gets out of the flat and back in touch with her sister");
    await expectNoSeriousA11yViolations(page, "justify");
    await screenshot(page, "justify-draft-restored");

    // No signal: it waits on the phone with the draft, and goes by itself when the signal returns.
    await context.setOffline(true);
    await page.getByRole("button", { name: "Send justification" }).click();
    await page.getByTestId("offline-notice").waitFor();
    expect(await page.getByLabel("Why this spend was a good idea").inputValue()).toBe(FIRST_NARRATIVE);
    await screenshot(page, "justify-offline");
    await context.setOffline(false);

    await page.waitForURL(`**/spends/${spendId}`, { timeout: 30_000 });
    await expect.poll(() => page.getByRole("alert").first().innerText()).toContain("Justification sent");
    expect(await page.getByTestId("narrative-1").innerText()).toBe(FIRST_NARRATIVE);
    watcher.assertClean();
  });

  it("answers the supervisor's question with a revision, and the draft is gone once sent", async () => {
    const supervisor = (await login(SUPERVISOR)).token;
    await call("POST", `/api/spends/${spendId}/reviews`, supervisor, {
      decision: "query",
      comment: "Could the council's free swim sessions have done instead?",
    });

    await page.goto("/notifications");
    await expect.poll(() => heading(page).textContent()).toBe("Notifications");
    await expect.poll(() => page.getByTestId("notifications-status").innerText()).toMatch(/You have \d+ unread notification/);
    const notice = page.getByTestId("notifications").getByRole("listitem").filter({ hasText: "has a question" }).first();
    await notice.waitFor();
    await expectNoSeriousA11yViolations(page, "notifications");
    await screenshot(page, "notifications");

    await notice.getByRole("link", { name: "Answer the question" }).click();
    await page.waitForURL(`**/spends/${spendId}/justify`);
    await expect.poll(() => heading(page).textContent()).toBe("Answer your supervisor's question");
    expect(await page.getByTestId("query").innerText()).toContain("Could the council's free swim sessions have done instead?");
    // Starts from what was sent (the earlier draft was cleared when the server took it).
    expect(await page.getByLabel("Why this spend was a good idea").inputValue()).toBe(FIRST_NARRATIVE);
    await page.getByLabel("Why this spend was a good idea").fill(SECOND_NARRATIVE);
    await expectNoSeriousA11yViolations(page, "answer a question");
    await screenshot(page, "justify-answer-query");
    await page.getByRole("button", { name: "Send your answer" }).click();
    await page.waitForURL(`**/spends/${spendId}`);

    // Both revisions, with the question between them.
    await page.getByTestId("narrative-2").waitFor();
    expect(await page.getByTestId("narrative-1").innerText()).toBe(FIRST_NARRATIVE);
    expect(await page.getByTestId("narrative-2").innerText()).toBe(SECOND_NARRATIVE);
    expect(await page.getByTestId("justification").innerText()).toContain("Could the council's free swim sessions have done instead?");
    watcher.assertClean();
  });

  it("records the follow-up in the client's own words, and sees it all on the spend's page", async () => {
    await page.getByRole("link", { name: "Record the follow-up" }).click();
    await page.waitForURL(`**/spends/${spendId}/follow-up`);
    await expect.poll(() => heading(page).textContent()).toBe("Follow up with the client");

    await page.getByRole("radio", { name: "Phone call" }).check();
    await page.getByRole("radio", { name: "Helped a lot" }).check();
    await page.getByLabel("What the client said, in their own words (optional)").fill(CLIENT_WORDS);
    await expect.poll(() => page.getByTestId("draft-status").innerText()).toMatch(/Draft saved on this phone/);
    await page.reload();
    await expect.poll(() => page.getByLabel("What the client said, in their own words (optional)").inputValue()).toBe(CLIENT_WORDS);
    expect(await page.getByRole("radio", { name: "Helped a lot" }).isChecked()).toBe(true);
    expect(await page.getByRole("radio", { name: "Phone call" }).isChecked()).toBe(true);
    await expectNoSeriousA11yViolations(page, "follow-up");
    await screenshot(page, "follow-up");

    await page.getByRole("button", { name: "Record follow-up" }).click();
    await page.waitForURL(`**/spends/${spendId}`);
    const followUp = page.getByTestId("follow-up");
    await followUp.waitFor();
    expect(await followUp.innerText()).toContain("Helped a lot");
    expect(await followUp.innerText()).toContain("Phone call");
    expect(await page.getByTestId("client-view").innerText()).toBe(CLIENT_WORDS);
    const timeline = await page.getByTestId("timeline").innerText();
    expect(timeline).toContain("Justification written");
    expect(timeline).toContain("Question asked (revision 1)");
    expect(timeline).toContain("Justification revised (revision 2)");
    expect(timeline).toContain("Follow-up recorded: Helped a lot");
    await expectNoSeriousA11yViolations(page, "spend page after the round");
    await screenshot(page, "spend-page-after-round");

    // The API agrees.
    const detail = await call<{ justification: { revisions: unknown[] }; followUp: { outcome: string; clientView: string } }>("GET", `/api/spends/${spendId}`, workerToken);
    expect(detail.justification.revisions).toHaveLength(2);
    expect(detail.followUp.outcome).toBe("helped_a_lot");
    expect(detail.followUp.clientView).toBe(CLIENT_WORDS);

    // Nothing is left on the to-do list for this spend but its receipt (none was added in this
    // round), and the drafts are gone from the phone.
    await page.goto("/todo");
    await page.getByRole("heading", { name: "To do", level: 1 }).waitFor();
    await expect.poll(() => page.locator("main").innerText()).not.toContain("Getting your to-do list");
    expect(await page.locator("main").getByText(PAYEE).count()).toBe(await page.getByTestId("todo-add_receipt").getByText(PAYEE).count());
    expect(await page.getByTestId("todo-add_receipt").locator(".gt-spend-card", { hasText: PAYEE }).count()).toBe(1);
    const drafts = await page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('green-tape:draft:'))");
    expect(drafts).toEqual([]);
    watcher.assertClean();
  });
});
