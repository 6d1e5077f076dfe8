// The files finance downloads for a period, and saving one the browser fetched with the access token.
import { apiDownload } from "../../lib/api-client.ts";
import { saveBlob } from "../../lib/save-file.ts";

export interface ExportFile {
  id: "csv" | "xlsx" | "json" | "xero" | "transparency";
  label: string;
  description: string;
  extension: string;
  path(period: string): string;
}

const periodPath = (period: string) => `/api/exports/${encodeURIComponent(period)}`;

export const EXPORT_FILES: readonly ExportFile[] = [
  {
    id: "csv",
    label: "Ledger export (CSV)",
    description: "One row per spend or reversal, with ledger codes and cost centres.",
    extension: "csv",
    path: (period) => `${periodPath(period)}?format=csv`,
  },
  {
    id: "xlsx",
    label: "Spreadsheet (XLSX)",
    description: "The same rows for Excel, with amounts as numbers and a totals row.",
    extension: "xlsx",
    path: (period) => `${periodPath(period)}?format=xlsx`,
  },
  {
    id: "json",
    label: "Data (JSON)",
    description: "The same rows for other systems.",
    extension: "json",
    path: (period) => `${periodPath(period)}?format=json`,
  },
  {
    id: "xero",
    label: "Xero manual journal (CSV)",
    description: "Ready to import into Xero, tracked by team.",
    extension: "csv",
    path: (period) => `${periodPath(period)}?format=xero`,
  },
  {
    id: "transparency",
    label: "Transparency publication (CSV)",
    description:
      "The public spending file under the Local Government Transparency Code. No client data; a payee is named only when it was marked as an organisation.",
    extension: "csv",
    path: (period) => `${periodPath(period)}/transparency.csv`,
  },
];

/** Fetches the file with the access token and hands it to the browser as a download. Returns its name. */
export async function downloadExport(file: ExportFile, period: string): Promise<string> {
  const { blob, filename } = await apiDownload(file.path(period));
  const name = filename ?? `green-tape-${period}-${file.id}.${file.extension}`;
  saveBlob(blob, name);
  return name;
}
