// The auditor's work in Chromium against the real server, on a phone-sized screen: the queue with
// a supervisor's concern, drawing a sample for the month, checking it, opening a case, recording a
// finding (with the error first), reading the report and downloading it, and verifying the event
// log. Data is prepared through the API as the worker and the supervisor would make it.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
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

const run = Date.now().toString(36).toUpperCase();
const CLIENT_REF = `E2E-AUD-${run}`;
const PAYEE = `Hardware store ${run}`;
const CONCERN = `The receipt shows tools the client did not need (${run}).`;
const FINDING_NOTES = `Checked the receipt against the narrative: two items were not for the client (${run}).`;
const NOTE_FOR_REVIEWERS = `Reviewers only: the same store was paid twice last month (${run}).`;
const COMMENT_TO_WORKER = `Please add a photo of the receipt's second page (${run}).`;
/** The auditor's desk: a laptop screen. */
const DESK = { width: 1366, height: 900 } as const;

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

let phone: PhonePage;
let context: BrowserContext;
let page: Page;
let watcher: PhonePage["watcher"];
let spendId: string;
let period: string;
let monthName: string;
let category: string;
let sampleId: string;
let workerName: string;
/** The scheme named, not "version 1" alone. */
let schemeLine: string;

beforeAll(async () => {
  // A worker logs and justifies a spend; their supervisor raises a concern about it.
  const workerLogin = await login("worker@demo.test");
  const worker = workerLogin.token;
  workerName = workerLogin.user.name;
  await catchUp(worker);
  const scheme = (await call<{ items: { id: string; name: string; version: number; categories: string[] }[] }>("GET", "/api/schemes", worker)).items[0]!;
  schemeLine = `${scheme.name}, version ${scheme.version}`;
  const client = await call<{ id: string }>("POST", "/api/clients", worker, { reference: CLIENT_REF });
  const today = serverToday();
  category = scheme.categories[0]!;
  const spend = await call<{ id: string; period: string }>(
    "POST",
    "/api/spends",
    worker,
    { schemeId: scheme.id, clientId: client.id, amount: 1875, category, payee: PAYEE, paymentMethod: "prepaid_card", spentOn: today, note: "Browser test" },
    { "Idempotency-Key": randomUUID() },
  );
  spendId = spend.id;
  period = spend.period;
  monthName = MONTH.format(new Date(`${period}-01T00:00:00Z`));
  await call("PUT", `/api/spends/${spendId}/justification`, worker, {
    narrative: "A shelf had come off the wall in the children's room and the landlord would not fix it for weeks.",
    intendedOutcome: "A safe bedroom",
  });
  const supervisor = (await login("supervisor@demo.test")).token;
  await call("POST", `/api/spends/${spendId}/reviews`, supervisor, { decision: "concern", comment: CONCERN });

  phone = await openPhonePage(baseUrl);
  ({ context, page, watcher } = phone);
});

afterAll(async () => {
  await phone?.close();
});

