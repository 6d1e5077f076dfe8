// The files finance downloads for a period, and saving one the browser fetched with the access token.
import { apiDownload } from "../../lib/api-client.ts";
import { saveBlob } from "../../lib/save-file.ts";

export interface ExportFile {
  id: "csv" | "xlsx" | "json" | "xero" | "transparency";
  label: string;
  description: string;
  extension: string;
  /** A CSV file, which may start with a byte order mark for Excel on Windows. */
  csv: boolean;
  path(period: string): string;
}

const periodPath = (period: string) => `/api/exports/${encodeURIComponent(period)}`;

/** The file's address, asking for a UTF-8 byte order mark on a CSV when `bom` is set. */
export function exportPath(file: ExportFile, period: string, bom: boolean): string {
  const path = file.path(period);
  return bom && file.csv ? `${path}${path.includes("?") ? "&" : "?"}bom=true` : path;
}

export const EXPORT_FILES: readonly ExportFile[] = [
  {
    id: "csv",
    csv: true,
    label: "Ledger export (CSV)",
    description: "One row per spend or reversal, with ledger codes and cost centres.",
    extension: "csv",
    path: (period) => `${periodPath(period)}?format=csv`,
  },
  {
    id: "xlsx",
    csv: false,
    label: "Spreadsheet (XLSX)",
    description: "The same rows for Excel, with amounts as numbers and a totals row.",
    extension: "xlsx",
    path: (period) => `${periodPath(period)}?format=xlsx`,
  },
  {
    id: "json",
    csv: false,
    label: "Data (JSON)",
    description: "The same rows for other systems.",
    extension: "json",
    path: (period) => `${periodPath(period)}?format=json`,
  },
  {
    id: "xero",
    csv: true,
    label: "Xero manual journal (CSV)",
    description:
      "Ready to import into Xero, tracked by team, each payment method credited to its clearing account. Past Xero's 300 lines it comes as a zip of numbered files to import in turn.",
    extension: "csv",
    path: (period) => `${periodPath(period)}?format=xero`,
  },
  {
    id: "transparency",
    csv: true,
    label: "Transparency publication (CSV)",
    description:
      "The public spending file under the Local Government Transparency Code. No client data; a payee is named only when it was marked as an organisation.",
    extension: "csv",
    path: (period) => `${periodPath(period)}/transparency.csv`,
  },
];

/** Fetches the file with the access token and hands it to the browser as a download. Returns its name. */
export async function downloadExport(file: ExportFile, period: string, options: { bom: boolean }): Promise<string> {
  const { blob, filename } = await apiDownload(exportPath(file, period, options.bom));
  const name = filename ?? `green-tape-${period}-${file.id}.${file.extension}`;
  saveBlob(blob, name);
  return name;
}
