import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  addToTotals,
  addToXeroJournal,
  beneficiary,
  countedAmount,
  csvRecord,
  EXPORT_COLUMNS,
  EXPORT_CSV_HEADER,
  exportCells,
  exportCsvRecord,
  exportSheetValues,
  sheetDateTime,
  newXeroJournal,
  REDACTED_PERSONAL_DATA,
  TRANSPARENCY_CSV_HEADER,
  transparencyCsvRecord,
  type TransparencyRow,
  xeroJournalFiles,
} from "./export-rows.ts";
import { exportRow } from "../../../tests/support/export-row.ts";

describe("CSV records", () => {
  it("quotes commas, quotes and line breaks, and ends with CRLF", () => {
    expect(csvRecord(["a", "b,c", 'say "hi"', "x\ny", "r\rs"])).toBe('a,"b,c","say ""hi""","x\ny","r\rs"\r\n');
  });

  it("round-trips through a standard CSV parser", () => {
    const tricky = exportRow({ payee: 'Smith, "Jones" & Co', team: "North,\nEast" });
    const [header, parsed] = parse(EXPORT_CSV_HEADER + exportCsvRecord(tricky), { record_delimiter: "\r\n" }) as string[][];
    expect(header).toEqual(EXPORT_COLUMNS.map((c) => c.header));
    expect(parsed?.[EXPORT_COLUMNS.findIndex((c) => c.key === "payee")]).toBe('Smith, "Jones" & Co');
    expect(parsed?.[EXPORT_COLUMNS.findIndex((c) => c.key === "team")]).toBe("North,\nEast");
  });

  it("writes amounts as exact two-place decimals and guards every text cell, not the amount", () => {
    const cells = exportCells(exportRow({ amount: -305, payee: "=HYPERLINK(1)", category: "-x", glCode: null, staffId: null, justificationStatus: null, reversalOf: "abc" }));
    const at = (key: string) => cells[EXPORT_COLUMNS.findIndex((c) => c.key === key)];
    expect(at("amount")).toBe("-3.05");
    expect(at("payee")).toBe("'=HYPERLINK(1)");
    expect(at("category")).toBe("'-x");
    expect(at("glCode")).toBe("");
    expect(at("staffId")).toBe("");
    expect(at("justificationStatus")).toBe("");
    expect(at("reversalOf")).toBe("abc");
    expect(cells).toHaveLength(EXPORT_COLUMNS.length);
    expect(exportCells(exportRow({ amount: 7 }))[EXPORT_COLUMNS.findIndex((c) => c.key === "amount")]).toBe("0.07");
  });

  it("marks voided rows", () => {
    const voidedAt = EXPORT_COLUMNS.findIndex((c) => c.key === "voided");
    expect(exportCells(exportRow({ voided: true }))[voidedAt]).toBe("yes");
    expect(exportCells(exportRow())[voidedAt]).toBe("no");
  });
});

describe("spreadsheet values", () => {
  const at = (values: unknown[], key: string) => values[EXPORT_COLUMNS.findIndex((c) => c.key === key)];

  it("gives the amounts as numbers of pounds and keeps negatives unguarded", () => {
    const values = exportSheetValues(exportRow({ amount: -1999, payee: "@x" }), "Europe/London");
    expect(at(values, "amount")).toBe(-19.99);
    expect(at(values, "netAmount")).toBe(-19.99);
    expect(at(values, "payee")).toBe("'@x");
    expect(at(values, "schemeVersion")).toBe(2);
    expect(at(exportSheetValues(exportRow({ amount: 500, voided: true }), "Europe/London"), "netAmount")).toBe(0);
  });

  it("gives the date spent as a date and the time logged as the council's wall-clock time", () => {
    const values = exportSheetValues(exportRow({ spentOn: "2026-07-01", loggedAt: "2026-06-30T23:30:05.250Z" }), "Europe/London");
    expect(at(values, "spentOn")).toEqual(new Date("2026-07-01T00:00:00Z"));
    // 23:30 UTC on 30 June is 00:30 BST on 1 July in London.
    expect(at(values, "loggedAt")).toEqual(new Date("2026-07-01T00:30:05.250Z"));
  });

  it("moves wall-clock time across both clock changes and other zones", () => {
    expect(sheetDateTime("2026-03-29T00:59:59.000Z", "Europe/London")).toEqual(new Date("2026-03-29T00:59:59.000Z"));
    expect(sheetDateTime("2026-03-29T01:00:00.000Z", "Europe/London")).toEqual(new Date("2026-03-29T02:00:00.000Z"));
    expect(sheetDateTime("2026-10-25T00:30:00.000Z", "Europe/London")).toEqual(new Date("2026-10-25T01:30:00.000Z"));
    expect(sheetDateTime("2026-10-25T01:30:00.000Z", "Europe/London")).toEqual(new Date("2026-10-25T01:30:00.000Z"));
    expect(sheetDateTime("2026-01-15T12:00:00.000Z", "America/New_York")).toEqual(new Date("2026-01-15T07:00:00.000Z"));
    expect(sheetDateTime("2026-01-15T23:00:00.000Z", "UTC")).toEqual(new Date("2026-01-15T23:00:00.000Z"));
  });
});

