import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createClient, createScheme, councilIds, postSpend, scalar, spendBody, type CouncilIds } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, TestClock, type TestApp } from "../support/test-app.ts";

/**
 * "What it achieved" over known data: 30 live spends (and one voided) by two teams in three
 * categories under two schemes across February and March 2026, with follow-ups, justifications
 * and reviews at known days. Every expected figure below was worked out by hand (and checked in
 * Python) from the table, not by the code under test; Wilson intervals are R's
 * prop.test(k, n, correct = FALSE)$conf.int.
 */
type Outcome = "helped_a_lot" | "helped_a_little" | "no_difference" | "made_things_worse" | "could_not_contact";
type Row = [
  team: "north" | "east",
  worker: "worker" | "worker2" | "worker3",
  scheme: "A" | "B",
  category: string,
  amount: number,
  spentOn: string,
  logLagDays: number,
  client: string,
  outcome: Outcome | null,
  followUpLagDays: number,
  justify?: [daysAfterLogging: number, reviewDaysAfterJustifying: number | null],
];

const ROWS: Row[] = [
  ["north", "worker", "A", "Travel", 1000, "2026-02-02", 0, "N1", "helped_a_lot", 3, [1, 2]],
  ["north", "worker", "A", "Travel", 1000, "2026-02-05", 1, "N2", "helped_a_lot", 5, [0, 1]],
  ["north", "worker", "A", "Travel", 1000, "2026-02-09", 0, "N1", "helped_a_little", 2],
  ["north", "worker", "A", "Travel", 1000, "2026-02-12", 2, "N3", "helped_a_lot", 7],
  ["north", "worker", "A", "Travel", 1000, "2026-02-16", 0, "N2", "no_difference", 4],
  ["north", "worker", "A", "Travel", 1000, "2026-02-20", 1, "N1", "helped_a_lot", 6],
  ["north", "worker", "A", "Travel", 1000, "2026-03-02", 0, "N4", "could_not_contact", 3],
  ["north", "worker", "A", "Travel", 1000, "2026-03-04", 3, "N2", "helped_a_lot", 8],
  ["north", "worker", "A", "Travel", 1000, "2026-03-06", 0, "N1", "helped_a_little", 2],
  ["north", "worker", "A", "Travel", 1000, "2026-03-09", 1, "N3", "helped_a_lot", 10],
  ["north", "worker", "A", "Travel", 1000, "2026-03-11", 0, "N2", "helped_a_little", 5],
  ["north", "worker", "A", "Travel", 1000, "2026-03-13", 2, "N4", null, 0],
  ["north", "worker2", "B", "Food and essentials", 2500, "2026-02-03", 1, "N3", "helped_a_lot", 4, [3, null]],
  ["north", "worker2", "B", "Food and essentials", 2500, "2026-02-17", 0, "N4", "made_things_worse", 9, [2, 4]],
  ["north", "worker2", "B", "Food and essentials", 2500, "2026-02-24", 5, "N1", "no_difference", 3],
  ["north", "worker2", "B", "Food and essentials", 2500, "2026-03-03", 0, "N3", "helped_a_lot", 6],
  ["north", "worker2", "B", "Food and essentials", 2500, "2026-03-10", 1, "N2", null, 0],
  ["north", "worker2", "B", "Food and essentials", 2500, "2026-03-16", 0, "N4", null, 0],
  ["north", "worker2", "A", "Clothing", 4000, "2026-02-10", 0, "N2", "helped_a_little", 12],
  ["north", "worker2", "A", "Clothing", 4000, "2026-03-05", 2, "N3", "could_not_contact", 1],
  ["north", "worker2", "A", "Clothing", 4000, "2026-03-18", 0, "N1", null, 0],
  ["east", "worker3", "A", "Travel", 1500, "2026-02-04", 0, "E1", "helped_a_lot", 2, [5, 0]],
  ["east", "worker3", "A", "Travel", 1500, "2026-02-11", 1, "E2", "no_difference", 3],
  ["east", "worker3", "A", "Travel", 1500, "2026-02-25", 0, "E3", "no_difference", 5],
  ["east", "worker3", "A", "Travel", 1500, "2026-03-03", 4, "E1", "no_difference", 4],
  ["east", "worker3", "A", "Travel", 1500, "2026-03-12", 0, "E2", null, 0],
  ["east", "worker3", "B", "Food and essentials", 2000, "2026-02-06", 0, "E1", "helped_a_little", 7, [0, 3]],
  ["east", "worker3", "B", "Food and essentials", 2000, "2026-02-19", 2, "E3", "could_not_contact", 2],
  ["east", "worker3", "B", "Food and essentials", 2000, "2026-03-02", 0, "E2", "helped_a_little", 3],
  ["east", "worker3", "B", "Food and essentials", 2000, "2026-03-17", 1, "E3", "could_not_contact", 6],
];

