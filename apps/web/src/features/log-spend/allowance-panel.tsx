import { formatMoney } from "@greentape/domain/money";
import type { Allowance } from "@greentape/contract/allowance";
import { SummaryList } from "../../components/summary-list.tsx";
import { WarningText } from "../../components/warning-text.tsx";
import { NetworkError } from "../../lib/api-client.ts";
import type { ApiData } from "../../lib/use-api-data.ts";
import type { CapName } from "../../lib/spend-reference-api.ts";

const CAP_ORDER: CapName[] = ["perSpend", "perClient", "perWorkerMonthly", "teamMonthly"];

function capLabel(cap: CapName, clientReference: string | null, windowDays: number): string {
  switch (cap) {
    case "perSpend":
      return "On one spend";
    case "perClient":
      return clientReference ? `For ${clientReference}, over ${windowDays} days` : `For one client, over ${windowDays} days`;
    case "perWorkerMonthly":
      return "You, this month";
    case "teamMonthly":
      return "Your team, this month";
  }
}

/** The cap that leaves least room: what would stop this spend first. */
function tightest(allowance: Allowance): CapName | null {
  let best: CapName | null = null;
  for (const cap of CAP_ORDER) {
    const remaining = allowance.caps[cap].remaining;
    if (remaining === null) continue;
    if (best === null || remaining < (allowance.caps[best].remaining ?? Infinity)) best = cap;
  }
  return best;
}

interface AllowancePanelProps {
  state: ApiData<Allowance>;
  /** What the worker has typed, in minor units (null while it is not a valid amount). */
  amount: number | null;
  clientReference: string | null;
  windowDays: number;
}

/** What the worker may still spend now under each cap, and a warning when the amount is over. */
export function AllowancePanel({ state, amount, clientReference, windowDays }: AllowancePanelProps) {
  return (
    <section className="gt-allowance" aria-labelledby="allowance-title" data-testid="allowance">
      <h2 className="govuk-heading-s gt-allowance__title" id="allowance-title">
        What you can still spend
      </h2>
      <div aria-live="polite">
        {state.status === "loading" ? (
          <p className="govuk-body-s">Checking…</p>
        ) : state.status === "failed" ? (
          <p className="govuk-body-s">
            {state.error instanceof NetworkError
              ? "You seem to be offline, so this cannot be checked now. The caps are checked when the spend is sent."
              : "This could not be checked just now. The caps are still checked when the spend is sent."}
          </p>
        ) : (
          <AllowanceDetails allowance={state.data} amount={amount} clientReference={clientReference} windowDays={windowDays} />
        )}
      </div>
    </section>
  );
}

function AllowanceDetails({ allowance, amount, clientReference, windowDays }: { allowance: Allowance; amount: number | null; clientReference: string | null; windowDays: number }) {
  const money = (n: number) => formatMoney(n, allowance.currency);
  const caps = CAP_ORDER.filter((cap) => cap !== "perClient" || allowance.clientId !== null);
  const limit = tightest(allowance);
  const over = amount !== null && amount > 0 && allowance.maxSpend !== null && amount > allowance.maxSpend;
  return (
    <>
      <p className="govuk-body" data-testid="max-spend">
        {allowance.maxSpend === null ? (
          "There is no cap on this spend."
        ) : (
          <>
            Most you can spend now: <strong>{money(allowance.maxSpend)}</strong>
          </>
        )}
      </p>
      {over && limit ? (
        <WarningText testId="over-cap">
          {money(amount)} is more than you can spend now ({capLabel(limit, clientReference, windowDays).toLowerCase()}: {money(allowance.caps[limit].remaining ?? 0)} left).
          {limit === "perSpend" ? " For more than that, use the council's normal approval route." : ""}
        </WarningText>
      ) : null}
      <SummaryList
        rows={caps.map((cap) => {
          const state = allowance.caps[cap];
          return {
            key: capLabel(cap, clientReference, windowDays),
            value:
              state.limit === null ? (
                "No cap"
              ) : cap === "perSpend" ? (
                `Up to ${money(state.limit)}`
              ) : (
                <>
                  <strong>{money(state.remaining ?? 0)}</strong> left of {money(state.limit)}
                </>
              ),
          };
        })}
      />
      {allowance.clientId === null ? <p className="govuk-body-s">Choose the client to see what is left for them.</p> : null}
    </>
  );
}
