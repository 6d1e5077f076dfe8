import { formatMoney } from "@greentape/domain/money";
import { SummaryList } from "../../components/summary-list.tsx";
import type { Scheme, TeamOption } from "./schemes-api.ts";

export function capText(minor: number | null, currency = "GBP"): string {
  return minor === null ? "No cap" : formatMoney(minor, currency);
}

const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;

/** A scheme version's settings, read-only. */
export function SchemeSummary({ scheme, teams }: { scheme: Scheme; teams: TeamOption[] }) {
  const teamNames = scheme.teamIds?.map((id) => teams.find((t) => t.id === id)?.name ?? "A team that no longer exists");
  return (
    <SummaryList
      rows={[
        { key: "Categories", value: <ul className="govuk-list govuk-!-margin-bottom-0">{scheme.categories.map((c) => <li key={c}>{c}</li>)}</ul> },
        { key: "Most for one spend", value: <span data-testid="per-spend-cap">{capText(scheme.perSpendCap, scheme.currency)}</span> },
        {
          key: "Most for one client",
          value:
            scheme.perClientCap === null ? "No cap" : `${capText(scheme.perClientCap, scheme.currency)} in any ${days(scheme.perClientWindowDays)}`,
        },
        { key: "Most for each worker in a month", value: capText(scheme.perWorkerMonthlyCap, scheme.currency) },
        { key: "Each team's budget for a month", value: capText(scheme.teamMonthlyBudget, scheme.currency) },
        { key: "Justification due", value: `${days(scheme.justificationDueDays)} after the spend is logged` },
        { key: "Client follow-up due", value: `${days(scheme.followUpDueDays)} after the spend` },
        { key: "Grace before new spends pause", value: days(scheme.graceDays) },
        { key: "Teams", value: teamNames ? teamNames.join(", ") : "All teams" },
      ]}
    />
  );
}