describe("totals", () => {
  it("count everything but voided spends, reversals negative, per currency, exactly", () => {
    const totals = new Map<string, number>();
    for (const r of [exportRow({ amount: 10 }), exportRow({ amount: 20, voided: true }), exportRow({ amount: -5, reversalOf: "x" }), exportRow({ amount: 3, currency: "EUR" })]) addToTotals(totals, r);
    expect(Object.fromEntries(totals)).toEqual({ GBP: 5, EUR: 3 });
    expect(countedAmount({ amount: 99, voided: true })).toBe(0);
  });
});

describe("Xero journal", () => {
  const linesOf = (file: string) => parse(file, { record_delimiter: "\r\n" }) as string[][];
  const pence = (l: string[]) => Math.round(Number(l[5]) * 100);

  it("debits each (team, GL code), credits each team's clearing accounts, and balances", () => {
    const journal = newXeroJournal();
    const rows = [
      exportRow({ amount: 1000 }),
      exportRow({ amount: 250, category: "Bus", glCode: "4410" }),
      exportRow({ amount: 500, category: "Food", glCode: "4420", paymentMethod: "petty_cash", clearingAccount: "1010" }),
      exportRow({ amount: 800, voided: true }),
      exportRow({ amount: -100, reversalOf: "x" }),
      exportRow({ amount: 300, team: "=Adult East" }),
    ];
    for (const r of rows) addToXeroJournal(journal, r, "8100");
    const files = xeroJournalFiles(journal, "2026-02");
    expect(files).toHaveLength(1);
    const [header, ...lines] = linesOf(files[0] as string);
    expect(header?.slice(0, 6)).toEqual(["*Narration", "*Date", "Description", "*AccountCode", "*TaxRate", "*Amount"]);
    expect(lines.map((l) => [l[3], l[5], l[7]])).toEqual([
      ["4410", "3.00", "'=Adult East"],
      ["8100", "-3.00", "'=Adult East"],
      ["4410", "11.50", "Children's Services North"],
      ["4420", "5.00", "Children's Services North"],
      ["1010", "-5.00", "Children's Services North"],
      ["8100", "-11.50", "Children's Services North"],
    ]);
    expect(lines.every((l) => l[0] === "Green Tape spends 2026-02" && l[1] === "28/02/2026" && l[4] === "No VAT" && l[6] === "Team")).toBe(true);
    expect(lines.reduce((s, l) => s + pence(l), 0)).toBe(0);
    expect(lines[2]?.[2]).toBe("Bus, Travel (Children's Services North)");
    expect(lines[4]?.[2]).toBe("Paid by Petty cash (Children's Services North)");
    expect(lines[5]?.[2]).toBe("Paid by Prepaid card (Children's Services North)");
  });

  it("splits into files of at most 300 lines, each a journal that balances by itself, keeping a team whole while it fits", () => {
    const journal = newXeroJournal();
    // 40 teams of 9 codes, paid by two methods: 11 lines a team, 440 lines in all.
    for (let team = 0; team < 40; team++) {
      for (let code = 0; code < 9; code++) {
        const base = { team: `Team ${String(team).padStart(2, "0")}`, glCode: `44${code}0`, category: `Cat ${code}` };
        addToXeroJournal(journal, exportRow({ ...base, amount: 100 + code }), "8100");
        addToXeroJournal(journal, exportRow({ ...base, amount: 7, paymentMethod: "voucher", clearingAccount: "1020" }), "8100");
      }
    }
    const files = xeroJournalFiles(journal, "2026-03");
    expect(files).toHaveLength(2);
    const parts = files.map((f) => linesOf(f).slice(1));
    expect(parts.map((p) => p.length)).toEqual([27 * 11, 13 * 11]);
    for (const [i, lines] of parts.entries()) {
      expect(lines.length).toBeLessThanOrEqual(300);
      expect(lines.reduce((s, l) => s + pence(l), 0)).toBe(0);
      expect(new Set(lines.map((l) => l[0]))).toEqual(new Set([`Green Tape spends 2026-03 (part ${i + 1} of 2)`]));
    }
    // No team is cut between files.
    const teamsOf = (lines: string[][]) => new Set(lines.map((l) => l[7]));
    expect([...teamsOf(parts[0] ?? [])].filter((team) => teamsOf(parts[1] ?? []).has(team))).toEqual([]);
  });

  it("splits a team too big for one file by GL code, each part with its own credits", () => {
    const journal = newXeroJournal();
    for (let code = 0; code < 400; code++) addToXeroJournal(journal, exportRow({ glCode: `G${code}`, category: `C${code}`, amount: 1 + code }), "8100");
    const files = xeroJournalFiles(journal, "2026-03", 300);
    expect(files).toHaveLength(2);
    const parts = files.map((f) => linesOf(f).slice(1));
    expect(parts.map((p) => p.length)).toEqual([300, 102]);
    for (const lines of parts) expect(lines.reduce((s, l) => s + pence(l), 0)).toBe(0);
    const debits = parts.flat().filter((l) => l[3] !== "8100");
    expect(debits).toHaveLength(400);
    expect(debits.reduce((s, l) => s + pence(l), 0)).toBe((400 * 401) / 2);
  });

  it("refuses a counted row with no GL code, and an empty journal has no files", () => {
    expect(() => addToXeroJournal(newXeroJournal(), exportRow({ glCode: null }), "8100")).toThrow(/GL code/);
    expect(xeroJournalFiles(newXeroJournal(), "2026-03")).toEqual([]);
  });
});

