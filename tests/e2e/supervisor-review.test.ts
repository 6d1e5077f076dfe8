// The supervisor's round on a phone: the review queue, a case opened from it, a question that
// needs a comment (the error first, then with one), the worker's revision, and the endorsement.
// Also a note only reviewers see, the team summary and the client's page; axe on every page.
// Data is prepared through the API as the worker would make it; the browser is the supervisor's.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import {
  expectNoSeriousA11yViolations,
  heading,
  newDeskContext,
  openPhonePage,
  screenshot,
  signIn,
  watchPage,
  type PhonePage,
} from "./support/browser.ts";
import { call, catchUp, login, serverToday } from "./support/api.ts";

const baseUrl = inject("baseUrl");

// Names this run makes, so other test files sharing the server never trip over them.
const run = Date.now().toString(36).toUpperCase();
const CLIENT_REF = `E2E-REV-${run}`;
const PAYEE = `Bus station kiosk ${run}`;
const EARLIER_PAYEE = `Launderette ${run}`;
const NARRATIVE_1 = `Her interview at the college was across town and she had no bus fare this week (${run}).`;
const NARRATIVE_2 = `${NARRATIVE_1} I checked first: the college does not refund travel for interviews, and a day ticket was cheapest.`;
const QUESTION = "Did the college offer to pay for travel to the interview?";
const NOTE = `Second travel spend for this client this month; worth watching (${run}).`;

let phone: PhonePage;
let page: Page;
let watcher: PhonePage["watcher"];
let worker: { token: string; user: { id: string; name: string } };
let spendId: string;
let clientId: string;
let category: string;

beforeAll(async () => {
  // The worker logs two spends for a new client and justifies the later one.
  worker = await login("worker@demo.test");
  await catchUp(worker.token);
  const scheme = (await call<{ items: { id: string; categories: string[] }[] }>("GET", "/api/schemes", worker.token)).items[0]!;
  const client = await call<{ id: string }>("POST", "/api/clients", worker.token, { reference: CLIENT_REF });
  clientId = client.id;
  const today = serverToday();
  const log = (amount: number, payee: string, category: string) =>
    call<{ id: string }>(
      "POST",
      "/api/spends",
      worker.token,
      { schemeId: scheme.id, clientId, amount, category, payee, paymentMethod: "prepaid_card", spentOn: today, note: "Browser test" },
      { "Idempotency-Key": randomUUID() },
    );
  await log(450, EARLIER_PAYEE, scheme.categories.includes("Household") ? "Household" : scheme.categories[0]!);
  category = scheme.categories[0]!;
  const spend = await log(640, PAYEE, category);
  spendId = spend.id;
  await call("PUT", `/api/spends/${spendId}/justification`, worker.token, { narrative: NARRATIVE_1, intendedOutcome: "She gets to the interview" });

  phone = await openPhonePage(baseUrl);
  ({ page, watcher } = phone);
});

afterAll(async () => {
  await phone?.close();
});

const caseCard = (p: Page) => p.getByTestId("queue-case").filter({ hasText: PAYEE });

