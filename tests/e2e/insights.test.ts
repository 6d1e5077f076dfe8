// "What it achieved" on a supervisor's phone: outcomes charted beside their tables, two categories
// compared, axe on every page. The worker's spends and follow-ups are made through the API; the
// figures on the page are checked against the API's answer and the domain's own statistics.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { compareRates } from "@greentape/domain/rates";
import { expectNoSeriousA11yViolations, heading, openPhonePage, screenshot, signIn, type PhonePage } from "./support/browser.ts";
import { call, catchUp, login, serverToday } from "./support/api.ts";

const baseUrl = inject("baseUrl");
const run = Date.now().toString(36).toUpperCase();

interface Group {
  key: string;
  label: string;
  reached: number;
  helped: number;
  tooFewToTell: boolean;
}

let phone: PhonePage;
let page: Page;
let supervisorToken: string;
const today = serverToday();
const month = today.slice(0, 7);

/** Outcomes the worker records: Travel mostly helped, Food and essentials less often. */
const PLAN: { category: string; outcomes: (string | null)[] }[] = [
  { category: "Travel", outcomes: [...Array<string>(9).fill("helped_a_lot"), "helped_a_little", "no_difference", "could_not_contact"] },
  { category: "Food and essentials", outcomes: [...Array<string>(4).fill("helped_a_little"), ...Array<string>(7).fill("no_difference"), null] },
];

beforeAll(async () => {
  const worker = await login("worker@demo.test");
  await catchUp(worker.token);
  supervisorToken = (await login("supervisor@demo.test")).token;
  const scheme = (await call<{ items: { id: string }[] }>("GET", "/api/schemes", worker.token)).items[0]!;
  const clients = await Promise.all([1, 2, 3].map((n) => call<{ id: string }>("POST", "/api/clients", worker.token, { reference: `E2E-ACH-${run}-${n}` })));
  await call("PUT", `/api/clients/${clients[0]!.id}/equality-monitoring`, worker.token, { ageBand: "18_24", ethnicGroup: "black" });
  let n = 0;
  for (const { category, outcomes } of PLAN) {
    for (const outcome of outcomes) {
      const client = clients[n++ % clients.length]!;
      const spend = await call<{ id: string }>(
        "POST",
        "/api/spends",
        worker.token,
        { schemeId: scheme.id, clientId: client.id, amount: 150, category, payee: `Shop ${run}`, paymentMethod: "prepaid_card", spentOn: today, note: "Browser test" },
        { "Idempotency-Key": randomUUID() },
      );
      if (outcome) await call("PUT", `/api/spends/${spend.id}/follow-up`, worker.token, { contactedOn: today, method: "phone", outcome });
    }
  }
  phone = await openPhonePage(baseUrl);
  ({ page } = phone);
});

afterAll(async () => {
  await phone?.close();
});

async function apiGroups(): Promise<Group[]> {
  const answer = await call<{ groups: Group[] }>("GET", `/api/insights/outcomes?from=${month}&to=${month}&groupBy=category`, supervisorToken);
  return answer.groups;
}