const DAY = 24 * 60 * 60 * 1000;
const noon = (date: string, plusDays = 0) => new Date(Date.parse(`${date}T12:00:00Z`) + plusDays * DAY);
const TODAY = "2026-03-31";

const counts = (helped_a_lot: number, helped_a_little: number, no_difference: number, made_things_worse: number, could_not_contact: number) => ({
  helped_a_lot,
  helped_a_little,
  no_difference,
  made_things_worse,
  could_not_contact,
});
const wilson = (lower: number, upper: number) => ({ lower: expect.closeTo(lower, 5), upper: expect.closeTo(upper, 5), method: "wilson", confidence: 0.95 });

/** The expected figures of each group, from the table above. */
const EXPECTED = {
  Travel: { spends: 17, amount: 19_500, followUps: 15, reached: 14, helped: 10, notFollowedUp: 2, outcomes: counts(7, 3, 4, 0, 1), helpedRate: expect.closeTo(10 / 14, 9), interval: wilson(0.453509, 0.882786), tooFewToTell: false, clients: 7, clientsHelped: 4, costPerClientHelped: 4_875 },
  Food: { spends: 10, amount: 23_000, followUps: 8, reached: 6, helped: 4, notFollowedUp: 2, outcomes: counts(2, 2, 1, 1, 2), helpedRate: expect.closeTo(4 / 6, 9), interval: wilson(0.299993, 0.903229), tooFewToTell: true, clients: 7, clientsHelped: 3, costPerClientHelped: 7_667 },
  Clothing: { spends: 3, amount: 12_000, followUps: 2, reached: 1, helped: 1, notFollowedUp: 1, outcomes: counts(0, 1, 0, 0, 1), helpedRate: 1, interval: wilson(0.206549, 1), tooFewToTell: true, clients: 3, clientsHelped: 1, costPerClientHelped: 12_000 },
  north: { spends: 21, amount: 39_000, followUps: 17, reached: 15, helped: 12, notFollowedUp: 4, outcomes: counts(8, 4, 2, 1, 2), helpedRate: expect.closeTo(0.8, 9), interval: wilson(0.548146, 0.929525), tooFewToTell: false, clients: 4, clientsHelped: 3, costPerClientHelped: 13_000 },
  east: { spends: 9, amount: 15_500, followUps: 8, reached: 6, helped: 3, notFollowedUp: 1, outcomes: counts(1, 2, 3, 0, 2), helpedRate: 0.5, interval: wilson(0.187616, 0.812384), tooFewToTell: true, clients: 3, clientsHelped: 2, costPerClientHelped: 7_750 },
  A: { spends: 20, amount: 31_500, followUps: 17, reached: 15, helped: 11, notFollowedUp: 3, outcomes: counts(7, 4, 4, 0, 2), helpedRate: expect.closeTo(11 / 15, 9), interval: wilson(0.480496, 0.891025), tooFewToTell: false, clients: 7, clientsHelped: 4, costPerClientHelped: 7_875 },
  B: { spends: 10, amount: 23_000, followUps: 8, reached: 6, helped: 4, notFollowedUp: 2, outcomes: counts(2, 2, 1, 1, 2), helpedRate: expect.closeTo(4 / 6, 9), interval: wilson(0.299993, 0.903229), tooFewToTell: true, clients: 7, clientsHelped: 3, costPerClientHelped: 7_667 },
  feb: { spends: 15, amount: 26_000, followUps: 15, reached: 14, helped: 9, notFollowedUp: 0, outcomes: counts(6, 3, 4, 1, 1), helpedRate: expect.closeTo(9 / 14, 9), interval: wilson(0.387644, 0.836553), tooFewToTell: false, clients: 7, clientsHelped: 4, costPerClientHelped: 6_500 },
  mar: { spends: 15, amount: 28_500, followUps: 10, reached: 7, helped: 6, notFollowedUp: 5, outcomes: counts(3, 3, 1, 0, 3), helpedRate: expect.closeTo(6 / 7, 9), interval: wilson(0.486872, 0.97432), tooFewToTell: true, clients: 7, clientsHelped: 4, costPerClientHelped: 7_125 },
  northTravel: { spends: 12, amount: 12_000, followUps: 11, reached: 10, helped: 9, notFollowedUp: 1, outcomes: counts(6, 3, 1, 0, 1), helpedRate: expect.closeTo(0.9, 9), interval: wilson(0.59585, 0.982124), tooFewToTell: false, clients: 4, clientsHelped: 3, costPerClientHelped: 4_000 },
  northFood: { spends: 6, amount: 15_000, followUps: 4, reached: 4, helped: 2, notFollowedUp: 2, outcomes: counts(2, 0, 1, 1, 0), helpedRate: 0.5, interval: wilson(0.150039, 0.849961), tooFewToTell: true, clients: 4, clientsHelped: 1, costPerClientHelped: 15_000 },
  northClothing: { spends: 3, amount: 12_000, followUps: 2, reached: 1, helped: 1, notFollowedUp: 1, outcomes: counts(0, 1, 0, 0, 1), helpedRate: 1, interval: wilson(0.206549, 1), tooFewToTell: true, clients: 3, clientsHelped: 1, costPerClientHelped: 12_000 },
};

