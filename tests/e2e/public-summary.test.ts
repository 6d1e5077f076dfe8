// The public summary on a resident's phone, with no sign-in: the year's figures as the API gives
// them, small counts withheld, and nothing that names a client, a worker or a private payee,
// though this file plants all three in the year's spends first.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import type { PublicSummary } from "@greentape/domain/public-summary";
import { expectNoSeriousA11yViolations, heading, openPhonePage, screenshot, type PhonePage } from "./support/browser.ts";
import { call, catchUp, login, serverToday } from "./support/api.ts";

const baseUrl = inject("baseUrl");
const run = Date.now().toString(36).toUpperCase();
const today = serverToday();
const year = Number(today.slice(0, 4));

const planted = { clientReference: `E2E-PUB-${run}`, payee: `Priya Planted${run}`, email: "worker@demo.test", workerName: "" };

let phone: PhonePage;
let page: Page;

beforeAll(async () => {
  const worker = await login(planted.email);
  planted.workerName = worker.user.name;
  await catchUp(worker.token);
  const scheme = (await call<{ items: { id: string }[] }>("GET", "/api/schemes", worker.token)).items[0]!;
  const client = await call<{ id: string }>("POST", "/api/clients", worker.token, { reference: planted.clientReference });
  for (let i = 0; i < 6; i += 1) {
    const spend = await call<{ id: string }>(
      "POST",
      "/api/spends",
      worker.token,
      { schemeId: scheme.id, clientId: client.id, amount: 275, category: "Travel", payee: planted.payee, payeeType: "individual", paymentMethod: "prepaid_card", spentOn: today, note: `For ${planted.clientReference}` },
      { "Idempotency-Key": randomUUID() },
    );
    await call("PUT", `/api/spends/${spend.id}/follow-up`, worker.token, { contactedOn: today, method: "phone", outcome: "helped_a_lot", notes: `Spoke to ${planted.payee}` });
  }
  phone = await openPhonePage(baseUrl);
  ({ page } = phone);
});

afterAll(async () => {
  await phone?.close();
});

describe("the public summary, with no sign-in", () => {
  it("shows the year's figures as the API gives them, and nothing about any person", async () => {
    const summary = await call<PublicSummary>("GET", `/api/public/summary?year=${year}`, null);
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "What the freedom to spend achieved: the public summary" }).click();
    await expect.poll(() => heading(page).textContent()).toBe(`What the freedom to spend achieved in ${year}`);
    expect(new URL(page.url()).pathname).toBe("/public/summary");

    const byCategory = page.getByTestId("public-by-category");
    await byCategory.waitFor();
    expect(await byCategory.getByRole("rowheader").allInnerTexts()).toEqual(summary.byCategory.map((g) => g.label));
    const travel = summary.byCategory.find((g) => g.label === "Travel")!;
    expect(travel.spends).toBeGreaterThanOrEqual(6);
    const travelCells = await byCategory.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Travel", exact: true }) }).getByRole("cell").allInnerTexts();
    expect(travelCells[0]).toBe(travel.spends!.toLocaleString("en-GB"));
    expect(travelCells[4]).toBe(travel.helped === null ? "Withheld" : travel.helped.toLocaleString("en-GB"));
    // A withheld figure reads "Withheld" wherever the API withheld it, and nowhere else.
    const withheldInApi = summary.byCategory.flatMap((g) => g.suppressed.filter((m) => m !== "helpedRate")).length;
    const withheldOnPage = (await byCategory.getByRole("cell").allInnerTexts()).filter((text) => text === "Withheld").length;
    expect(withheldOnPage).toBeGreaterThanOrEqual(withheldInApi);
    expect(await page.getByTestId("public-by-team").getByRole("rowheader").allInnerTexts()).toEqual(summary.byTeam.map((g) => g.label));

    const text = await page.locator("main").innerText();
    for (const secret of [planted.clientReference, planted.payee, planted.email, planted.workerName]) expect(text).not.toContain(secret);
    const csvHref = await page.getByRole("link", { name: /Download these figures/ }).getAttribute("href");
    const csv = await (await fetch(`${baseUrl}${csvHref}`)).text();
    expect(csv.split("\n")[0]?.trim()).toBe("section,group,measure,value");
    for (const secret of [planted.clientReference, planted.payee, planted.email, planted.workerName]) expect(csv).not.toContain(secret);

    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await expectNoSeriousA11yViolations(page, "public summary");
    await screenshot(page, "public-summary-phone");

    // The browser holds no session: a refresh answers 401, so nothing here was signed in.
    const refresh = await page.request.post(`${baseUrl}/api/auth/refresh`);
    expect(refresh.status()).toBe(401);
  });

  it("shows another year when asked, from the address it puts the year in", async () => {
    await page.getByLabel("Year").selectOption(String(year - 1));
    await page.getByRole("button", { name: "Show this year" }).click();
    await expect.poll(() => heading(page).textContent()).toBe(`What the freedom to spend achieved in ${year - 1}`);
    expect(new URL(page.url()).searchParams.get("year")).toBe(String(year - 1));
    const summary = await call<PublicSummary>("GET", `/api/public/summary?year=${year - 1}`, null);
    await page.getByTestId("public-figures").waitFor();
    if (summary.total.spends === 0) expect(await page.getByTestId("public-figures").innerText()).toBe(`Nothing was spent in ${year - 1}.`);
    else expect(await page.getByTestId("public-by-category").getByRole("rowheader").allInnerTexts()).toEqual(summary.byCategory.map((g) => g.label));
    await expectNoSeriousA11yViolations(page, "public summary, last year");
  });
});
