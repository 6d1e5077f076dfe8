import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "@greentape/db/client";
import { parseNote, parseVerifierKey, signersOf } from "@greentape/log/note";
import { councilIds, postSpend, scalar, spendBody, type CouncilIds } from "../support/factories.ts";
import { TEST_LOG_VKEY } from "../support/log.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, TestClock, type TestAccount, type TestApp } from "../support/test-app.ts";

const JUSTIFICATION = { narrative: "The client needed to reach the housing office for the tenancy interview that day.", intendedOutcome: "Keeps the tenancy" };

/**
 * Invariant 5, month close: a closed period's figures equal the sum of its export rows and of its
 * spends, its export is byte-identical every time (and matches the sha256 recorded at close), and
 * nothing booked or voided afterwards moves it.
 */
describe("periods and month close", () => {
  const clock = new TestClock(new Date("2026-03-28T10:00:00Z"));
  let t: TestApp;
  let ids: CouncilIds;
  const token: Partial<Record<TestAccount, string>> = {};
  const as = (who: TestAccount) => `Bearer ${token[who]}`;
  const spent: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ clock });
    ids = await councilIds(t);
    for (const who of ["worker", "worker2", "worker3", "supervisor", "auditor", "finance", "admin"] as const) token[who] = await t.tokenFor(who);
  });
  afterAll(() => t.close());

  async function log(who: TestAccount, name: string, overrides: Record<string, unknown>) {
    const clientId = (who === "worker3" ? ids.clients.east : ids.clients.north)[Number(overrides.client ?? 0)] as string;
    const { client: _client, ...rest } = overrides;
    const res = await postSpend(t, token[who] as string, spendBody({ schemeId: ids.schemeId, clientId, ...rest }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    spent[name] = res.body.id;
    return res.body;
  }

  async function exportCsv(period: string) {
    const res = await t.http.get(`/api/exports/${period}?format=csv`).set("Authorization", as("finance")).responseType("blob");
    expect(res.status).toBe(200);
    return res.body as Buffer;
  }

  async function transparencyCsv(period: string) {
    const res = await t.http.get(`/api/exports/${period}/transparency.csv`).set("Authorization", as("finance")).responseType("blob");
    expect(res.status).toBe(200);
    return res.body as Buffer;
  }

  /** Every file of a closed period: the four export formats, then the transparency file. */
  async function allFiles(period: string) {
    const exports = await Promise.all((["csv", "json", "xlsx", "xero"] as const).map(async (f) => {
      const res = await t.http.get(`/api/exports/${period}?format=${f}`).set("Authorization", as("auditor")).responseType("blob");
      expect(res.status, f).toBe(200);
      return res.body as Buffer;
    }));
    return [...exports, await transparencyCsv(period)];
  }

  /** The export's rows, read back with a standard parser, and what the counted ones add up to. */
  function exportSum(bytes: Buffer) {
    const records = parse(bytes, { columns: true, record_delimiter: "\r\n" }) as Record<string, string>[];
    const pence = (decimal: string) => {
      const [whole = "0", fraction = "00"] = decimal.replace("-", "").split(".");
      return (decimal.startsWith("-") ? -1 : 1) * (Number(whole) * 100 + Number(fraction));
    };
    const total = records.filter((r) => r.Voided === "no").reduce((sum, r) => sum + pence(r.Amount as string), 0);
    return { records, total };
  }

  /** Independently of the app's own queries: spends that still count in the period, plus its reversals. */
  async function storedNet(period: string, closedAt: string | null) {
    const spends = await scalar<string>(
      t,
      closedAt
        ? sql`select coalesce(sum(amount), 0)::text as value from spends where booked_period = ${period} and (voided_at is null or voided_at > ${closedAt}::timestamptz)`
        : sql`select coalesce(sum(amount), 0)::text as value from spends where booked_period = ${period} and voided_at is null`,
    );
    const reversals = await scalar<string>(t, sql`select coalesce(sum(amount), 0)::text as value from reversals where booked_period = ${period}`);
    return Number(spends) + Number(reversals);
  }

  const getPeriod = (period: string) => t.http.get(`/api/periods/${period}`).set("Authorization", as("finance"));
  const close = (period: string, body: object, who: TestAccount = "finance") => t.http.post(`/api/periods/${period}/close`).set("Authorization", as(who)).send(body);

  it("totals agree across a close: export rows = period total = counted spends + reversals, in both periods", async () => {
    await log("worker", "a", { amount: 1000, spentOn: "2026-03-05", client: 0 });
    await log("worker", "b", { amount: 2500, spentOn: "2026-03-20", client: 1 });
    await log("worker", "c", { amount: 1750, spentOn: "2026-03-28", client: 2, payee: 'Smith, "Bros" & Co' });
    await log("worker", "v", { amount: 1200, spentOn: "2026-03-10", client: 3 });
    await log("worker3", "e", { amount: 3000, spentOn: "2026-03-15", client: 0, payee: "=cmd|' /C calc'!A0" });
    await log("worker3", "f", { amount: 800, spentOn: "2026-03-27", client: 1, payee: "Jane Doe", payeeType: "individual" });
    clock.advance(60 * 60 * 1000);
    const voidBefore = await t.http.post(`/api/spends/${spent.v}/void`).set("Authorization", as("worker")).send({ reason: "Entered twice by mistake" });
    expect(voidBefore.status, JSON.stringify(voidBefore.body)).toBe(200);

    const justified = await t.http.put(`/api/spends/${spent.a}/justification`).set("Authorization", as("worker")).send(JUSTIFICATION);
    expect(justified.status, JSON.stringify(justified.body)).toBe(200);

    clock.set("2026-04-01T09:00:00Z");
    const shown = await getPeriod("2026-03");
    expect(shown.body).toMatchObject({ period: "2026-03", status: "open", count: 5, total: 9050, unjustifiedCount: 4, liveUnjustifiedCount: 4, closedAt: null, exportSha256: null });

    const [csvBeforeClose, transparencyBeforeClose] = await Promise.all([exportCsv("2026-03"), transparencyCsv("2026-03")]);
    const closed = await close("2026-03", { confirm: true, expectedUnjustified: 4 });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    // Read from the rows frozen at close, the files are what they were a moment before.
    expect(Buffer.compare(await exportCsv("2026-03"), csvBeforeClose)).toBe(0);
    expect(Buffer.compare(await transparencyCsv("2026-03"), transparencyBeforeClose)).toBe(0);
    expect(closed.body).toMatchObject({ period: "2026-03", status: "closed", count: 5, total: 9050, unjustifiedCount: 4, liveUnjustifiedCount: 4, closedBy: ids.users.finance?.id, closedByName: "Fran Ellis", closedAt: "2026-04-01T09:00:00.000Z" });
    expect(closed.body.exportSha256).toMatch(/^[0-9a-f]{64}$/);
    // The log's checkpoint current at close leaves the database in the confirmation and every file but the CSV.
    const { logCheckpoint } = closed.body as { logCheckpoint: string };
    expect(signersOf(parseNote(logCheckpoint), [parseVerifierKey(TEST_LOG_VKEY)])).toHaveLength(1);
    const json = await t.http.get("/api/exports/2026-03?format=json").set("Authorization", as("finance"));
    expect(json.body.logCheckpoint).toBe(logCheckpoint);
    const xlsx = await t.http.get("/api/exports/2026-03?format=xlsx").set("Authorization", as("finance")).responseType("blob");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    expect(workbook.description).toContain(logCheckpoint);
    expect((await getPeriod("2026-03")).body.logCheckpoint).toBe(logCheckpoint);

    // After close: a void books a reversal into April; a new April spend.
    clock.advance(60 * 60 * 1000);
    const voidAfter = await t.http.post(`/api/spends/${spent.b}/void`).set("Authorization", as("admin")).send({ reason: "Refunded by the operator" });
    expect(voidAfter.status, JSON.stringify(voidAfter.body)).toBe(200);
    await log("worker2", "g", { amount: 600, spentOn: "2026-04-01", client: 0 });

    const list = await t.http.get("/api/periods").set("Authorization", as("finance"));
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { period: string }) => p.period)).toEqual(["2026-04", "2026-03"]);
    const [april, march] = list.body.items;
    // Voiding b after close: March's unjustified count stays what the close showed; the live count beside it drops.
    expect(march).toMatchObject({ status: "closed", count: 5, total: 9050, unjustifiedCount: 4, liveUnjustifiedCount: 3, exportSha256: closed.body.exportSha256 });
    expect((await getPeriod("2026-03")).body).toMatchObject({ unjustifiedCount: 4, liveUnjustifiedCount: 3 });
    expect(april).toMatchObject({ status: "open", count: 1, total: 600 - 2500, unjustifiedCount: 1, liveUnjustifiedCount: 1 });

    const marchCsv = await exportCsv("2026-03");
    const marchRows = exportSum(marchCsv);
    expect(marchRows.total).toBe(9050);
    expect(await storedNet("2026-03", march.closedAt)).toBe(9050);
    expect(createHash("sha256").update(marchCsv).digest("hex")).toBe(closed.body.exportSha256);
    expect(marchRows.records).toHaveLength(6);
    const byId = new Map(marchRows.records.map((r) => [r["Transaction ID"], r]));
    expect(byId.get(spent.v)?.Voided).toBe("yes");
    expect(byId.get(spent.a)?.["Justification status"]).toBe("submitted");
    expect(byId.get(spent.c)?.["Justification status"]).toBe("due");
    // Voided after close: it still counts in March; April carries the reversal.
    expect(byId.get(spent.b)?.Voided).toBe("no");

    const aprilRows = exportSum(await exportCsv("2026-04"));
    expect(aprilRows.total).toBe(-1900);
    expect(await storedNet("2026-04", null)).toBe(-1900);
    const reversal = aprilRows.records.find((r) => r["Reversal of"] === spent.b);
    expect(reversal).toMatchObject({ Amount: "-25.00", "Booked period": "2026-04", "Date spent": "2026-03-20", Voided: "no" });
    expect(reversal?.["Transaction ID"]).not.toBe(spent.b);
    // Spends first, then reversals.
    expect(aprilRows.records.map((r) => r["Transaction ID"])[0]).toBe(spent.g);
  });

  it("a closed period's frozen rows refuse change; the migration rebuilds earlier closes as they stood at close", async () => {
    const recorded = (await getPeriod("2026-03")).body;
    const db = t.database.db;
    await expect(db.execute(sql`update closed_period_rows set amount = 0 where period = '2026-03'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from closed_period_rows where period = '2026-03'`)).rejects.toThrow();
    await expect(db.execute(sql`truncate closed_period_rows`)).rejects.toThrow();
    expect(Number(await scalar<string>(t, sql`select count(*)::text as value from closed_period_rows where period = '2026-03'`))).toBe(6);

    // A track moves after close; then the frozen rows are taken away as if the period had closed
    // before they existed, and the migration's backfill has to bring back the same bytes.
    const justified = await t.http.put(`/api/spends/${spent.c}/justification`).set("Authorization", as("worker")).send(JUSTIFICATION);
    expect(justified.status, JSON.stringify(justified.body)).toBe(200);
    const migration = readFileSync(join(MIGRATIONS_FOLDER, "0004_closed_period_rows.sql"), "utf8");
    const backfill = migration.split("--> statement-breakpoint").find((statement) => statement.includes('INSERT INTO "closed_period_rows"'));
    expect(backfill).toBeDefined();
    await db.execute(sql`alter table closed_period_rows disable trigger closed_period_rows_no_update_or_delete`);
    await db.execute(sql`delete from closed_period_rows`);
    await db.execute(sql`alter table closed_period_rows enable trigger closed_period_rows_no_update_or_delete`);
    await db.execute(sql.raw(backfill as string));
    const rebuilt = await exportCsv("2026-03");
    expect(createHash("sha256").update(rebuilt).digest("hex")).toBe(recorded.exportSha256);

    // A month closed before the unjustified count was kept takes it from its close event.
    await db.execute(sql`update periods set unjustified_count = null where period = '2026-03'`);
    const countBackfill = readFileSync(join(MIGRATIONS_FOLDER, "0016_freeze_unjustified_at_close.sql"), "utf8").split("--> statement-breakpoint")[1];
    await db.execute(sql.raw(countBackfill as string));
    expect((await getPeriod("2026-03")).body.unjustifiedCount).toBe(recorded.unjustifiedCount);
    expect(exportSum(rebuilt).records.find((r) => r["Transaction ID"] === spent.c)?.["Justification status"]).toBe("due");
  });

  it("a closed period exports the same bytes again, after a late spend, its tracks moving and its reference data renamed", async () => {
    const recorded = (await getPeriod("2026-03")).body;
    const before = await allFiles("2026-03");

    const late = await log("worker3", "late", { amount: 450, spentOn: "2026-03-30", client: 2 });
    expect(late).toMatchObject({ spentOn: "2026-03-30", period: "2026-03", bookedPeriod: "2026-04" });
    expect(late.flags).toContain("booked_late");
    const justified = await t.http.put(`/api/spends/${spent.e}/justification`).set("Authorization", as("worker3")).send(JUSTIFICATION);
    expect(justified.status, JSON.stringify(justified.body)).toBe(200);
    // An admin renames the team, moves its cost centre and service area, and remaps a ledger code.
    const renamed = await t.http.put(`/api/teams/${ids.teams.east}`).set("Authorization", as("admin")).send({ name: "East and Coast", costCentre: "CC-9999", serviceArea: "Adults" });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const remapped = await t.http.put("/api/ledger-codes/Travel").set("Authorization", as("admin")).send({ glCode: "5999" });
    expect(remapped.status, JSON.stringify(remapped.body)).toBe(200);
    const recredited = await t.http.put("/api/clearing-accounts/prepaid_card").set("Authorization", as("admin")).send({ accountCode: "1010" });
    expect(recredited.status, JSON.stringify(recredited.body)).toBe(200);

    const after = await allFiles("2026-03");
    for (const [i, bytes] of after.entries()) expect(Buffer.compare(bytes, before[i] as Buffer), `file #${i}`).toBe(0);
    expect(after[0]?.toString("utf8")).not.toContain("East and Coast");
    expect(after[3]?.toString("utf8")).not.toContain("1010");
    // The open month credits prepaid cards to their new account.
    const aprilJournal = (await t.http.get("/api/exports/2026-04?format=xero").set("Authorization", as("finance")).responseType("blob")).body as Buffer;
    expect(aprilJournal.toString("utf8")).toContain(",1010,");
    // An open month reads the tables as they are now.
    const aprilTransparency = (await transparencyCsv("2026-04")).toString("utf8");
    expect(aprilTransparency).toContain("Adults");
    expect(createHash("sha256").update(after[0] as Buffer).digest("hex")).toBe(recorded.exportSha256);
    // Recorded figures stay, the unjustified count at close with them; only the live count moves.
    const { liveUnjustifiedCount, ...figures } = recorded;
    expect((await getPeriod("2026-03")).body).toEqual({ ...figures, liveUnjustifiedCount: liveUnjustifiedCount - 1 });

    // The open month shows the late spend and the tracks as they are now.
    const april = exportSum(await exportCsv("2026-04"));
    expect(april.records.find((r) => r["Transaction ID"] === spent.late)).toMatchObject({ "Date spent": "2026-03-30", "Booked period": "2026-04" });
    const marchNow = exportSum(after[0] as Buffer).records.find((r) => r["Transaction ID"] === spent.e);
    expect(marchNow?.["Justification status"]).toBe("due");
  });

  it("closing twice is refused with 409 and changes nothing", async () => {
    const before = (await getPeriod("2026-03")).body;
    const again = await close("2026-03", { confirm: true });
    expectProblem(again, 409, { typeEndsWith: "period-closed" });
    expect((await getPeriod("2026-03")).body).toEqual(before);
    expect(Number(await scalar<string>(t, sql`select count(*)::text as value from events where type = 'period.closed' and subject_id = '2026-03'`))).toBe(1);
  });

  it("refuses other roles, bad input and a stale confirmation, writing nothing", async () => {
    for (const who of ["worker", "supervisor"] as const) {
      expectProblem(await t.http.get("/api/periods").set("Authorization", as(who)), 403);
      expectProblem(await t.http.get("/api/periods/2026-03").set("Authorization", as(who)), 403);
    }
    for (const who of ["auditor", "admin"] as const) expect((await t.http.get("/api/periods").set("Authorization", as(who))).status).toBe(200);
    for (const who of ["worker", "supervisor", "auditor", "admin"] as const) expectProblem(await close("2026-04", { confirm: true }, who), 403);
    expectProblem(await t.http.get("/api/periods"), 401);

    expectProblem(await close("2026-13", { confirm: true }), 400, { field: "period" });
    expectProblem(await getPeriod("March"), 400, { field: "period" });
    expectProblem(await close("2026-05", { confirm: true }), 400, { field: "period" });
    expectProblem(await close("2026-04", {}), 400, { field: "confirm" });
    expectProblem(await close("2026-04", { confirm: false }), 400, { field: "confirm" });
    expectProblem(await close("2026-04", { confirm: true, expectedUnjustified: -1 }), 400, { field: "expectedUnjustified" });
    const stale = await close("2026-04", { confirm: true, expectedUnjustified: 99 });
    expectProblem(stale, 409, { typeEndsWith: "unjustified-count-changed" });
    expect(stale.body.unjustifiedCount).toBe((await getPeriod("2026-04")).body.unjustifiedCount);

    expect((await getPeriod("2026-04")).body.status).toBe("open");
    expect(Number(await scalar<string>(t, sql`select count(*)::text as value from events where type = 'period.closed' and subject_id <> '2026-03'`))).toBe(0);
    const verdict = await t.http.get("/api/audit/events/verify").set("Authorization", as("auditor"));
    expect(verdict.body).toMatchObject({ ok: true });
  });

  it("a spend racing the close of its month lands either inside the recorded figures or in the next month", async () => {
    clock.set("2026-04-01T12:00:00Z");
    const requests = Array.from({ length: 16 }, (_, i) => () => postSpend(t, token[i % 2 ? "worker2" : "worker3"] as string, spendBody({
      schemeId: ids.schemeId,
      clientId: (i % 2 ? ids.clients.north : ids.clients.east)[i % 3] as string,
      amount: 100 + i,
      spentOn: "2026-04-01",
    })));
    const closing = close("2026-04", { confirm: true });
    const answers = await Promise.all([...requests.map((r) => r()), closing]);
    const closed = answers.pop();
    expect(closed?.status, JSON.stringify(closed?.body)).toBe(200);
    expect(answers.every((a) => a.status === 201)).toBe(true);

    const inApril = answers.filter((a) => a.body.bookedPeriod === "2026-04").length;
    const inMay = answers.filter((a) => a.body.bookedPeriod === "2026-05");
    expect(inApril + inMay.length).toBe(16);
    expect(inMay.every((a) => a.body.flags.includes("booked_late"))).toBe(true);
    // The recorded figures include exactly the spends that say they are booked in April.
    const recorded = (await getPeriod("2026-04")).body;
    expect(recorded.total).toBe(await storedNet("2026-04", recorded.closedAt));
    const csv = await exportCsv("2026-04");
    expect(exportSum(csv).total).toBe(recorded.total);
    expect(createHash("sha256").update(csv).digest("hex")).toBe(recorded.exportSha256);
    expect(Number(await scalar<string>(t, sql`select count(*)::text as value from spends where booked_period = '2026-04' and voided_at is null`))).toBe(recorded.count);
  });

  it("a period with a category that has no ledger code stays open until it has one", async () => {
    clock.set("2026-05-02T09:00:00Z");
    await log("worker", "may", { amount: 900, spentOn: "2026-05-01", client: 0, category: "Clothing" });
    const unmapped = await t.http.delete("/api/ledger-codes/Clothing").set("Authorization", as("admin"));
    expect(unmapped.status).toBe(204);
    const refused = await close("2026-05", { confirm: true });
    expectProblem(refused, 422, { typeEndsWith: "unmapped-categories" });
    expect(refused.body.categories).toEqual(["Clothing"]);
    // The confirmation shows it before anyone tries.
    expect((await getPeriod("2026-05")).body).toMatchObject({ status: "open", unmappedCategories: ["Clothing"] });
    expect(Number(await scalar<string>(t, sql`select count(*)::text as value from closed_period_rows where period = '2026-05'`))).toBe(0);

    const mapped = await t.http.put("/api/ledger-codes/Clothing").set("Authorization", as("admin")).send({ glCode: "4430" });
    expect(mapped.status).toBe(200);
    expect((await getPeriod("2026-05")).body.unmappedCategories).toEqual([]);
    const closed = await close("2026-05", { confirm: true });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    // May also holds whichever spends lost the race with April's close above; none was voided.
    expect(closed.body.count).toBeGreaterThanOrEqual(1);
    expect(Number(await scalar<string>(t, sql`select count(*)::text as value from closed_period_rows where period = '2026-05'`))).toBe(closed.body.count);
  });
});
