import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, createScheme, postSpend, spendBody } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, TestClock, type TestApp } from "../support/test-app.ts";

/**
 * The public summary holds no client, worker, email or individual payee: strings planted in every
 * such place (client reference and name, the workers' names and emails, payees, notes,
 * justifications, follow-up words) must appear nowhere in its JSON or CSV; and a count under 5
 * comes out suppressed.
 */
describe("the public summary", () => {
  let t: TestApp;
  const clock = new TestClock(new Date("2026-03-31T12:00:00Z"));
  const PLANTED = {
    clientReference: "PLANTREF-7731",
    clientName: "Plantedname Person",
    individualPayee: "Jane Plantedpayee",
    organisationPayee: "Plantedorg Buses Ltd",
    note: "Plantednote about the family",
    narrative: "Plantednarrative: the fare the family needed for the hospital visit this week.",
    clientView: "Plantedview: it got me there",
  };
  const PEOPLE = ["Wren Walker", "Priya Shah", "Tom Okafor", "Sam Reid", "worker@council.test", "worker2@council.test", "worker3@council.test", "@council.test"];

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const [worker, worker2, worker3] = await Promise.all([t.tokenFor("worker"), t.tokenFor("worker2"), t.tokenFor("worker3")]);
    const scheme = (await createScheme(t, { name: "Public pilot", perSpendCap: null, perClientCap: null, perWorkerMonthlyCap: null })).id;
    const named = await t.http.post("/api/clients").set("Authorization", `Bearer ${worker}`).send({ reference: PLANTED.clientReference, displayName: PLANTED.clientName });
    expect(named.status).toBe(201);
    const north = [named.body.id as string, await createClient(t, worker)];
    const east = await createClient(t, worker3);
    // Travel 13 (8 North, 5 East), Clothing 6, Food 3: Food is under 5, and so Clothing is withheld beside it.
    const plan: Array<[token: string, client: string, category: string, count: number, payeeType: "individual" | "organisation"]> = [
      [worker, north[0] as string, "Travel", 8, "individual"],
      [worker3, east, "Travel", 5, "organisation"],
      [worker2, north[1] as string, "Clothing", 6, "organisation"],
      [worker2, north[0] as string, "Food and essentials", 3, "individual"],
    ];
    for (const [token, clientId, category, count, payeeType] of plan) {
      for (let i = 0; i < count; i++) {
        const payee = payeeType === "individual" ? PLANTED.individualPayee : PLANTED.organisationPayee;
        const res = await postSpend(t, token, spendBody({ schemeId: scheme, clientId, category, amount: 1_000 + i, spentOn: `2026-03-${String(10 + i).padStart(2, "0")}`, payee, payeeType, note: PLANTED.note }));
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        expect((await t.http.put(`/api/spends/${res.body.id}/justification`).set("Authorization", `Bearer ${token}`).send({ narrative: PLANTED.narrative, intendedOutcome: "Gets to the hospital" })).status).toBe(200);
        const followUp = { contactedOn: "2026-03-30", method: "phone", outcome: i % 3 ? "helped_a_lot" : "no_difference", clientView: PLANTED.clientView };
        expect((await t.http.put(`/api/spends/${res.body.id}/follow-up`).set("Authorization", `Bearer ${token}`).send(followUp)).status).toBe(200);
      }
    }
  }, 120_000);
  afterAll(() => t.close());

  it("needs no sign-in, and names nobody anywhere in its JSON or CSV", async () => {
    const json = await t.http.get("/api/public/summary?year=2026");
    expect(json.status, JSON.stringify(json.body)).toBe(200);
    const csv = await t.http.get("/api/public/summary?year=2026&format=csv");
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    for (const text of [JSON.stringify(json.body), csv.text]) {
      for (const planted of [...Object.values(PLANTED), ...PEOPLE]) expect(text).not.toContain(planted);
      expect(text).not.toMatch(/Planted|@/i);
    }
    // What it does show: the year's money and outcomes, by category and team.
    expect(json.body).toMatchObject({ year: 2026, from: "2026-01", to: "2026-12", minimumCount: 5, total: { spends: 22, followUps: 22, suppressed: [] } });
    expect(json.body.byTeam.map((g: { label: string; spends: number }) => [g.label, g.spends])).toEqual([
      ["Adult Services East", 5],
      ["Children's Services North", 17],
    ]);
  });

  it("withholds a count under 5, whatever rests on it, and the cell that would give it away", async () => {
    const { body } = await t.http.get("/api/public/summary?year=2026");
    type Group = { label: string; suppressed: string[]; helpedRate: number | null };
    const byLabel = Object.fromEntries((body.byCategory as Group[]).map((g) => [g.label, g])) as Record<string, Group>;
    expect(byLabel["Food and essentials"]).toMatchObject({ spends: null, amount: null, followUps: null, reached: null, helped: null, helpedRate: null, interval: null });
    expect(byLabel["Food and essentials"]?.suppressed).toEqual(expect.arrayContaining(["spends", "amount", "followUps", "reached", "helped", "helpedRate"]));
    // Clothing's 6 goes too, or 22 − 13 − 6 would give Food's 3 away.
    expect(byLabel.Clothing).toMatchObject({ spends: null, amount: null });
    expect(byLabel.Travel).toMatchObject({ spends: 13, amount: 8 * 1_000 + 28 + 5 * 1_000 + 10, suppressed: [] });
    expect(byLabel.Travel?.helpedRate).not.toBeNull();
    // No audit sample this year: nothing sampled is a count under 5 too.
    expect(body.audit).toMatchObject({ sampled: null, withFinding: null, misuseAmount: null, deviationUpper: null });
    // All logged on 31 March for dates 10 to 21 March (median 19 days), justified the same day,
    // followed up on the 30th (one day less); no reviews, and a count of 0 is withheld.
    expect(body.loop).toEqual({ medianDaysToLog: 19, medianDaysToJustify: 0, medianDaysToReview: null, medianDaysToFollowUp: 18, suppressed: ["medianDaysToReview"] });

    const csv = (await t.http.get("/api/public/summary?year=2026&format=csv")).text;
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("section,group,measure,value");
    expect(lines).toContain("category,Food and essentials,spends,suppressed");
    expect(lines).toContain("category,Clothing,amount,suppressed");
    expect(lines).toContain("category,Travel,spends,13");
    expect(lines).toContain("total,2026,spends,22");
    expect(lines).toContain("loop,2026,medianDaysToReview,suppressed");
  });

  it("answers 400 naming a bad year or format", async () => {
    expectProblem(await t.http.get("/api/public/summary?year=26"), 400, { field: "year" });
    expectProblem(await t.http.get("/api/public/summary"), 400, { field: "year" });
    expectProblem(await t.http.get("/api/public/summary?year=2026&format=xlsx"), 400, { field: "format" });
  });
});
