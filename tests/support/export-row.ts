import { countedAmount, type ExportRow } from "@greentape/domain/export-rows";

/** One spend's export row as the ledger sees it, with whatever a test needs changed. */
export function exportRow(overrides: Partial<ExportRow> = {}): ExportRow {
  const row: Omit<ExportRow, "netAmount"> = {
    transactionId: "7d0c6f1e-0000-4000-8000-000000000001",
    spentOn: "2026-03-14",
    bookedPeriod: "2026-03",
    loggedAt: "2026-03-14T10:22:01.123Z",
    team: "Children's Services North",
    costCentre: "CC-4100",
    scheme: "Everyday help",
    schemeVersion: 2,
    category: "Travel",
    glCode: "4410",
    payee: "Go North East",
    paymentMethod: "prepaid_card",
    amount: 1250,
    currency: "GBP",
    staffId: "S1001",
    clientReference: "C-10234",
    justificationStatus: "due",
    followUpStatus: "pending",
    voided: false,
    reversalOf: null,
    clearingAccount: null,
    ...overrides,
  };
  return { ...row, netAmount: overrides.netAmount ?? countedAmount(row) };
}
