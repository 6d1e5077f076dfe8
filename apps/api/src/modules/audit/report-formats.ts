import { stringify } from "csv-stringify/sync";
import { FINDING_RESULTS, findingResultLabel, isDeviation } from "@greentape/domain/audit-report";
import { dayInWords, instantInWords, monthInWords } from "@greentape/domain/dates-in-words";
import { formatMoney, toDecimalString } from "@greentape/domain/money";
import { SAMPLE_REASON_DESCRIPTIONS, SAMPLE_REASON_NAMES, type SampleReason } from "@greentape/domain/risk-strata";
import { spreadsheetSafe } from "@greentape/domain/spreadsheet-safe";
import { formatPercent } from "@greentape/domain/statistics";
import type { ReportView, SampleItemDetail } from "@greentape/contract/audit";


const CSV_COLUMNS = [
  "position",
  "stratum",
  "reasons",
  "spend_id",
  "spent_on",
  "category",
  "payee",
  "amount",
  "currency",
  "worker_id",
  "worker_name",
  "team_name",
  "client_id",
  "client_reference",
  "voided",
  "result",
  "deviation",
  "notes",
  "recorded_by",
  "recorded_at",
] as const;

/**
 * One row per sample item: the auditor's working paper. Every text cell goes through
 * spreadsheetSafe; the amount is a plain decimal number.
 */
export function reportCsv(items: readonly SampleItemDetail[]): string {
  const text = (value: string) => spreadsheetSafe(value);
  const rows = items.map((i) => [
    i.position,
    i.stratum,
    text(i.reasons.join("; ")),
    i.spendId,
    i.spend.spentOn,
    text(i.spend.category),
    text(i.spend.payee),
    toDecimalString(i.spend.amount),
    i.spend.currency,
    i.spend.workerId,
    text(i.worker.name),
    text(i.team.name),
    i.spend.clientId,
    text(i.client.reference),
    i.spend.voided ? "yes" : "no",
    i.finding?.result ?? "",
    i.finding ? (isDeviation(i.finding.result) ? "yes" : "no") : "",
    text(i.finding?.notes ?? ""),
    text(i.finding?.recordedBy.name ?? ""),
    i.finding?.recordedAt ?? "",
  ]);
  return stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: "\r\n" });
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

function rate(value: number | null): string {
  return value === null ? "–" : formatPercent(value);
}

function reasonText(reason: string): string {
  return Object.hasOwn(SAMPLE_REASON_DESCRIPTIONS, reason) ? SAMPLE_REASON_DESCRIPTIONS[reason as SampleReason] : reason;
}

const STRATUM_WORDS = { random: "Drawn at random", risk: "Added by risk rules" } as const;
const METHOD_WORDS: Record<string, string> = { random: "Random: every spend has the same chance", monetary_unit: "Monetary unit: each penny has the same chance" };
const TOLERABLE_RATE_SOURCE_WORDS: Record<string, string> = { request: "asked for at the draw", scheme: "the strictest scheme's setting", default: "the default" };

const STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #0b0c0c; margin: 2rem; line-height: 1.4; }
  h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
  h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 2px solid #0b0c0c; }
  table { border-collapse: collapse; width: 100%; margin-top: 0.5rem; }
  th, td { border: 1px solid #b1b4b6; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; font-size: 0.9rem; }
  th { background: #f3f2f1; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .statement { font-size: 1.1rem; font-weight: 600; border-left: 5px solid #1d70b8; padding-left: 0.8rem; }
  .mono { font-family: ui-monospace, Menlo, Consolas, monospace; word-break: break-all; }
  pre.checkpoint { font-family: ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-all; background: #f3f2f1; padding: 0.5rem; }
  .sign { margin-top: 3rem; display: flex; gap: 4rem; }
  .sign div { border-top: 1px solid #0b0c0c; padding-top: 0.3rem; min-width: 16rem; }
  @media print { body { margin: 1cm; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;

function rows(pairs: [string, string | number][]): string {
  return pairs.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`).join("");
}

/**
 * A printable, self-contained page: no script, no outside resources, every value escaped. It is
 * read by people, so results, strata and reasons are in words, days are written out and instants
 * are in the council's time zone; the CSV keeps the codes for whoever processes it.
 */
export function reportHtml(report: ReportView, items: readonly SampleItemDetail[], council: { name: string; timeZone: string }): string {
  const { sample } = report;
  const month = monthInWords(sample.period);
  const strata = (["random", "risk"] as const)
    .map((name) => {
      const s = report.byStratum[name];
      return `<tr><th scope="row">${esc(STRATUM_WORDS[name])}</th><td class="num">${s.items}</td><td class="num">${s.itemsReviewed}</td><td class="num">${s.deviations}</td><td class="num">${esc(rate(s.deviationRate))}</td></tr>`;
    })
    .join("");
  const riskStrata = report.riskStrata
    .map((s) => `<tr><th scope="row">${esc(SAMPLE_REASON_NAMES[s.reason])}</th><td>${esc(s.description)}</td><td class="num">${s.items}</td><td class="num">${s.itemsReviewed}</td><td class="num">${s.deviations}</td><td class="num">${esc(rate(s.deviationRate))}</td></tr>`)
    .join("");
  const results = FINDING_RESULTS.map((r) => `<tr><th scope="row">${esc(findingResultLabel(r))}</th><td class="num">${report.byResult[r]}</td></tr>`).join("");
  const itemRows = items
    .map(
      (i) =>
        `<tr><td class="num">${i.position}</td><td>${esc(STRATUM_WORDS[i.stratum])}</td><td>${i.reasons.map((r) => esc(reasonText(r))).join("<br>")}</td>` +
        `<td class="mono">${esc(i.spendId)}</td><td>${esc(dayInWords(i.spend.spentOn))}</td><td>${esc(i.worker.name)}<br>${esc(i.team.name)}</td><td>${esc(i.client.reference)}</td>` +
        `<td>${esc(i.spend.category)}</td><td>${esc(i.spend.payee)}</td>` +
        `<td class="num">${esc(formatMoney(i.spend.amount, i.spend.currency))}</td><td>${esc(i.finding ? findingResultLabel(i.finding.result) : "Awaiting a finding")}</td><td>${esc(i.finding?.notes ?? "")}</td></tr>`,
    )
    .join("");
  const p = sample.parameters;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`Audit sample report, ${month}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${esc(`Audit sample report, ${month}`)}</h1>
<p>${esc(council.name)}. Sample ${esc(sample.id)}, drawn ${esc(instantInWords(sample.createdAt, council.timeZone))}.</p>
<p class="statement">${esc(report.statement)}</p>
<p>${esc(report.deviationDefinition)} Risk-stratum spends were chosen for their risk, not at random, so they are reported apart and do not enter the upper limit.${report.complete ? "" : " Some items still await a finding."}</p>

<h2>Results</h2>
<table><tbody>${rows([
    ["Items", report.items],
    ["Items reviewed", report.itemsReviewed],
    ["Deviations", report.deviations],
    ["Deviation rate (all reviewed items)", rate(report.deviationRate)],
    ["Upper deviation limit (random part)", formatPercent(report.upperDeviationLimit)],
    ["Confidence", formatPercent(report.confidence)],
  ])}</tbody></table>

<h2>By stratum</h2>
<table><thead><tr><th scope="col">Stratum</th><th scope="col">Items</th><th scope="col">Reviewed</th><th scope="col">Deviations</th><th scope="col">Deviation rate</th></tr></thead><tbody>${strata}</tbody></table>

${riskStrata ? `<h2>Risk strata</h2>\n<table><thead><tr><th scope="col">Reason</th><th scope="col">What it means</th><th scope="col">Items</th><th scope="col">Reviewed</th><th scope="col">Deviations</th><th scope="col">Deviation rate</th></tr></thead><tbody>${riskStrata}</tbody></table>\n` : ""}
<h2>By result</h2>
<table><tbody>${results}</tbody></table>

<h2>How the sample was drawn</h2>
<p>${esc(sample.sizeExplanation)}</p>
<table><tbody>${rows([
    ["Month", month],
    ["Method", METHOD_WORDS[sample.method] ?? sample.method],
    ["Algorithm", `${sample.algorithm} (${sample.algorithmVersion})`],
    ["Seed", sample.seed],
    ["Random part size", p.size],
    ["Population size", sample.populationSize],
    ["Dataset digest", `${sample.datasetDigest} (${p.datasetDigestVersion})`],
    ["Tolerable rate", `${formatPercent(p.tolerableRate)} (${TOLERABLE_RATE_SOURCE_WORDS[p.tolerableRateSource] ?? p.tolerableRateSource})`],
    ["Confidence", formatPercent(p.confidence)],
    ["Risk rules", p.riskRules ? "applied" : "switched off"],
    ["Top-stratum amount", p.topStratumAmount === null ? "each scheme's setting, if any" : formatMoney(p.topStratumAmount)],
    ["Justification overdue by more than", `${p.overdueDays} days (judged on ${dayInWords(p.drawnOn)})`],
  ])}</tbody></table>

<h2>Items</h2>
<table><thead><tr><th scope="col">#</th><th scope="col">Stratum</th><th scope="col">Reasons</th><th scope="col">Spend</th><th scope="col">Spent on</th><th scope="col">Worker and team</th><th scope="col">Client</th><th scope="col">Category</th><th scope="col">Payee</th><th scope="col">Amount</th><th scope="col">Finding</th><th scope="col">Notes</th></tr></thead><tbody>${itemRows}</tbody></table>

<h2>The event log at the draw</h2>
${
    sample.logCheckpoint
      ? `<p>The log's signed checkpoint when this sample was drawn. Keep it: anyone holding it can ask the log for a proof that it still extends this tree, so a record rewritten or removed since the draw cannot pass unnoticed.</p>\n<pre class="checkpoint">${esc(sample.logCheckpoint)}</pre>`
      : "<p>This sample was drawn before the log kept signed checkpoints.</p>"
  }

<div class="sign"><div>Auditor</div><div>Date</div></div>
</body>
</html>
`;
}