describe("auditor", () => {
  it("sees the supervisor's concern in the queue", async () => {
    await signIn(page, "auditor@demo.test");
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Audit" }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Audit");
    await page.getByTestId("queue-summary").waitFor();
    await expectNoSeriousA11yViolations(page, "audit home");
    await screenshot(page, "auditor-home");

    await page.getByRole("link", { name: "Open your queue" }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Your audit queue");
    const concern = page.getByTestId("concerns").getByRole("listitem").filter({ hasText: PAYEE });
    await concern.waitFor();
    await expectNoSeriousA11yViolations(page, "audit queue");
    await screenshot(page, "auditor-queue");

    await concern.getByRole("link").click();
    await expect.poll(() => heading(page).textContent()).toBe(`${CLIENT_REF}: £18.75 on ${category}`);
    expect(await page.getByTestId("concern").innerText()).toContain(CONCERN);
    await expectNoSeriousA11yViolations(page, "concern case");
    watcher.assertClean();
  });

  it("draws a sample for the month, with the size in words, and checks that it matches", async () => {
    await page.getByRole("link", { name: `Draw a sample for ${monthName}` }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Draw a sample");
    expect(await page.getByLabel("Which month?").inputValue()).toBe(period);

    // A mistake first: a share of spends that is not a percentage.
    await page.getByLabel("A share of the month's spends").check();
    await page.getByLabel("Share of spends").fill("lots");
    await page.getByRole("button", { name: "Draw the sample" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    expect(await page.locator(".govuk-error-summary").innerText()).toContain("Enter a percentage of the month's spends");
    await expectNoSeriousA11yViolations(page, "draw a sample with an error");
    await screenshot(page, "auditor-draw-error");

    await page.getByLabel("Work it out for me (recommended)").check();
    expect(await page.getByLabel("Also add every spend that meets a risk rule").isChecked()).toBe(true);
    await expectNoSeriousA11yViolations(page, "draw a sample");
    await screenshot(page, "auditor-draw");
    await page.getByRole("button", { name: "Draw the sample" }).click();

    await expect.poll(() => heading(page).textContent()).toBe(`Sample for ${monthName}`);
    expect(await page.getByRole("alert").first().innerText()).toContain(`Sample drawn for ${monthName}`);
    sampleId = new URL(page.url()).pathname.split("/")[3] as string;
    // The size, explained in words.
    expect(await page.getByTestId("size-explanation").innerText()).toMatch(/^\d+ spends?: /);
    expect(await page.getByTestId("seed").innerText()).toMatch(/^[0-9a-f]{32,}$/);
    expect(await page.getByTestId("dataset-digest").innerText()).toMatch(/^[0-9a-f]{64}$/);

    await page.getByRole("button", { name: "Check the sample" }).click();
    await expect.poll(() => page.getByTestId("verify-result").innerText()).toContain("It matches.");
    await expectNoSeriousA11yViolations(page, "sample");
    await screenshot(page, "auditor-sample");
    watcher.assertClean();
  });

  it("opens the case with its reasons and records a finding", async () => {
    // The spend with a concern is always in the sample, and says why.
    const item = page.getByTestId("sample-item").filter({ hasText: PAYEE });
    expect(await item.innerText()).toContain("Concern raised");
    // Whose spend it is, by name: the worker, their team and the client.
    expect(await item.getByTestId("sample-item-people").innerText()).toBe(`${workerName}, Children's Services North. Client ${CLIENT_REF}`);
    await item.getByRole("link").click();
    await page.getByTestId("sample-reasons").waitFor();
    expect(await heading(page).innerText()).toBe(`${CLIENT_REF}: £18.75 on ${category}`);
    expect(await page.getByTestId("sample-reasons").innerText()).toContain("A supervisor raised a concern.");
    // The whole case: the justification, the review that raised the concern, and the timeline.
    expect(await page.getByTestId("justification").innerText()).toContain(CONCERN);
    expect(await page.getByTestId("timeline").innerText()).toContain("Concern raised");
    await expectNoSeriousA11yViolations(page, "sampled case");
    await screenshot(page, "auditor-case");

    // A deviation needs notes: the error first.
    await page.getByLabel("Minor").check();
    await page.getByRole("button", { name: "Save finding" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    expect(await page.locator(".govuk-error-summary").innerText()).toContain("needs notes");
    expect(await page.title()).toMatch(/^Error: /);
    await expectNoSeriousA11yViolations(page, "finding with an error");
    await screenshot(page, "auditor-finding-error");

    await page.getByLabel("Notes").fill(FINDING_NOTES);
    await page.getByRole("button", { name: "Save finding" }).click();
    await expect.poll(() => page.getByTestId("success-heading").innerText()).toBe("Finding saved: Minor");
    await expect.poll(() => page.getByTestId("finding-recorded").innerText()).toContain("Minor");
    expect(await page.locator(".govuk-error-summary").count()).toBe(0);
    await screenshot(page, "auditor-finding-saved");
    watcher.assertClean();
  });

  it("reads the report in plain English and downloads it", async () => {
    await page.getByRole("link", { name: "Back to the sample" }).click();
    await expect.poll(() => heading(page).textContent()).toBe(`Sample for ${monthName}`);
    // The statement about the month rests on the random part. If other tests' spends filled the month
    // so that the concern was added by a risk rule instead, check one random spend too.
    const random = page.getByRole("list", { name: "Spends drawn at random" }).getByTestId("sample-item");
    await random.first().waitFor();
    if ((await random.filter({ hasNotText: "No finding yet" }).count()) === 0) {
      await random.first().getByRole("link").click();
      await page.getByLabel("No issue").check();
      await page.getByRole("button", { name: "Save finding" }).click();
      await expect.poll(() => page.getByTestId("success-heading").innerText()).toBe("Finding saved: No issue");
      await page.getByRole("link", { name: "Back to the sample" }).click();
    }
    await page.getByRole("link", { name: "Read the report" }).click();
    await expect.poll(() => heading(page).textContent()).toBe(`Report on the sample for ${monthName}`);
    const conclusion = await page.getByTestId("conclusion").innerText();
    expect(conclusion).toMatch(new RegExp(`we can be 95% confident that no more than [\\d.]+% of the \\d+ spends? in ${monthName} had a problem`));
    expect(Number(await page.getByTestId("items-reviewed").innerText().then((t) => t.split(" of ")[0]))).toBeGreaterThanOrEqual(1);
    expect(Number(await page.getByTestId("deviations").innerText())).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId("upper-limit").innerText()).toMatch(/^[\d.]+%$/);
    await expectNoSeriousA11yViolations(page, "report");
    await screenshot(page, "auditor-report");

    // The working paper, fetched with the access token and saved as a file.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Download CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-sample-.+\.csv$/);
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toContain("position,stratum,reasons,spend_id");
    expect(csv).toContain(spendId);
    expect(csv).toContain("minor");
    expect(csv).toContain(`${workerName},Children's Services North`);
    expect(csv).toContain(CLIENT_REF);

    // The printable page opens in a new tab.
    const [printable] = await Promise.all([context.waitForEvent("page"), page.getByRole("button", { name: "Open printable report" }).click()]);
    await printable.waitForLoadState();
    expect(printable.url()).toMatch(/^blob:/);
    // Words for people: the month named, the findings as words, not their codes.
    const printed = await printable.locator("body").innerText();
    expect(printed).toContain(`Audit sample report, ${monthName}`);
    expect(printed).not.toMatch(/no_issue|misuse_suspected/);
    await printable.close();
    await expect.poll(() => page.getByTestId("download-status").innerText()).toContain("printable report");
    watcher.assertClean();
  });

  it("verifies the event log, shows the checkpoint to keep, and names a broken entry plainly", async () => {
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Event log" }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Event log");
    await page.getByRole("button", { name: "Check the event log" }).click();
    await page.getByTestId("chain-ok").waitFor();
    expect(await page.getByTestId("chain-ok").innerText()).toContain("The event log is intact");
    const checkpoint = await page.getByTestId("checkpoint").innerText();
    expect(checkpoint).toMatch(/^\S+\n\d+\n[A-Za-z0-9+/]{43}=\n\n— \S+ \S+\s*$/);
    await expectNoSeriousA11yViolations(page, "event log verified");
    await screenshot(page, "auditor-event-log");

    // Checked again against the checkpoint just shown, pasted as if saved elsewhere: the log still extends it.
    await page.getByText("Check against a checkpoint saved elsewhere").click();
    await page.getByLabel("Saved checkpoint").fill(checkpoint);
    await page.getByRole("button", { name: "Check against this checkpoint" }).click();
    await expect.poll(() => page.getByTestId("chain-result").innerText()).toContain("The log still extends the checkpoint you pasted.");

    // A changed entry, as the server's rebuild reports one (stubbed here; tests/api covers real
    // tampering, and log-consistency.test.ts a real truncation): the page names the entry.
    await page.route("**/api/audit/events/verify*", (route) =>
      route.fulfill({
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({ ok: false, checked: 42, treeSize: 60, problem: "changed", firstBadIndex: 17, firstBrokenId: 23, reason: "entry 17 (event 23) was changed after it was sealed" }),
      }),
    );
    await page.getByRole("button", { name: "Check the event log" }).click();
    await page.getByTestId("chain-broken").waitFor();
    expect(await page.getByTestId("chain-broken").innerText()).toContain("The event log has been changed");
    expect(await page.getByTestId("broken-entry").innerText()).toBe("Entry 17 (event 23)");
    expect(await page.getByTestId("chain-broken").innerText()).toContain("was changed after it was sealed");
    await expectNoSeriousA11yViolations(page, "event log broken");
    await screenshot(page, "auditor-event-log-broken");
    await page.unroute("**/api/audit/events/verify*");
    watcher.assertClean();
  });
});

describe("auditor at a desk", () => {
  it("comments on the case, one note for reviewers only and one to the worker; the worker sees only theirs", async () => {
    const desk = await newDeskContext(phone.browser, baseUrl, DESK);
    try {
      const auditorPage = await desk.newPage();
      const auditorWatcher = watchPage(auditorPage);
      await signIn(auditorPage, "auditor@demo.test");
      await auditorPage.goto(`/audit/samples/${sampleId}/items/${spendId}`);
      await auditorPage.getByTestId("sample-reasons").waitFor();
      expect(await auditorPage.getByTestId("spend-scheme").innerText()).toBe(schemeLine);
      const form = auditorPage.getByRole("form", { name: "Add a comment" });

      // Who reads it is asked every time: a note must never reach the worker by a default.
      await form.getByLabel("Add a comment").fill(NOTE_FOR_REVIEWERS);
      await form.getByRole("button", { name: "Add comment" }).click();
      await expect.poll(() => form.innerText()).toContain("Select who may read it");
      await form.getByLabel("Reviewers only").check();
      await form.getByRole("button", { name: "Add comment" }).click();
      await expect.poll(() => auditorPage.getByTestId("comment-done").innerText()).toBe("Reviewer note added. The worker will not see it.");

      await form.getByLabel("Add a comment").fill(COMMENT_TO_WORKER);
      await form.getByLabel("The worker as well").check();
      await form.getByRole("button", { name: "Add comment" }).click();
      await expect.poll(() => auditorPage.getByTestId("comment-done").innerText()).toBe("Comment added. The worker has been told.");
      const comments = auditorPage.getByTestId("comments").getByRole("listitem");
      await expect.poll(() => comments.filter({ hasText: COMMENT_TO_WORKER }).count()).toBe(1);
      expect(await comments.filter({ hasText: NOTE_FOR_REVIEWERS }).innerText()).toContain("Reviewers only");
      expect(await comments.filter({ hasText: COMMENT_TO_WORKER }).innerText()).not.toContain("Reviewers only");
      await expect.poll(() => auditorPage.getByTestId("timeline").innerText()).toContain("Reviewer note added");
      await expectNoSeriousA11yViolations(auditorPage, "auditor's comments on the case");
      await screenshot(auditorPage, "auditor-case-comments-desk");
      auditorWatcher.assertClean();
      await auditorPage.close();

      // The worker, on a browser of their own.
      const workerDesk = await newDeskContext(phone.browser, baseUrl, DESK);
      const workerPage = await workerDesk.newPage();
      const workerWatcher = watchPage(workerPage);
      await signIn(workerPage, "worker@demo.test");
      await workerPage.goto(`/spends/${spendId}`);
      await workerPage.getByTestId("comments").waitFor();
      expect(await workerPage.getByTestId("spend-scheme").innerText()).toBe(schemeLine);
      const seen = await workerPage.locator("main").innerText();
      expect(seen).toContain(COMMENT_TO_WORKER);
      expect(seen).not.toContain(NOTE_FOR_REVIEWERS);
      expect(seen).not.toContain("Reviewer note");
      await workerPage.goto("/notifications");
      await expect.poll(() => workerPage.locator("main").innerText()).toMatch(/comment/i);
      expect(await workerPage.locator("main").innerText()).not.toContain(NOTE_FOR_REVIEWERS);
      workerWatcher.assertClean();
      await workerDesk.close();
    } finally {
      await desk.close();
    }
  });
});