describe("transparency record", () => {
  const base: TransparencyRow = {
    transactionNumber: "t1",
    date: "2026-03-01",
    expenseArea: "Adult Social Care",
    expenseType: "Client travel",
    expenseCode: "4410",
    payee: "Jane Doe",
    payeeType: "individual",
    purpose: "Travel",
    amount: 1250,
    irrecoverableVat: null,
    merchantCategory: null,
    paymentMethod: "petty_cash",
  };
  const publisher = { name: "Demo Borough Council", code: "E99999999" };
  const fieldsOf = (row: TransparencyRow) => {
    const [header, fields] = parse(TRANSPARENCY_CSV_HEADER + transparencyCsvRecord(row, publisher, (payee) => `ID:${payee}`), { record_delimiter: "\r\n" }) as string[][];
    return Object.fromEntries((header ?? []).map((name, i) => [name, fields?.[i]]));
  };

  it("redacts a private individual and a payee nobody marked, with no supplier id, and names an organisation with one", () => {
    expect(beneficiary(base)).toBe(REDACTED_PERSONAL_DATA);
    expect(beneficiary({ ...base, payeeType: null })).toBe(REDACTED_PERSONAL_DATA);
    expect(beneficiary({ ...base, payeeType: "organisation" })).toBe("Jane Doe");
    expect(fieldsOf(base)).toEqual({
      "Organisation name": "Demo Borough Council",
      "Organisation code": "E99999999",
      "Effective date": "2026-03-01",
      "Transaction number": "t1",
      "Expense area": "Adult Social Care",
      "Expense type": "Client travel",
      "Expense code": "4410",
      "Supplier name": REDACTED_PERSONAL_DATA,
      "Supplier ID": "",
      Purpose: "Travel",
      Amount: "12.50",
      "Irrecoverable VAT": "",
      "Merchant category": "",
      "Card transaction": "No",
    });
    expect(fieldsOf({ ...base, payeeType: "organisation", payee: "Go North East" })).toMatchObject({ "Supplier name": "Go North East", "Supplier ID": "ID:Go North East" });
  });

  it("keeps a negative reversal amount a number, guards text, and writes recorded VAT and a card's merchant category", () => {
    const fields = fieldsOf({ ...base, payeeType: "organisation", payee: "+Shop", amount: -1250, irrecoverableVat: -208, merchantCategory: "Grocery stores", paymentMethod: "prepaid_card" });
    expect(fields).toMatchObject({ "Supplier name": "'+Shop", Amount: "-12.50", "Irrecoverable VAT": "-2.08", "Merchant category": "Grocery stores", "Card transaction": "Yes" });
    expect(fieldsOf({ ...base, irrecoverableVat: 0 })["Irrecoverable VAT"]).toBe("0.00");
  });
});
