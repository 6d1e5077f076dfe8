import { formatMoney } from "@greentape/domain/money";
import { FOLLOW_UP_OUTCOME_LABELS, FOLLOW_UP_OUTCOMES } from "@greentape/domain/workflow-input";
import { SummaryList } from "../../components/summary-list.tsx";
import { onTime, useTrackRecord } from "../../lib/track-record-api.ts";

/**
 * The worker's own record: what they spent, what their clients said, and their justifications on
 * time. Theirs alone: it is never compared with anyone's.
 */
export function MyRecord({ userId }: { userId: string }) {
  const { state } = useTrackRecord(userId);
  if (state.status !== "loaded") return null;
  const record = state.data;
  const said = FOLLOW_UP_OUTCOMES.filter((o) => record.outcomes[o] > 0);
  return (
    <section aria-labelledby="my-record-title" data-testid="my-record">
      <h2 className="govuk-heading-m" id="my-record-title">
        Your record
      </h2>
      <p className="govuk-body">Yours alone, to look back on. It is not compared with anyone.</p>
      <SummaryList
        rows={[
          {
            key: "Spends",
            value: <span data-testid="my-spends">{record.spends.count === 1 ? "1 spend" : `${record.spends.count} spends`}, {formatMoney(record.spends.amount)} in all</span>,
          },
          {
            key: "What your clients said",
            value:
              said.length === 0 ? (
                "No follow-ups recorded yet."
              ) : (
                <ul className="govuk-list" data-testid="my-outcomes">
                  {said.map((o) => (
                    <li key={o}>
                      {FOLLOW_UP_OUTCOME_LABELS[o]}: {record.outcomes[o]}
                    </li>
                  ))}
                </ul>
              ),
          },
          { key: "Justifications", value: <span data-testid="my-justifications">{onTime(record.justifications, "justifications")}</span> },
        ]}
      />
    </section>
  );
}