describe("what it achieved, on a supervisor's phone", () => {
  it("opens from the menu and shows the outcomes charted, with a table beside each chart", async () => {
    await signIn(page, "supervisor@demo.test");
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "What it achieved" }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Outcomes");
    expect(await page.title()).toBe("Outcomes: what it achieved – Green Tape");

    // This month only, so the figures are this file's spends plus any other browser test's this month.
    await page.getByLabel("From", { exact: true }).selectOption(month);
    await page.getByLabel("To", { exact: true }).selectOption(month);
    await page.getByRole("button", { name: "Show" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("from")).toBe(month);

    const table = page.getByTestId("outcomes-table");
    await table.waitFor();
    const groups = await apiGroups();
    const travel = groups.find((g) => g.key === "Travel")!;
    expect(travel.reached).toBeGreaterThanOrEqual(11);
    const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Travel", exact: true }) });
    const cells = await row.getByRole("cell").allInnerTexts();
    // Not followed up yet, could not contact, reached and helped are each their own column.
    expect(cells[4]).toBe(String(travel.reached));
    expect(cells[5]).toBe(String(travel.helped));
    expect(cells[6]).toMatch(/^\d+% \(\d+% to \d+%\)$/);
    expect(await table.getByRole("rowheader").allInnerTexts()).toEqual(groups.map((g) => g.label));

    // Each chart is an SVG picture with a name, and has its table.
    for (const chart of ["rate-chart", "mix-chart"]) {
      const picture = page.getByTestId(chart);
      expect(await picture.getAttribute("role")).toBe("img");
      expect(await picture.getAttribute("aria-label")).toMatch(/^Chart: .+ The table below gives the figures\.$/);
      const svg = picture.locator("svg").last();
      await svg.waitFor();
      // Drawn to the column's width once the page has settled: nearly the phone's width, never wider.
      await expect.poll(async () => (await svg.boundingBox())?.width ?? 0).toBeGreaterThan(300);
      expect((await svg.boundingBox())!.width).toBeLessThanOrEqual(390);
    }
    expect(await page.getByTestId("rate-chart").locator("circle").count()).toBe(groups.filter((g) => !g.tooFewToTell && g.reached > 0).length);
    await expect.poll(() => page.getByTestId("outcome-mix-table").getByRole("rowheader").allInnerTexts()).toEqual(groups.map((g) => g.label));

    // Nothing wider than the phone, apart from the tables that scroll in their own region.
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await expectNoSeriousA11yViolations(page, "outcomes");
    await screenshot(page, "achieved-outcomes-phone");
  });

  it("compares two categories with the difference and its Newcombe interval", async () => {
    const compare = page.getByTestId("compare");
    await compare.getByLabel("First").selectOption({ label: "Travel" });
    await compare.getByLabel("Second").selectOption({ label: "Food and essentials" });
    await compare.getByRole("button", { name: "Compare" }).click();

    const groups = await apiGroups();
    const travel = groups.find((g) => g.key === "Travel")!;
    const food = groups.find((g) => g.key === "Food and essentials")!;
    const expected = compareRates({ successes: travel.helped, trials: travel.reached }, { successes: food.helped, trials: food.reached });
    expect(expected.tooFewToTell).toBe(false);
    const points = (share: number) => Math.round(Math.abs(share) * 100);

    const sentence = await page.getByTestId("comparison-sentence").innerText();
    expect(sentence).toContain(`Travel: helped rate ${points(expected.difference!)} points higher than Food and essentials`);
    expect(sentence).toContain(`to ${points(expected.interval!.upper)} points)`);
    expect(await page.getByTestId("comparison-difference").innerText()).toContain("Newcombe");
    await page.getByTestId("comparison-chart").locator("svg").waitFor();
    expect(await page.getByTestId("comparison-table").getByRole("rowheader").allInnerTexts()).toEqual(["Travel", "Food and essentials", "Difference"]);
    expect(new URL(page.url()).searchParams.get("second")).toBe("Food and essentials");

    await expectNoSeriousA11yViolations(page, "outcomes compared");
    await page.getByTestId("compare").scrollIntoViewIfNeeded();
    await screenshot(page, "achieved-compare-phone");
  });

  it("shows the speed of the loop as quartiles of days, from the summary's own figures", async () => {
    await page.getByRole("navigation", { name: "What it achieved" }).getByRole("link", { name: "Value and speed" }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Value and speed");
    const span = new URL(page.url()).searchParams;
    const summary = await call<{ loop: { stages: Record<string, { count: number; lowerQuartile: number | null; median: number | null; upperQuartile: number | null }> } }>(
      "GET",
      `/api/insights/summary?from=${span.get("from")}&to=${span.get("to")}`,
      supervisorToken,
    );
    const table = page.getByTestId("loop-table");
    await table.waitFor();
    const followUp = summary.loop.stages.toFollowUp!;
    expect(followUp.count).toBeGreaterThanOrEqual(23);
    const cells = await table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Spend to follow-up", exact: true }) }).getByRole("cell").allInnerTexts();
    const days = (value: number | null) => (value === null ? "None yet" : value.toLocaleString("en-GB", { maximumFractionDigits: 1 }));
    expect(cells).toEqual([followUp.count.toLocaleString("en-GB"), days(followUp.lowerQuartile), days(followUp.median), days(followUp.upperQuartile)]);
    await page.getByTestId("loop-chart").locator("svg").last().waitFor();
    await expectNoSeriousA11yViolations(page, "value and speed");
    await screenshot(page, "achieved-value-phone");
  });

  it("shows uptake by team, and the supervisor their own people who have not spent in 90 days", async () => {
    await page.getByRole("navigation", { name: "What it achieved" }).getByRole("link", { name: "Uptake" }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Uptake");
    const uptake = await call<{ teams: { teamName: string; workersWhoSpent: number; people: { name: string }[] | null }[] }>("GET", `/api/insights/uptake?period=${month}`, supervisorToken);
    const table = page.getByTestId("uptake-table");
    await table.waitFor();
    expect(await table.getByRole("rowheader").allInnerTexts()).toEqual(uptake.teams.map((t) => t.teamName));
    const own = uptake.teams[0]!;
    expect(own.workersWhoSpent).toBeGreaterThanOrEqual(1);
    const cells = await table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: own.teamName, exact: true }) }).getByRole("cell").allInnerTexts();
    expect(cells[1]).toBe(String(own.workersWhoSpent));
    const names = own.people!.map((p) => p.name);
    if (names.length > 0) expect((await page.getByTestId("not-used-people").innerText()).split("\n").map((line) => line.split(":")[0])).toEqual(names);
    else await page.getByText(`Everyone in ${own.teamName} has spent in the last 90 days.`).waitFor();
    await expectNoSeriousA11yViolations(page, "uptake");
    await screenshot(page, "achieved-uptake-phone");
  });

  it("shows who the spend reaches by equality-monitoring group, in words", async () => {
    await page.getByRole("navigation", { name: "What it achieved" }).getByRole("link", { name: "Equity" }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Equity");
    const span = new URL(page.url()).searchParams;
    const equity = await call<{ byGroup: { dimension: string; group: string; label: string; clients: number }[] }>(
      "GET",
      `/api/insights/equity?from=${span.get("from")}&to=${span.get("to")}`,
      supervisorToken,
    );
    const table = page.getByTestId("group-table-ageBand");
    await table.waitFor();
    expect(await page.getByRole("heading", { name: "Age band", level: 3 }).count()).toBe(1);
    const ageBands = equity.byGroup.filter((g) => g.dimension === "ageBand");
    expect(await table.getByRole("rowheader").allInnerTexts()).toEqual(ageBands.map((g) => g.label));
    expect(ageBands.find((g) => g.group === "18_24")).toMatchObject({ label: "18 to 24" });
    expect(ageBands.find((g) => g.group === "18_24")!.clients).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId("group-table-ethnicGroup").getByRole("rowheader").allInnerTexts()).toContain("Black, Black British, Black Welsh, Caribbean or African");
    await expectNoSeriousA11yViolations(page, "equity");
    await screenshot(page, "achieved-equity-phone");
  });
});
