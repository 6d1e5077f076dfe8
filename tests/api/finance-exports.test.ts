import { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScheme, councilIds, postSpend, scalar, spendBody, type CouncilIds } from "../support/factories.ts";
import { parseNote, parseVerifierKey, signersOf } from "@greentape/log/note";
import { TEST_LOG_VKEY } from "../support/log.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, TestClock, type TestAccount, type TestApp } from "../support/test-app.ts";
import { loadConfig } from "../../apps/api/src/config.ts";

const PERIOD = "2026-03";
const NEWLINE_PAYEE = 'Line one\nLine two, "quoted"';

/**
 * The period exports read back with standard tools: CSV with a CSV parser, XLSX with exceljs,
 * JSON, the Xero journal; the transparency file carries no client data and redacts individuals.
 */
describe("exports", () => {
  const clock = new TestClock(new Date("2026-03-28T10:00:00Z"));
  let t: TestApp;
  let ids: CouncilIds;
  const token: Partial<Record<TestAccount, string>> = {};
  const as = (who: TestAccount) => `Bearer ${token[who]}`;
  const spent: Record<string, string> = {};
  const secretName = "Margaret Hidden-Name";
  let secretReference: string;

  const download = (path: string, who: TestAccount = "finance") => t.http.get(path).set("Authorization", as(who)).responseType("blob");
  const refusal = (path: string, who: TestAccount = "finance") => t.http.get(path).set("Authorization", as(who));
  const csvRecords = (bytes: Buffer) => parse(bytes, { columns: true, record_delimiter: "\r\n" }) as Record<string, string>[];

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { ORGANISATION_CODE: "E07000123" } });
    ids = await councilIds(t);
    for (const who of ["worker", "worker2", "worker3", "supervisor", "supervisor2", "auditor", "finance", "admin"] as const) token[who] = await t.tokenFor(who);
    secretReference = `C-S${Date.now().toString(36)}`;
    const client = await t.http.post("/api/clients").set("Authorization", as("worker3")).send({ reference: secretReference, displayName: secretName });
    expect(client.status, JSON.stringify(client.body)).toBe(201);

    const log = async (name: string, who: TestAccount, clientId: string, overrides: Record<string, unknown>) => {
      const res = await postSpend(t, token[who] as string, spendBody({ schemeId: ids.schemeId, clientId, spentOn: "2026-03-20", ...overrides }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      spent[name] = res.body.id;
    };
    await log("commas", "worker", ids.clients.north[0] as string, { amount: 1250, payee: 'Smith, "Bros" & Co', payeeType: "organisation" });
    await log("formula", "worker", ids.clients.north[1] as string, { amount: 999, payee: '=HYPERLINK("http://evil.test")', category: "Food and essentials" });
    await log("individual", "worker3", client.body.id, { amount: 4321, payee: "Jane Doe", payeeType: "individual", category: "Household", paymentMethod: "petty_cash" });
    await log("taxi", "worker3", ids.clients.east[0] as string, { amount: 777, payee: "+44 Taxis", payeeType: "organisation", irrecoverableVat: 129 });
    await log("voided", "worker", ids.clients.north[2] as string, { amount: 505, payee: "Voided Shop Ltd" });
    const voided = await t.http.post(`/api/spends/${spent.voided}/void`).set("Authorization", as("worker")).send({ reason: "Logged against the wrong client" });
    expect(voided.status).toBe(200);
    // Logged after the clocks went forward: 08:15 UTC is 09:15 in London, which the XLSX must show.
    clock.set("2026-03-30T08:15:42.123Z");
    await log("newline", "worker2", ids.clients.north[3] as string, { amount: 2000, payee: "Placeholder" });
    // The spend form refuses line breaks in a payee, but the export must carry whatever the database holds.
    await t.database.db.execute(sql`update spends set payee = ${NEWLINE_PAYEE} where id = ${spent.newline}`);
  });
  afterAll(() => t.close());

  const countedTotal = 1250 + 999 + 4321 + 777 + 2000;

  it("CSV: RFC 4180 with CRLF and a header, exact decimals, guarded text, client references only", async () => {
    const res = await download(`/api/exports/${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="green-tape-${PERIOD}.csv"`);
    const text = (res.body as Buffer).toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    // Every line break outside the one quoted multi-line payee is CRLF.
    expect(text.replace(/"Line one\nLine two, ""quoted"""/, "").split("\n").every((line, i, all) => i === all.length - 1 || line.endsWith("\r"))).toBe(true);

    const records = csvRecords(res.body as Buffer);
    expect(Object.keys(records[0] as object)).toEqual([
      "Transaction ID", "Date spent", "Booked period", "Logged at", "Team", "Cost centre", "Scheme", "Scheme version", "Category", "GL code",
      "Payee", "Payment method", "Amount", "Net amount", "Currency", "Worker staff ID", "Client reference", "Justification status", "Follow-up status", "Voided", "Reversal of",
    ]);
    expect(records).toHaveLength(6);
    const row = (name: string) => records.find((r) => r["Transaction ID"] === spent[name]) as Record<string, string>;
    expect(row("commas")).toMatchObject({
      Payee: 'Smith, "Bros" & Co',
      Amount: "12.50",
      "Net amount": "12.50",
      Currency: "GBP",
      Team: "Children's Services North",
      "Cost centre": "CC-4100",
      Scheme: "Everyday help",
      "Scheme version": "1",
      Category: "Travel",
      "GL code": "4410",
      "Worker staff ID": "S1001",
      "Payment method": "prepaid_card",
      "Date spent": "2026-03-20",
      "Booked period": PERIOD,
      "Logged at": "2026-03-28T10:00:00.000Z",
      "Justification status": "due",
      "Follow-up status": "pending",
      Voided: "no",
      "Reversal of": "",
    });
    expect(row("newline").Payee).toBe(NEWLINE_PAYEE);
    expect(row("formula").Payee).toBe(`'=HYPERLINK("http://evil.test")`);
    expect(row("formula")["GL code"]).toBe("4420");
    expect(row("formula").Amount).toBe("9.99");
    expect(row("taxi").Payee).toBe("'+44 Taxis");
    expect(row("voided").Voided).toBe("yes");
    expect(row("voided")).toMatchObject({ Amount: "5.05", "Net amount": "0.00" });
    expect(row("newline")["Logged at"]).toBe("2026-03-30T08:15:42.123Z");
    expect(row("individual")["Client reference"]).toBe(secretReference);
    expect(text).not.toContain(secretName);

    // A plain sum of one column is the period's total: voided rows carry a net amount of 0.
    const total = records.reduce((sum, r) => sum + Math.round(Number(r["Net amount"]) * 100), 0);
    expect(total).toBe(countedTotal);
    expect(records.reduce((sum, r) => sum + Math.round(Number(r.Amount) * 100), 0)).toBe(countedTotal + 505);
    expect((await t.http.get(`/api/periods/${PERIOD}`).set("Authorization", as("finance"))).body.total).toBe(countedTotal);
  });

  it("CSV with bom=true starts with a UTF-8 byte order mark and is otherwise the same file; bom is for CSV files only", async () => {
    const plain = (await download(`/api/exports/${PERIOD}`)).body as Buffer;
    const marked = (await download(`/api/exports/${PERIOD}?bom=true`)).body as Buffer;
    expect([...marked.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Buffer.compare(marked.subarray(3), plain)).toBe(0);
    expect([...plain.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect((await download(`/api/exports/${PERIOD}?bom=false`)).body).toEqual(plain);

    const journal = (await download(`/api/exports/${PERIOD}?format=xero&bom=true`)).body as Buffer;
    expect(journal.subarray(0, 3).toString("hex")).toBe("efbbbf");
    expect(journal.subarray(3, 13).toString("utf8")).toBe("*Narration");
    const transparency = (await download(`/api/exports/${PERIOD}/transparency.csv?bom=true`)).body as Buffer;
    expect(transparency.subarray(0, 3).toString("hex")).toBe("efbbbf");
    expect(Buffer.compare(transparency.subarray(3), (await download(`/api/exports/${PERIOD}/transparency.csv`)).body as Buffer)).toBe(0);

    expectProblem(await refusal(`/api/exports/${PERIOD}?format=xlsx&bom=true`), 400, { field: "bom" });
    expectProblem(await refusal(`/api/exports/${PERIOD}?bom=yes`), 400, { field: "bom" });
    expectProblem(await refusal(`/api/exports/${PERIOD}/transparency.csv?bom=1`), 400, { field: "bom" });
  });

  it("XLSX: reads back with exceljs, amounts as numbers in a currency format, dates as date cells, a frozen header and a totals row", async () => {
    const res = await download(`/api/exports/${PERIOD}?format=xlsx`, "auditor");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="green-tape-${PERIOD}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.read(Readable.from([res.body as Buffer]));
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const amountAt = header.indexOf("Amount") + 1;
    const netAt = header.indexOf("Net amount") + 1;
    const payeeAt = header.indexOf("Payee") + 1;
    const spentAt = header.indexOf("Date spent") + 1;
    const loggedAt = header.indexOf("Logged at") + 1;
    expect(Math.min(amountAt, netAt, spentAt, loggedAt)).toBeGreaterThan(0);
    expect(sheet.rowCount).toBe(1 + 6 + 1);

    const data = Array.from({ length: 6 }, (_, i) => sheet.getRow(i + 2));
    for (const r of data) {
      expect(typeof r.getCell(amountAt).value).toBe("number");
      expect(r.getCell(amountAt).numFmt).toContain("£");
      expect(r.getCell(netAt).numFmt).toContain("£");
      // Real date cells: exceljs reads a number in a date format back as a Date.
      expect(r.getCell(spentAt).type).toBe(ExcelJS.ValueType.Date);
      expect(r.getCell(spentAt).numFmt).toBe("yyyy-mm-dd");
      expect(r.getCell(loggedAt).type).toBe(ExcelJS.ValueType.Date);
      expect(r.getCell(loggedAt).numFmt).toBe("yyyy-mm-dd hh:mm:ss");
      expect(r.getCell(spentAt).value).toEqual(new Date("2026-03-20T00:00:00Z"));
    }
    const byId = new Map(data.map((r) => [r.getCell(1).value, r]));
    expect(byId.get(spent.commas)?.getCell(amountAt).value).toBe(12.5);
    expect(byId.get(spent.voided)?.getCell(amountAt).value).toBe(5.05);
    expect(byId.get(spent.voided)?.getCell(netAt).value).toBe(0);
    // A spreadsheet date has no zone: the cell holds London's wall-clock time (GMT, then BST from 29 March).
    expect(byId.get(spent.commas)?.getCell(loggedAt).value).toEqual(new Date("2026-03-28T10:00:00.000Z"));
    expect(byId.get(spent.newline)?.getCell(loggedAt).value).toEqual(new Date("2026-03-30T09:15:42.123Z"));
    expect(byId.get(spent.formula)?.getCell(payeeAt).value).toBe(`'=HYPERLINK("http://evil.test")`);
    expect(byId.get(spent.newline)?.getCell(payeeAt).value).toBe(NEWLINE_PAYEE);

    const totals = sheet.getRow(8);
    expect(totals.getCell(1).value).toBe("Total GBP");
    expect(totals.getCell(netAt).value).toBe(countedTotal / 100);
    expect(totals.getCell(netAt).numFmt).toContain("£");
    expect(totals.getCell(amountAt).value).toBeNull();
  });

  it("JSON: the period, the log checkpoint it stands on, and its rows with integer minor units", async () => {
    const res = await download(`/api/exports/${PERIOD}?format=json`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="green-tape-${PERIOD}.json"`);
    const file = JSON.parse((res.body as Buffer).toString("utf8")) as { period: string; logCheckpoint: string; rows: Record<string, unknown>[] };
    expect(file.period).toBe(PERIOD);
    // An open month carries the checkpoint current at the download, signed with the log's key.
    expect(signersOf(parseNote(file.logCheckpoint), [parseVerifierKey(TEST_LOG_VKEY)])).toHaveLength(1);
    const { rows } = file;
    expect(rows).toHaveLength(6);
    const commas = rows.find((r) => r.transactionId === spent.commas);
    expect(commas).toMatchObject({ amount: 1250, netAmount: 1250, payee: 'Smith, "Bros" & Co', clientReference: expect.stringMatching(/^C-/), voided: false, reversalOf: null, schemeVersion: 1 });
    expect(Object.keys(commas as object)).not.toContain("clientName");
    expect(rows.reduce((s, r) => s + (r.netAmount as number), 0)).toBe(countedTotal);
  });

  it("Xero: a manual journal that balances, with team tracking, crediting each payment method's clearing account", async () => {
    // Admin maps prepaid cards to their own clearing account; petty cash keeps the journal's default.
    const mapped = await t.http.put("/api/clearing-accounts/prepaid_card").set("Authorization", as("admin")).send({ accountCode: "1010" });
    expect(mapped.status, JSON.stringify(mapped.body)).toBe(200);
    expect(mapped.body).toMatchObject({ paymentMethod: "prepaid_card", label: "Prepaid card", accountCode: "1010" });

    const res = await download(`/api/exports/${PERIOD}?format=xero&clearingAccount=090`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="green-tape-${PERIOD}-xero-journal.csv"`);
    const [header, ...lines] = parse(res.body as Buffer, { record_delimiter: "\r\n" }) as string[][];
    expect(header).toEqual(["*Narration", "*Date", "Description", "*AccountCode", "*TaxRate", "*Amount", "TrackingName1", "TrackingOption1", "TrackingName2", "TrackingOption2"]);
    const pence = (l: string[]) => Math.round(Number(l[5]) * 100);
    expect(lines.reduce((s, l) => s + pence(l), 0)).toBe(0);
    const isCredit = (l: string[]) => l[3] === "090" || l[3] === "1010";
    const debits = lines.filter((l) => !isCredit(l));
    expect(debits.reduce((s, l) => s + pence(l), 0)).toBe(countedTotal);
    const credits = lines.filter(isCredit).map((l) => [l[7], l[3], pence(l), l[2]]);
    expect(credits).toEqual([
      ["Adult Services East", "090", -4321, "Paid by Petty cash (Adult Services East)"],
      ["Adult Services East", "1010", -777, "Paid by Prepaid card (Adult Services East)"],
      ["Children's Services North", "1010", -(1250 + 999 + 2000), "Paid by Prepaid card (Children's Services North)"],
    ]);
    expect(lines.every((l) => l[0] === `Green Tape spends ${PERIOD}` && l[1] === "31/03/2026" && l[4] === "No VAT" && l[6] === "Team")).toBe(true);
    expect(debits.find((l) => l[3] === "4440")?.[5]).toBe("43.21");

    expectProblem(await refusal(`/api/exports/${PERIOD}?format=xero&clearingAccount=${encodeURIComponent("=1+1")}`), 400, { field: "clearingAccount" });
  });

  it("Xero: past Xero's 300-line import, a zip of numbered journals that each balance and fit", async () => {
    // 320 categories in one team's month: 320 debit lines and their credits. Written straight into
    // the tables, as a council with a long chart of accounts would have them.
    const db = t.database.db;
    await db.execute(sql`insert into ledger_codes (category, gl_code) select 'Bulk ' || g, 'B' || g from generate_series(1, 320) g`);
    await db.execute(sql`
      insert into spends (id, worker_id, team_id, client_id, scheme_id, scheme_version, amount, currency, category, payee, payee_key, payee_type, payment_method,
        spent_on, period, booked_period, note, justification_due_on, follow_up_due_on, created_at)
      select gen_random_uuid(), worker_id, team_id, client_id, scheme_id, scheme_version, 100 + g, currency, 'Bulk ' || g, payee, payee_key, payee_type,
        case when g % 2 = 0 then 'prepaid_card' else 'voucher' end, '2026-01-15', '2026-01', '2026-01', note, '2026-01-29', '2026-02-15', created_at + g * interval '1 second'
      from spends, generate_series(1, 320) g where id = ${spent.commas}`);
    const expected = Array.from({ length: 320 }, (_, i) => 101 + i).reduce((a, b) => a + b, 0);

    const res = await download("/api/exports/2026-01?format=xero&bom=true");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="green-tape-2026-01-xero-journal.zip"');
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(["green-tape-2026-01-xero-journal-1-of-2.csv", "green-tape-2026-01-xero-journal-2-of-2.csv"]);
    let debited = 0;
    for (const [i, name] of names.entries()) {
      const bytes = await zip.file(name)?.async("nodebuffer");
      expect(bytes?.subarray(0, 3).toString("hex"), name).toBe("efbbbf");
      const [, ...lines] = parse(bytes?.subarray(3) as Buffer, { record_delimiter: "\r\n" }) as string[][];
      expect(lines.length, name).toBeLessThanOrEqual(300);
      expect(lines.reduce((s, l) => s + Math.round(Number(l[5]) * 100), 0), `${name} balances`).toBe(0);
      expect(new Set(lines.map((l) => l[0]))).toEqual(new Set([`Green Tape spends 2026-01 (part ${i + 1} of 2)`]));
      const credits = lines.filter((l) => l[3] === "1010" || l[3] === "8100");
      expect(credits.map((l) => l[3]).sort(), name).toEqual(["1010", "8100"]);
      debited += lines.filter((l) => !credits.includes(l)).reduce((s, l) => s + Math.round(Number(l[5]) * 100), 0);
    }
    expect(debited).toBe(expected);
    // The same rows give the same bytes: no clock time in the zip.
    expect(Buffer.compare((await download("/api/exports/2026-01?format=xero&bom=true")).body as Buffer, res.body as Buffer)).toBe(0);
  });

  it("clearing accounts: every payment method listed, admin sets and removes them with the log, bad input refused", async () => {
    const list = await t.http.get("/api/clearing-accounts").set("Authorization", as("finance"));
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { paymentMethod: string }) => i.paymentMethod)).toEqual(["prepaid_card", "petty_cash", "voucher", "bank_transfer", "purchase_card", "other"]);
    expect(list.body.items.find((i: { paymentMethod: string }) => i.paymentMethod === "petty_cash")).toMatchObject({ label: "Petty cash", accountCode: null, updatedAt: null });

    const set = await t.http.put("/api/clearing-accounts/petty_cash").set("Authorization", as("admin")).send({ accountCode: "1030" });
    expect(set.status).toBe(200);
    const event = async (type: string) =>
      ((await t.database.db.execute(sql`select subject_id, data from events where type = ${type} order by id desc limit 1`)) as unknown as { rows: { subject_id: string; data: unknown }[] }).rows[0];
    expect(await event("clearing_account.set")).toEqual({ subject_id: "petty_cash", data: { before: null, after: { accountCode: "1030" } } });
    expect((await t.http.delete("/api/clearing-accounts/petty_cash").set("Authorization", as("admin"))).status).toBe(204);
    expect(await event("clearing_account.removed")).toEqual({ subject_id: "petty_cash", data: { before: { accountCode: "1030" }, after: null } });

    expectProblem(await t.http.delete("/api/clearing-accounts/petty_cash").set("Authorization", as("admin")), 404);
    expectProblem(await t.http.put("/api/clearing-accounts/cheque").set("Authorization", as("admin")).send({ accountCode: "1030" }), 400, { field: "paymentMethod" });
    expectProblem(await t.http.put("/api/clearing-accounts/voucher").set("Authorization", as("admin")).send({ accountCode: "=1+1" }), 400, { field: "accountCode" });
    expectProblem(await t.http.put("/api/clearing-accounts/voucher").set("Authorization", as("finance")).send({ accountCode: "1020" }), 403);
    expectProblem(await t.http.get("/api/clearing-accounts").set("Authorization", as("worker")), 403);
  });

  it("transparency file: every field the Transparency Code asks for, read back column by column; no client data, individuals redacted, voids left out", async () => {
    const res = await download(`/api/exports/${PERIOD}/transparency.csv`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="green-tape-${PERIOD}-transparency.csv"`);
    const text = (res.body as Buffer).toString("utf8");
    const references = (await t.database.db.execute(sql`select reference from clients`)) as unknown as { rows: { reference: string }[] };
    for (const { reference } of references.rows) expect(text).not.toContain(reference);
    expect(text).not.toContain(secretName);
    expect(text).not.toContain("Jane Doe");
    expect(text).not.toContain("Voided Shop");

    const records = csvRecords(res.body as Buffer);
    // The Local Government Transparency Code 2015 (part 2, expenditure exceeding £500 and every
    // procurement-card transaction) asks for: the date the expenditure was incurred, the department
    // that incurred it, the beneficiary, a summary of its purpose, the amount, the VAT that cannot be
    // recovered and the merchant category. The column names are those of the spend-data guidance
    // councils publish with (organisation name and code, expense area and type, supplier name and id).
    const codeField = {
      "Organisation name": "the body's name",
      "Organisation code": "the body's code",
      "Effective date": "date the expenditure was incurred",
      "Transaction number": "a reference for each transaction",
      "Expense area": "local authority department which incurred the expenditure",
      "Expense type": "the type of expenditure (the ledger account's name)",
      "Expense code": "the ledger account's code",
      "Supplier name": "beneficiary",
      "Supplier ID": "the supplier's id",
      Purpose: "summary of the purpose of the expenditure",
      Amount: "amount",
      "Irrecoverable VAT": "Value Added Tax that cannot be recovered",
      "Merchant category": "merchant category",
      "Card transaction": "whether it was a card transaction",
    };
    expect(Object.keys(records[0] as object)).toEqual(Object.keys(codeField));
    expect(records).toHaveLength(5);
    const row = (name: string) => records.find((r) => r["Transaction number"] === spent[name]) as Record<string, string>;
    for (const r of records) {
      expect(r).toMatchObject({ "Organisation name": "Demo Borough Council", "Organisation code": "E07000123", "Effective date": "2026-03-20" });
      expect(r["Transaction number"]).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(row("commas")).toMatchObject({
      "Expense area": "Children's Social Care",
      "Expense type": "Client travel",
      "Expense code": "4410",
      "Supplier name": 'Smith, "Bros" & Co',
      "Supplier ID": expect.stringMatching(/^GT-[0-9A-F]{10}$/),
      Purpose: "Travel",
      Amount: "12.50",
      // Nothing was recorded: the cell stays empty rather than claim 0.00.
      "Irrecoverable VAT": "",
      // A prepaid card payment: its category's merchant category.
      "Merchant category": "Transportation services",
      "Card transaction": "Yes",
    });
    expect(row("formula")).toMatchObject({ "Expense type": "Client subsistence", "Expense code": "4420", "Supplier name": "REDACTED PERSONAL DATA", "Supplier ID": "", "Merchant category": "Grocery stores and supermarkets" });
    // Petty cash has no merchant category; an individual has no name and no supplier id.
    expect(row("individual")).toMatchObject({
      "Expense area": "Adult Social Care",
      "Expense type": "Household goods for clients",
      "Supplier name": "REDACTED PERSONAL DATA",
      "Supplier ID": "",
      Purpose: "Household",
      Amount: "43.21",
      "Merchant category": "",
      "Card transaction": "No",
    });
    expect(row("taxi")).toMatchObject({ "Supplier name": "'+44 Taxis", "Irrecoverable VAT": "1.29", "Merchant category": "Transportation services", "Card transaction": "Yes" });
    expect(row("taxi")["Supplier ID"]).not.toBe(row("commas")["Supplier ID"]);
    expect(row("voided")).toBeUndefined();
    expect(records.reduce((s, r) => s + Math.round(Number(r.Amount) * 100), 0)).toBe(countedTotal);

  });

  it("irrecoverable VAT is whole pence from 0 to the amount; the organisation code is an ONS GSS code", async () => {
    const body = (irrecoverableVat: unknown) => spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string, spentOn: "2026-03-22", amount: 500, irrecoverableVat });
    for (const bad of [501, -1, 1.5, "100"]) expectProblem(await postSpend(t, token.worker as string, body(bad)), 400, { field: "irrecoverableVat" });
    const shown = async (name: string) => (await t.http.get(`/api/spends/${spent[name]}`).set("Authorization", as("finance"))).body as { irrecoverableVat: number | null };
    expect((await shown("taxi")).irrecoverableVat).toBe(129);
    expect((await shown("commas")).irrecoverableVat).toBeNull();
    expect(() => loadConfig({ ORGANISATION_CODE: "Demo" })).toThrow(/^Invalid configuration: ORGANISATION_CODE/);
    expect(loadConfig({}).organisationCode).toBe("E99999999");
    expect(loadConfig({ ORGANISATION_CODE: "W06000015" }).organisationCode).toBe("W06000015");
  });

  it("only finance and auditors export; only finance takes the transparency file", async () => {
    for (const who of ["worker", "worker2", "worker3", "supervisor", "supervisor2", "admin"] as const) {
      for (const format of ["csv", "xlsx", "json", "xero"]) expectProblem(await refusal(`/api/exports/${PERIOD}?format=${format}`, who), 403);
    }
    for (const who of ["worker", "supervisor", "auditor", "admin"] as const) expectProblem(await refusal(`/api/exports/${PERIOD}/transparency.csv`, who), 403);
    expectProblem(await t.http.get(`/api/exports/${PERIOD}`), 401);
    expectProblem(await t.http.get(`/api/exports/${PERIOD}/transparency.csv`), 401);
    expect((await download(`/api/exports/${PERIOD}`, "auditor")).status).toBe(200);
  });

  it("bad input is a 400 naming the field", async () => {
    expectProblem(await refusal(`/api/exports/${PERIOD}?format=pdf`), 400, { field: "format" });
    expectProblem(await refusal("/api/exports/2026-3"), 400, { field: "period" });
    expectProblem(await refusal("/api/exports/2026-00/transparency.csv"), 400, { field: "period" });
    const refused = await postSpend(t, token.worker as string, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string, payee: "Two\nlines", spentOn: "2026-03-21" }));
    expectProblem(refused, 400, { field: "payee" });
  });

  it("an empty month exports just the header; a journal with an unmapped category is refused", async () => {
    const empty = await download("/api/exports/2025-11");
    expect((empty.body as Buffer).toString("utf8").split("\r\n")).toHaveLength(2);
    expect(JSON.parse((await download("/api/exports/2025-11?format=json")).body.toString())).toMatchObject({ period: "2025-11", rows: [] });

    const scheme = await createScheme(t, { categories: ["Gardening"] });
    const res = await postSpend(t, token.worker2 as string, spendBody({ schemeId: scheme.id, clientId: ids.clients.north[0] as string, category: "Gardening", spentOn: "2026-03-22" }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const refused = await refusal(`/api/exports/${PERIOD}?format=xero`);
    expectProblem(refused, 422, { typeEndsWith: "unmapped-categories" });
    expect(refused.body.categories).toEqual(["Gardening"]);
    const csv = csvRecords((await download(`/api/exports/${PERIOD}`)).body as Buffer);
    expect(csv.find((r) => r["Transaction ID"] === res.body.id)?.["GL code"]).toBe("");
    expect(Number(await scalar<string>(t, sql`select count(*)::text as value from spends where booked_period = ${PERIOD}`))).toBe(7);
  });
});