describe("insights over known spends (PostgreSQL or PGlite)", () => {
  let t: TestApp;
  const clock = new TestClock(noon("2026-02-01"));
  const tokens: Record<string, string> = {};
  const schemes: Record<"A" | "B", string> = { A: "", B: "" };
  const clients: Record<string, string> = {};
  let ids: CouncilIds;
  const spendIds: string[] = [];
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const get = (who: string, path: string) => t.http.get(path).set(as(who));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    for (const who of ["worker", "worker2", "worker3", "supervisor", "supervisor2", "auditor", "finance", "admin"]) tokens[who] = await t.tokenFor(who);
    ids = await councilIds(t);
    // No caps in the way, and deadlines far enough out that nobody's spending pauses.
    const terms = { perSpendCap: null, perClientCap: null, perWorkerMonthlyCap: null, justificationDueDays: 90, graceDays: 90 };
    schemes.A = (await createScheme(t, { ...terms, name: "Pilot A", teamMonthlyBudget: 500_000 })).id;
    schemes.B = (await createScheme(t, { ...terms, name: "Pilot B", teamMonthlyBudget: 200_000 })).id;
    for (const ref of ["N1", "N2", "N3", "N4"]) clients[ref] = await createClient(t, tokens.worker as string, `INS-${ref}`);
    for (const ref of ["E1", "E2", "E3"]) clients[ref] = await createClient(t, tokens.worker3 as string, `INS-${ref}`);

    // Every step at its own moment, in time order, as it would have happened.
    type Step = { at: Date; run: () => Promise<void> };
    const steps: Step[] = [];
    ROWS.forEach(([team, worker, scheme, category, amount, spentOn, logLag, client, , , justify], i) => {
      const loggedAt = noon(spentOn, logLag);
      steps.push({
        at: loggedAt,
        run: async () => {
          const res = await postSpend(t, tokens[worker] as string, spendBody({ schemeId: schemes[scheme], clientId: clients[client] as string, amount, category, spentOn, payee: "Metro Buses Ltd" }));
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          spendIds[i] = res.body.id;
        },
      });
      if (!justify) return;
      const [justifyLag, reviewLag] = justify;
      steps.push({
        at: noon(spentOn, logLag + justifyLag),
        run: async () => {
          const res = await t.http.put(`/api/spends/${spendIds[i]}/justification`).set(as(worker)).send({ narrative: "Fare to the appointment the client could not otherwise reach this week.", intendedOutcome: "Gets there" });
          expect(res.status, JSON.stringify(res.body)).toBe(200);
        },
      });
      if (reviewLag === null) return;
      steps.push({
        at: noon(spentOn, logLag + justifyLag + reviewLag),
        run: async () => {
          const res = await t.http.post(`/api/spends/${spendIds[i]}/reviews`).set(as(team === "north" ? "supervisor" : "supervisor2")).send({ decision: "endorse" });
          expect(res.status, JSON.stringify(res.body)).toBe(201);
        },
      });
    });
    steps.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const step of steps) {
      clock.set(step.at);
      await step.run();
    }

    clock.set(noon(TODAY));
    // A voided spend counts nowhere.
    const voided = await postSpend(t, tokens.worker3 as string, spendBody({ schemeId: schemes.A, clientId: clients.E1 as string, amount: 3_000, category: "Clothing", spentOn: "2026-03-20" }));
    expect(voided.status).toBe(201);
    expect((await t.http.post(`/api/spends/${voided.body.id}/void`).set(as("worker3")).send({ reason: "Logged twice by mistake" })).status).toBe(200);

    for (const [i, [team, worker, , , , spentOn, , , outcome, followUpLag]] of ROWS.entries()) {
      if (!outcome) continue;
      const contactedOn = noon(spentOn, followUpLag).toISOString().slice(0, 10);
      const res = await t.http.put(`/api/spends/${spendIds[i]}/follow-up`).set(as(team === "north" && i % 2 ? "supervisor" : worker)).send({ contactedOn, method: "phone", outcome });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  }, 120_000);
  afterAll(() => t.close());

  const span = "from=2026-02&to=2026-03";

  describe("outcomes", () => {
    it("by category: counts, helped rate, Wilson interval, too few to tell and cost per client helped", async () => {
      const res = await get("auditor", `/api/insights/outcomes?${span}&groupBy=category`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ from: "2026-02", to: "2026-03", groupBy: "category", teamId: null });
      expect(res.body.groups).toEqual([
        { key: "Clothing", label: "Clothing", ...EXPECTED.Clothing },
        { key: "Food and essentials", label: "Food and essentials", ...EXPECTED.Food },
        { key: "Travel", label: "Travel", ...EXPECTED.Travel },
      ]);
    });

    it("by team, every team listed by name", async () => {
      const res = await get("finance", `/api/insights/outcomes?${span}&groupBy=team`);
      expect(res.status).toBe(200);
      expect(res.body.groups).toEqual([
        { key: ids.teams.east, label: "Adult Services East", ...EXPECTED.east },
        { key: ids.teams.north, label: "Children's Services North", ...EXPECTED.north },
      ]);
    });

    it("by scheme, by its name", async () => {
      const res = await get("admin", `/api/insights/outcomes?${span}&groupBy=scheme`);
      expect(res.status).toBe(200);
      expect(res.body.groups).toEqual([
        { key: schemes.A, label: "Pilot A", ...EXPECTED.A },
        { key: schemes.B, label: "Pilot B", ...EXPECTED.B },
      ]);
    });

    it("by month, empty months included", async () => {
      const res = await get("auditor", "/api/insights/outcomes?from=2026-01&to=2026-04&groupBy=month");
      expect(res.status).toBe(200);
      const empty = { spends: 0, amount: 0, followUps: 0, reached: 0, helped: 0, notFollowedUp: 0, outcomes: counts(0, 0, 0, 0, 0), helpedRate: null, interval: null, tooFewToTell: true, clients: 0, clientsHelped: 0, costPerClientHelped: null };
      expect(res.body.groups).toEqual([
        { key: "2026-01", label: "2026-01", ...empty },
        { key: "2026-02", label: "2026-02", ...EXPECTED.feb },
        { key: "2026-03", label: "2026-03", ...EXPECTED.mar },
        { key: "2026-04", label: "2026-04", ...empty },
      ]);
    });

    it("a supervisor gets their own team by default, and may not ask for another's", async () => {
      const own = await get("supervisor", `/api/insights/outcomes?${span}&groupBy=category`);
      expect(own.status).toBe(200);
      expect(own.body.teamId).toBe(ids.teams.north);
      expect(own.body.groups).toEqual([
        { key: "Clothing", label: "Clothing", ...EXPECTED.northClothing },
        { key: "Food and essentials", label: "Food and essentials", ...EXPECTED.northFood },
        { key: "Travel", label: "Travel", ...EXPECTED.northTravel },
      ]);
      const ownTeams = await get("supervisor", `/api/insights/outcomes?${span}&groupBy=team`);
      expect(ownTeams.body.groups.map((g: { key: string }) => g.key)).toEqual([ids.teams.north]);
      expectProblem(await get("supervisor", `/api/insights/outcomes?${span}&teamId=${ids.teams.east}`), 403);
      const filtered = await get("auditor", `/api/insights/outcomes?${span}&groupBy=category&teamId=${ids.teams.north}`);
      expect(filtered.body.groups).toEqual(own.body.groups);
    });

    it("workers get 403", async () => {
      expectProblem(await get("worker", `/api/insights/outcomes?${span}`), 403);
      expectProblem(await get("worker", `/api/insights/outcomes/compare?${span}&groupBy=category&first=Travel&second=Clothing`), 403);
    });

    it("bad spans and groupings are 400 naming the field", async () => {
      expectProblem(await get("auditor", "/api/insights/outcomes?from=2026-03&to=2026-02"), 400, { field: "to" });
      expectProblem(await get("auditor", "/api/insights/outcomes?from=2026-13&to=2026-02"), 400, { field: "from" });
      expectProblem(await get("auditor", "/api/insights/outcomes?to=2026-02"), 400, { field: "from" });
      expectProblem(await get("auditor", `/api/insights/outcomes?${span}&groupBy=worker`), 400, { field: "groupBy" });
      expectProblem(await get("auditor", `/api/insights/outcomes?${span}&teamId=north`), 400, { field: "teamId" });
      expectProblem(await get("auditor", "/api/insights/outcomes?from=2000-01&to=2026-02"), 400, { field: "to" });
    });
  });

  describe("outcomes compared", () => {
    it("two teams: the difference in helped rates and Newcombe's interval", async () => {
      const res = await get("auditor", `/api/insights/outcomes/compare?${span}&groupBy=team&first=${ids.teams.north}&second=${ids.teams.east}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.first).toEqual({ key: ids.teams.north, label: "Children's Services North", ...EXPECTED.north });
      expect(res.body.second).toEqual({ key: ids.teams.east, label: "Adult Services East", ...EXPECTED.east });
      // 12/15 − 3/6 = 0.3; Newcombe (1998) method 10 from the two Wilson intervals above:
      // 0.3 − √((0.8 − 0.548146)² + (0.812384 − 0.5)²), 0.3 + √((0.929525 − 0.8)² + (0.5 − 0.187616)²).
      expect(res.body.difference).toBeCloseTo(0.3, 9);
      expect(res.body.interval).toEqual({ lower: expect.closeTo(-0.101266, 5), upper: expect.closeTo(0.638172, 5), method: "newcombe", confidence: 0.95 });
      expect(res.body.tooFewToTell).toBe(true);
    });

    it("two months (before and after), and a category with nothing is a group of zeros", async () => {
      const months = await get("auditor", `/api/insights/outcomes/compare?${span}&groupBy=month&first=2026-03&second=2026-02`);
      expect(months.status).toBe(200);
      expect(months.body.first).toMatchObject({ key: "2026-03", helped: 6, reached: 7 });
      expect(months.body.difference).toBeCloseTo(6 / 7 - 9 / 14, 9);
      const none = await get("auditor", `/api/insights/outcomes/compare?${span}&groupBy=category&first=Travel&second=Household`);
      expect(none.status).toBe(200);
      expect(none.body.second).toMatchObject({ key: "Household", spends: 0, reached: 0, helpedRate: null });
      expect(none.body).toMatchObject({ difference: null, interval: null, tooFewToTell: true });
      expectProblem(await get("auditor", `/api/insights/outcomes/compare?${span}&groupBy=category&first=Travel&second=Travel`), 400, { field: "second" });
      expectProblem(await get("auditor", `/api/insights/outcomes/compare?${span}&groupBy=category&first=Travel`), 400, { field: "second" });
    });
  });

  describe("uptake", () => {
    it("per team: people who may spend, who spent this month, the amount against the allowance, and who has not spent in 90 days", async () => {
      const res = await get("auditor", "/api/insights/uptake?period=2026-03");
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      // Allowance: the test council's scheme's 300,000 + Pilot A's 500,000 + Pilot B's 200,000, all applying to both teams.
      expect(res.body).toEqual({
        period: "2026-03",
        asOf: "2026-03-31",
        teams: [
          { teamId: ids.teams.east, teamName: "Adult Services East", workers: 2, workersWhoSpent: 1, amount: 7_000, allowance: 1_000_000, usedShare: 0.007, notUsedIn90Days: 1, people: null },
          { teamId: ids.teams.north, teamName: "Children's Services North", workers: 3, workersWhoSpent: 2, amount: 21_500, allowance: 1_000_000, usedShare: 0.0215, notUsedIn90Days: 1, people: null },
        ],
      });
    });

    it("a supervisor sees their own team, with the names of those who have not spent in 90 days, and no other team", async () => {
      const res = await get("supervisor", "/api/insights/uptake?period=2026-02");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        period: "2026-02",
        asOf: "2026-02-28",
        teams: [
          {
            teamId: ids.teams.north,
            teamName: "Children's Services North",
            workers: 3,
            workersWhoSpent: 2,
            amount: 17_500,
            allowance: 1_000_000,
            usedShare: 0.0175,
            notUsedIn90Days: 1,
            people: [{ id: ids.users.supervisor?.id, name: "Sam Reid", lastSpentOn: null }],
          },
        ],
      });
      expectProblem(await get("supervisor", `/api/insights/uptake?teamId=${ids.teams.east}`), 403);
      expectProblem(await get("worker", "/api/insights/uptake"), 403);
      expectProblem(await get("auditor", "/api/insights/uptake?period=March"), 400, { field: "period" });
    });

    it("counts 90 days back from today in the running month: in June nobody has spent since 18 March", async () => {
      clock.set(noon("2026-06-20"));
      try {
        const res = await get("supervisor", "/api/insights/uptake");
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ period: "2026-06", asOf: "2026-06-20" });
        expect(res.body.teams[0]).toMatchObject({ workers: 3, workersWhoSpent: 0, amount: 0, notUsedIn90Days: 3 });
        expect(res.body.teams[0].people).toEqual([
          { id: ids.users.worker2?.id, name: "Priya Shah", lastSpentOn: "2026-03-18" },
          { id: ids.users.supervisor?.id, name: "Sam Reid", lastSpentOn: null },
          { id: ids.users.worker?.id, name: "Wren Walker", lastSpentOn: "2026-03-13" },
        ]);
      } finally {
        clock.set(noon(TODAY));
      }
    });
  });

  describe("equality-monitoring answers on a client", () => {
    const path = (client: string) => `/api/clients/${clients[client]}/equality-monitoring`;
    const PREFER_NOT = { ageBand: "prefer_not_to_say", sex: "prefer_not_to_say", ethnicGroup: "prefer_not_to_say", disability: "prefer_not_to_say" };

    it("are 'prefer not to say' until recorded, then set by the client's team or an admin, in part or whole", async () => {
      expect((await get("worker", path("N4"))).body).toEqual(PREFER_NOT);
      const n1 = await t.http.put(path("N1")).set(as("worker")).send({ ageBand: "25_34", sex: "female", ethnicGroup: "black", disability: "yes" });
      expect(n1.status, JSON.stringify(n1.body)).toBe(200);
      expect(n1.body).toEqual({ ageBand: "25_34", sex: "female", ethnicGroup: "black", disability: "yes" });
      expect((await t.http.put(path("N2")).set(as("supervisor")).send({ sex: "female", ethnicGroup: "white" })).body).toEqual({ ...PREFER_NOT, sex: "female", ethnicGroup: "white" });
      expect((await t.http.put(path("N3")).set(as("admin")).send({ sex: "male", ethnicGroup: "white" })).status).toBe(200);
      expect((await get("worker2", path("N1"))).body).toEqual(n1.body);
    });

    it("are not for another team, auditors or finance, and a bad answer is 400 naming the field with nothing written", async () => {
      expectProblem(await t.http.put(path("N4")).set(as("worker3")).send({ sex: "male" }), 404);
      expectProblem(await get("supervisor2", path("N1")), 404);
      expectProblem(await get("auditor", path("N1")), 403);
      expectProblem(await t.http.put(path("N4")).set(as("finance")).send({ sex: "male" }), 403);
      expectProblem(await t.http.put(path("N4")).set(as("worker")).send({ sex: "male", ethnicGroup: "martian" }), 400, { field: "ethnicGroup" });
      expect((await get("worker", path("N4"))).body).toEqual(PREFER_NOT);
    });

    it("never reach the event log, a notification, an export or the client list", async () => {
      const changes = await scalar<number>(t, sql`select count(*)::int as value from events where type = 'client.equality_monitoring_updated' and data = '{}'::jsonb`);
      expect(changes).toBe(3);
      const leaks = /ethnic|age_?band|disab|"sex"|25_34|black|female/i;
      const events = await scalar<string>(t, sql`select string_agg(type || ' ' || data::text, ' ') as value from events`);
      expect(events).not.toMatch(leaks);
      const notes = await scalar<string | null>(t, sql`select string_agg(kind || ' ' || message, ' ') as value from notifications`);
      expect(notes ?? "").not.toMatch(leaks);
      for (const format of ["json", "csv"]) {
        const file = await t.http.get(`/api/exports/2026-02?format=${format}`).set(as("finance")).buffer(true);
        expect(file.status).toBe(200);
        expect(file.text).toContain("INS-N1");
        expect(file.text).not.toMatch(leaks);
      }
      const list = await get("worker", "/api/clients");
      expect(JSON.stringify(list.body)).toContain("INS-N1");
      expect(JSON.stringify(list.body)).not.toMatch(leaks);
    });
  });

  describe("equity", () => {
    it("a team's caseload: Gini and Lorenz curve of spend per client, and each group's share of spend beside its share of the caseload", async () => {
      const res = await get("supervisor", `/api/insights/equity?${span}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      // North's caseload: 4 seeded clients with nothing and N1..N4 with 10,500, 10,500, 11,000 and 7,000.
      // Sorted, Σ(2i − n − 1)·xᵢ = 1·7,000 + 3·10,500 + 5·10,500 + 7·11,000 = 168,000; G = 168,000 / (8 · 39,000) = 7/13.
      expect(res.body).toMatchObject({ from: "2026-02", to: "2026-03", teamId: ids.teams.north, clients: 8, clientsWithSpend: 4, amount: 39_000 });
      expect(res.body.gini).toBeCloseTo(7 / 13, 12);
      expect(res.body.lorenz).toEqual([
        [0, 0],
        [0.5, 0],
        [0.625, expect.closeTo(7 / 39, 12)],
        [0.875, expect.closeTo(28 / 39, 12)],
        [1, 1],
      ]);
      const groups = (dimension: string) =>
        (res.body.byGroup as { dimension: string; group: string; clients: number; amount: number; caseloadShare: number; spendShare: number }[])
          .filter((g) => g.dimension === dimension)
          .map(({ group, clients, amount, caseloadShare, spendShare }) => [group, clients, amount, caseloadShare, spendShare]);
      expect(groups("sex")).toEqual([
        ["female", 2, 21_000, 0.25, 21 / 39],
        ["male", 1, 11_000, 0.125, 11 / 39],
        ["prefer_not_to_say", 5, 7_000, 0.625, 7 / 39],
      ]);
      expect(groups("ethnicGroup")).toEqual([
        ["asian", 0, 0, 0, 0],
        ["black", 1, 10_500, 0.125, 10.5 / 39],
        ["mixed", 0, 0, 0, 0],
        ["white", 2, 21_500, 0.25, 21.5 / 39],
        ["other", 0, 0, 0, 0],
        ["prefer_not_to_say", 5, 7_000, 0.625, 7 / 39],
      ]);
      expect(groups("ageBand").find(([group]) => group === "25_34")).toEqual(["25_34", 1, 10_500, 0.125, 10.5 / 39]);
      expect(groups("disability")).toEqual([
        ["yes", 1, 10_500, 0.125, 10.5 / 39],
        ["no", 0, 0, 0, 0],
        ["prefer_not_to_say", 7, 28_500, 0.875, 28.5 / 39],
      ]);
    });

    it("every caseload for the roles that see all teams; never a worker or another team's supervisor", async () => {
      const res = await get("finance", `/api/insights/equity?${span}`);
      expect(res.status).toBe(200);
      // 14 clients: 7 with nothing, then 5,000, 5,000, 5,500, 7,000, 10,500, 10,500, 11,000 (East's voided 3,000 left out).
      // Σ(2i − 15)·xᵢ for i = 8..14 = 449,500; G = 449,500 / (14 · 54,500).
      expect(res.body).toMatchObject({ teamId: null, clients: 14, clientsWithSpend: 7, amount: 54_500 });
      expect(res.body.gini).toBeCloseTo(449_500 / 763_000, 12);
      expectProblem(await get("supervisor", `/api/insights/equity?${span}&teamId=${ids.teams.east}`), 403);
      expectProblem(await get("worker", `/api/insights/equity?${span}`), 403);
      expectProblem(await get("auditor", "/api/insights/equity?from=2026-02"), 400, { field: "to" });
    });
  });

  describe("summary: value beside misuse, and the speed of the loop", () => {
    beforeAll(async () => {
      // An early small draw, then a redraw of every February spend: only a month's latest sample counts.
      const early = await t.http.post("/api/audit/samples").set(as("auditor")).send({ period: "2026-02", size: 2, riskRules: false, seed: "early" });
      expect(early.status, JSON.stringify(early.body)).toBe(201);
      // The redraw comes a minute later: with the clock frozen both draws would share a timestamp.
      clock.advance(60_000);
      const drawn = await t.http.post("/api/audit/samples").set(as("auditor")).send({ period: "2026-02", rate: 1, riskRules: false, seed: "all" });
      expect(drawn.status, JSON.stringify(drawn.body)).toBe(201);
      expect(drawn.body.items).toHaveLength(15);
      const findings: Array<[row: number, result: string]> = [
        [0, "minor"],
        [12, "misuse_suspected"],
        [18, "major"],
        [1, "no_issue"],
        [2, "no_issue"],
        [3, "no_issue"],
        [21, "no_issue"],
        [26, "no_issue"],
      ];
      for (const [row, result] of findings) {
        const res = await t.http.put(`/api/audit/samples/${drawn.body.id}/items/${spendIds[row]}/finding`).set(as("auditor")).send({ result, notes: "Checked the receipt against the card statement." });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
    });

    it("what was spent, on how many, how many were helped; what audit found and its bound; how long each step took", async () => {
      const res = await get("auditor", `/api/insights/summary?${span}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({
        from: "2026-02",
        to: "2026-03",
        teamId: null,
        spends: 30,
        amount: 54_500,
        clients: 7,
        clientsHelped: 5,
        costPerClientHelped: 10_900,
        followUps: 25,
        reached: 21,
        helped: 15,
        notFollowedUp: 5,
        outcomes: counts(9, 6, 5, 1, 4),
        helpedRate: expect.closeTo(15 / 21, 9),
        interval: wilson(0.500436, 0.861861),
        tooFewToTell: false,
      });
      // 15 February spends sampled; minor on a £10 fare, misuse_suspected on £25 of food, major on
      // £40 of clothing. 3 deviations in 8 reviewed random items: qbeta(0.95, 4, 5) = 0.710759.
      expect(res.body.audit).toEqual({ sampled: 15, withFinding: 3, misuseFindings: 2, misuseAmount: 6_500, randomReviewed: 8, randomDeviations: 3, deviationUpper: expect.closeTo(0.710759, 5) });
      // Days to log: 30 lags, 18 of 0, 7 of 1, 3 of 2 ...; to justify: 1, 0, 3, 2, 5, 0; to review:
      // 2, 1, 4, 0, 3; to follow up: the 25 follow-ups' lags. Quartiles by R's quantile() type 7.
      expect(res.body.loop).toEqual({
        medianDaysToLog: 0,
        medianDaysToJustify: 1.5,
        medianDaysToReview: 2,
        medianDaysToFollowUp: 4,
        stages: {
          toLog: { count: 30, lowerQuartile: 0, median: 0, upperQuartile: 1 },
          toJustify: { count: 6, lowerQuartile: 0.25, median: 1.5, upperQuartile: 2.75 },
          toReview: { count: 5, lowerQuartile: 1, median: 2, upperQuartile: 3 },
          toFollowUp: { count: 25, lowerQuartile: 3, median: 4, upperQuartile: 6 },
        },
      });
    });

    it("a supervisor's summary is their own team's, audit included", async () => {
      const res = await get("supervisor", `/api/insights/summary?${span}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ teamId: ids.teams.north, spends: 21, amount: 39_000, helped: 12, reached: 15, interval: wilson(0.548146, 0.929525) });
      // 10 of North's February spends sampled; 3 deviations in 6 reviewed random items: qbeta(0.95, 4, 3) = 0.846839.
      expect(res.body.audit).toEqual({ sampled: 10, withFinding: 3, misuseFindings: 2, misuseAmount: 6_500, randomReviewed: 6, randomDeviations: 3, deviationUpper: expect.closeTo(0.846839, 5) });
      expectProblem(await get("supervisor2", `/api/insights/summary?${span}&teamId=${ids.teams.north}`), 403);
      expectProblem(await get("worker3", `/api/insights/summary?${span}`), 403);
    });

    it("a span with nothing in it is zeros and nulls, not an error", async () => {
      const res = await get("finance", "/api/insights/summary?from=2025-01&to=2025-03");
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ spends: 0, amount: 0, helpedRate: null, interval: null, audit: { sampled: 0, deviationUpper: null }, loop: { medianDaysToLog: null, stages: { toLog: { count: 0, median: null } } } });
    });
  });

  it("every insights endpoint is described in the OpenAPI document at /docs", async () => {
    const res = await t.http.get("/docs/json");
    expect(res.status).toBe(200);
    const outcomes = res.body.paths["/api/insights/outcomes"].get;
    expect(outcomes.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["from", "to", "groupBy", "teamId"]));
    expect(outcomes.responses["200"].content["application/json"].schema.properties).toHaveProperty("groups");
    for (const path of ["/api/insights/outcomes/compare", "/api/insights/uptake", "/api/insights/equity", "/api/insights/summary", "/api/public/summary", "/api/clients/{id}/equality-monitoring"]) {
      expect(res.body.paths[path]?.get?.responses?.["200"], path).toBeDefined();
    }
  });
});