describe("supervisor review", () => {
  it("shows the review queue on a phone, oldest first, with flags and the client's earlier spends", async () => {
    await signIn(page, "supervisor@demo.test");
    // The home page says how many wait, and leads to them.
    const waiting = page.getByTestId("review-waiting").getByRole("link");
    await expect.poll(() => waiting.innerText()).toMatch(/^\d+ justifications? (is|are) waiting for your review\.$/);
    const waitingText = await waiting.innerText();
    await waiting.click();
    await expect.poll(() => heading(page).textContent()).toBe("Review queue");
    await expect.poll(() => page.getByTestId("queue-count").innerText()).toBe(waitingText);
    await caseCard(page).waitFor();
    expect(await page.title()).toBe("Review queue – Green Tape");

    const card = caseCard(page);
    expect(await card.getByRole("heading", { level: 2 }).innerText()).toBe(`${CLIENT_REF}: £6.40 on ${category}`);
    expect(await card.innerText()).toContain(worker.user.name);
    expect(await card.innerText()).toContain(NARRATIVE_1);
    // The payee is new to the team, so the flag shows with its reason in words.
    expect(await card.innerText()).toContain("New payee");
    expect(await card.innerText()).toContain("The team has not paid this payee before.");
    // Beside the case: the client's earlier spend, with its outcome so far.
    const history = card.getByRole("complementary", { name: `${CLIENT_REF}'s earlier spends` });
    expect(await history.innerText()).toContain("£4.50");
    expect(await history.innerText()).toContain("No follow-up yet");

    // Oldest first: the cases' submission order matches the order the API gives.
    const supervisor = await login("supervisor@demo.test");
    const queue = await call<{ items: { spend: { id: string; createdAt: string } }[] }>("GET", "/api/worklists/review-queue?limit=50", supervisor.token);
    const created = queue.items.map((i) => i.spend.createdAt);
    expect(created).toEqual([...created].sort());

    await expectNoSeriousA11yViolations(page, "review queue");
    await screenshot(page, "supervisor-review-queue");
    watcher.assertClean();
  });

  it("asks a question: without a comment it shows the error, with one it goes back to the worker", async () => {
    await caseCard(page).getByRole("link", { name: /Review this justification/ }).click();
    await expect.poll(() => page.url()).toContain(`/review/${spendId}`);
    await page.getByTestId("narrative-1").waitFor();
    expect(await heading(page).innerText()).toContain(CLIENT_REF);
    expect(await page.getByTestId("narrative-1").innerText()).toBe(NARRATIVE_1);
    await expectNoSeriousA11yViolations(page, "review screen");
    await screenshot(page, "supervisor-review-case");

    // A question with no comment: the GOV.UK error summary, linked to the field, and focus on it.
    await page.getByLabel("Ask a question").check();
    await page.getByRole("button", { name: "Send decision" }).click();
    const summary = page.locator(".govuk-error-summary");
    await summary.waitFor();
    expect(await summary.innerText()).toContain("There is a problem");
    expect(await summary.innerText()).toContain(`Enter your question for ${worker.user.name}`);
    expect(await page.evaluate("document.activeElement?.classList.contains('govuk-error-summary')")).toBe(true);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator("#comment-error").innerText()).toContain(`Enter your question for ${worker.user.name}`);
    await summary.getByRole("link").click();
    expect(await page.evaluate("document.activeElement?.id")).toBe("comment");
    // Typing in the field keeps focus there (the summary takes focus only when the errors change).
    await page.keyboard.type("Did");
    expect(await page.evaluate("document.activeElement?.id")).toBe("comment");
    await page.locator("#comment").fill("");
    await expectNoSeriousA11yViolations(page, "review screen with an error");
    await screenshot(page, "supervisor-review-query-error");

    // A note only reviewers can see, clearly marked as such.
    expect(await page.getByText("Only reviewers can see this").count()).toBeGreaterThan(0);
    await page.getByLabel("Note", { exact: true }).fill(NOTE);
    await page.getByRole("button", { name: "Add note" }).click();
    await expect.poll(() => page.getByTestId("note-status").innerText()).toContain("Only reviewers can see it");
    await expect.poll(() => page.getByTestId("comments").innerText()).toContain(NOTE);
    // The worker never gets it, in the spend or its timeline.
    const asWorker = JSON.stringify(await call<unknown>("GET", `/api/spends/${spendId}`, worker.token));
    expect(asWorker).not.toContain(NOTE);

    await page.getByLabel("Comment", { exact: true }).fill(QUESTION);
    await page.getByRole("button", { name: "Send decision" }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Review queue");
    expect(await page.getByRole("alert").first().innerText()).toContain("Question sent");
    await expect.poll(() => caseCard(page).count()).toBe(0);
    await screenshot(page, "supervisor-review-question-sent");

    const spend = await call<{ justificationStatus: string; reviews: { decision: string; comment: string }[] }>("GET", `/api/spends/${spendId}`, worker.token);
    expect(spend.justificationStatus).toBe("queried");
    expect(spend.reviews.at(-1)).toMatchObject({ decision: "query", comment: QUESTION });
    watcher.assertClean();
  });

  it("endorses the revised justification, with both revisions in the case", async () => {
    // The worker answers by revising (through the API, as their phone would).
    await call("PUT", `/api/spends/${spendId}/justification`, worker.token, { narrative: NARRATIVE_2, intendedOutcome: "She gets to the interview" });

    await page.reload();
    await caseCard(page).waitFor();
    expect(await caseCard(page).innerText()).toContain("Answer to a question");
    await caseCard(page).getByRole("link", { name: /Review this justification/ }).click();
    await page.getByTestId("narrative-2").waitFor();
    expect(await page.getByTestId("narrative-1").innerText()).toBe(NARRATIVE_1);
    expect(await page.getByTestId("narrative-2").innerText()).toBe(NARRATIVE_2);
    expect(await page.getByTestId("justification").innerText()).toContain(QUESTION);

    await page.getByLabel("Endorse it").check();
    await page.getByRole("button", { name: "Send decision" }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Review queue");
    expect(await page.getByRole("alert").first().innerText()).toContain("Justification endorsed");
    await expect.poll(() => caseCard(page).count()).toBe(0);
    await expectNoSeriousA11yViolations(page, "review queue after endorsing");
    await screenshot(page, "supervisor-review-endorsed");

    const spend = await call<{ justificationStatus: string; reviews: { decision: string; revision: number }[] }>("GET", `/api/spends/${spendId}`, worker.token);
    expect(spend.justificationStatus).toBe("endorsed");
    expect(spend.reviews.map((r) => [r.decision, r.revision])).toEqual([
      ["query", 1],
      ["endorse", 2],
    ]);

    // The case now says there is nothing left to decide.
    await page.goto(`/review/${spendId}`);
    await expect.poll(() => page.getByTestId("no-decision").innerText()).toContain("endorsed");
    watcher.assertClean();
  });

  it("shows the team summary: budget, overdue work and who is paused", async () => {
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Team", exact: true }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Team summary");
    await page.getByTestId("summary-period").waitFor();
    expect(await page.getByText("Spending against budget").count()).toBe(1);
    expect(await page.getByTestId("overdue-justifications").innerText()).toMatch(/^\d+$/);
    await expectNoSeriousA11yViolations(page, "team summary");
    await screenshot(page, "supervisor-team-summary");
    // Nobody in this run owes a justification past grace, so the list says so.
    await expect.poll(() => page.getByText("Nobody in your team is paused.").count()).toBe(1);
    watcher.assertClean();
  });

  it("shows who in the team is paused, and offers to lift it from their page", async () => {
    // The server's answer as it is for a worker past grace (the API tests hold the real rule);
    // here the screens are what is tested. The web reads it with the contract's schema, so it has
    // the contract's shape.
    const overdue = (id: string) => ({ id, amount: 1090, currency: "GBP", payee: "Go North East", spentOn: "2026-01-02", justificationDueOn: "2026-01-09", justificationStatus: "due" });
    await page.route("**/api/pauses", (route) =>
      route.fulfill({
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({
          items: [{ worker: { id: worker.user.id, name: worker.user.name }, paused: true, overdueSpends: [overdue(spendId), overdue(randomUUID())], snoozedUntil: null, snoozesInARow: 0 }],
        }),
      }),
    );
    await page.goto("/team");
    const paused = page.getByTestId("paused-members");
    await paused.waitFor();
    expect(await paused.innerText()).toContain(worker.user.name);
    expect(await paused.innerText()).toContain("2 justifications overdue past the grace period");
    await expectNoSeriousA11yViolations(page, "team summary with a paused member");
    await screenshot(page, "supervisor-team-paused");

    await paused.getByRole("link", { name: worker.user.name }).click();
    await expect.poll(() => heading(page).textContent()).toBe(worker.user.name);
    expect(await page.getByTestId("pause-status").innerText()).toContain("Paused");
    await page.getByLabel("Why?").fill("Off sick since Monday");
    await page.getByRole("button", { name: "Lift the pause" }).click();
    // The real server knows better: nothing is owed past grace, so there is nothing to lift.
    const summary = page.locator(".govuk-error-summary");
    await summary.waitFor();
    expect(await summary.innerText()).toContain("is not paused, so there is nothing to lift");
    await expectNoSeriousA11yViolations(page, "a team member's page, paused");
    await screenshot(page, "supervisor-worker-paused");
    await page.unroute("**/api/pauses");
    watcher.assertClean();
  });

  it("shows the client's page", async () => {

    await page.goto(`/clients/${clientId}`);
    await expect.poll(() => heading(page).textContent()).toBe(CLIENT_REF);
    await expect.poll(() => page.getByTestId("client-spend").count()).toBe(2);
    expect(await page.getByTestId("client-summary").innerText()).toContain("2 spends, £10.90 in all, by 1 worker");
    expect(await page.getByTestId("client-spend").first().innerText()).toContain("Justification endorsed");
    await expectNoSeriousA11yViolations(page, "client page");
    await screenshot(page, "supervisor-client-page");
    watcher.assertClean();
  });

  it("lays the review screen out for a laptop, with the decision beside the case", async () => {
    const laptop = await newDeskContext(phone.browser, baseUrl);
    try {
      const desk = await laptop.newPage();
      const deskWatcher = watchPage(desk);
      await signIn(desk, "supervisor@demo.test");
      await desk.goto("/review");
      await expect.poll(() => heading(desk).textContent()).toBe("Review queue");
      await desk.getByTestId("queue-count").waitFor();
      await screenshot(desk, "supervisor-review-queue-laptop");
      await desk.goto(`/review/${spendId}`);
      await desk.getByTestId("no-decision").waitFor();
      // Side by side: the decision panel starts level with the case, to its right.
      const caseBox = await desk.locator(".gt-review-layout__case").boundingBox();
      const sideBox = await desk.locator(".gt-review-layout__side").boundingBox();
      expect(sideBox!.x).toBeGreaterThan(caseBox!.x + caseBox!.width - 1);
      await expectNoSeriousA11yViolations(desk, "review screen on a laptop");
      await screenshot(desk, "supervisor-review-case-laptop");
      deskWatcher.assertClean();
    } finally {
      await laptop.close();
    }
  });
});
