import { Link, useLocation, useNavigate, useParams } from "../../lib/router.tsx";
import { formatMoney } from "@greentape/domain/money";
import { FOLLOW_UP_OUTCOMES } from "@greentape/domain/workflow-input";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { SuccessBanner, flashFrom } from "../../components/success-banner.tsx";
import { Tag, justificationTag, outcomeLabel } from "../../components/spend-case.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { useCurrentUser } from "../../lib/auth.tsx";
import type { Role } from "@greentape/domain/roles";
import { useClientHistory } from "./client-page-api.ts";
import type { ClientHistory, ClientHistorySpend as ClientSpend } from "@greentape/contract/client-history";
import { formatDay } from "../../lib/format.ts";
import "../../styles/office-components.scss";
import "./client-page.scss";

const OUTCOME_COLOURS: Record<string, string> = {
  helped_a_lot: "govuk-tag--green",
  helped_a_little: "govuk-tag--turquoise",
  no_difference: "govuk-tag--grey",
  made_things_worse: "govuk-tag--red",
  could_not_contact: "govuk-tag--grey",
};

/** Where each role reads the whole case of a spend. */
function caseLink(role: Role, spendId: string): string {
  if (role === "supervisor") return `/review/${spendId}`;
  if (role === "auditor") return `/audit/spends/${spendId}`;
  return `/spends/${spendId}`;
}

/**
 * A client's page: every spend for them across workers, with the justifications and what the
 * client said, so that dependence on one worker, or unfairness between clients, can be seen.
 */
export function ClientPage() {
  const { clientId = "" } = useParams();
  const navigate = useNavigate();
  const flash = flashFrom(useLocation().state);
  const user = useCurrentUser();
  const { state, reload } = useClientHistory(clientId);
  const history = state.status === "loaded" ? state.data : null;
  usePageTitle(history ? `Client ${history.client.reference}` : "Client");

  return (
    <>
      <a
        href="/"
        className="govuk-back-link"
        onClick={(event) => {
          // Back to wherever they came from (a case, the queue); a page opened on its own goes home.
          if (window.history.length <= 1) return;
          event.preventDefault();
          navigate(-1);
        }}
      >
        Back
      </a>
      {flash ? <SuccessBanner heading={flash} /> : null}
      <span className="govuk-caption-l">Client</span>
      <h1 className="govuk-heading-l">
        {history ? history.client.reference : "Client"}
        {history?.client.displayName ? <span className="gt-client-name"> ({history.client.displayName})</span> : null}
      </h1>
      {user.role === "supervisor" || user.role === "admin" ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/clients/${encodeURIComponent(clientId)}/equality-monitoring`}>
            Equality monitoring (optional)
          </Link>
        </p>
      ) : null}
      {state.status === "loading" ? <Loading label="Loading the client's spends" /> : null}
      {state.status === "failed" ? <LoadFailed what="this client's spends" error={state.error} onRetry={reload} /> : null}
      {history ? <History history={history} /> : null}
    </>
  );
}

function History({ history }: { history: ClientHistory }) {
  const user = useCurrentUser();
  const { summary, spends } = history;
  const currency = spends[0]?.currency ?? "GBP";
  const followedUp = FOLLOW_UP_OUTCOMES.reduce((sum, o) => sum + (summary.outcomes[o] ?? 0), 0);

  return (
    <>
      <p className="govuk-body-l" data-testid="client-summary">
        {summary.count === 0
          ? "No spends for this client yet."
          : `${summary.count === 1 ? "1 spend" : `${summary.count} spends`}, ${formatMoney(summary.amount, currency)} in all, by ${
              summary.byWorker.length === 1 ? "1 worker" : `${summary.byWorker.length} workers`
            }.`}
      </p>

      {summary.byWorker.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">Who spent for them</h2>
          <table className="govuk-table govuk-table--small-text-until-tablet">
            <caption className="govuk-table__caption govuk-visually-hidden">Spending for this client by worker</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Worker
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Spends
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Amount
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Share
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {summary.byWorker.map((worker) => (
                <tr className="govuk-table__row" key={worker.workerId}>
                  <th scope="row" className="govuk-table__header">
                    {worker.name}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{worker.count}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{formatMoney(worker.amount, currency)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {summary.amount > 0 ? `${Math.round((worker.amount / summary.amount) * 100)}%` : "–"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      <h2 className="govuk-heading-m">What the client said</h2>
      {followedUp === 0 ? (
        <p className="govuk-body">Nobody has recorded a follow-up with this client yet.</p>
      ) : (
        <ul className="govuk-list" data-testid="client-outcomes">
          {FOLLOW_UP_OUTCOMES.filter((o) => (summary.outcomes[o] ?? 0) > 0).map((outcome) => (
            <li key={outcome}>
              <strong>{outcomeLabel(outcome)}</strong>: {summary.outcomes[outcome] === 1 ? "1 spend" : `${summary.outcomes[outcome]} spends`}
            </li>
          ))}
        </ul>
      )}

      {spends.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">Every spend, newest first</h2>
          <ol className="govuk-list gt-client-spends">
            {spends.map((spend) => (
              <ClientSpendItem key={spend.id} spend={spend} href={caseLink(user.role, spend.id)} />
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
}

function ClientSpendItem({ spend, href }: { spend: ClientSpend; href: string }) {
  return (
    <li className="gt-client-spend" data-testid="client-spend">
      <h3 className="govuk-heading-s gt-client-spend__title">
        <Link className="govuk-link" to={href}>
          {formatMoney(spend.amount, spend.currency)} on {spend.category}
        </Link>
      </h3>
      <p className="govuk-body-s gt-client-spend__meta">
        {formatDay(spend.spentOn)}, paid to {spend.payee}, by {spend.workerName}
        {spend.voided ? ". Voided" : ""}
      </p>
      <p className="gt-client-spend__tags">
        <Tag tag={justificationTag(spend)} />
        {spend.followUp ? <strong className={`govuk-tag ${OUTCOME_COLOURS[spend.followUp.outcome] ?? "govuk-tag--grey"}`}>{outcomeLabel(spend.followUp.outcome)}</strong> : null}
      </p>
      {spend.justification ? (
        <>
          <p className="govuk-body gt-prose">{spend.justification.narrative}</p>
          <p className="govuk-body">
            <strong>Intended outcome:</strong> <span className="gt-prose">{spend.justification.intendedOutcome}</span>
          </p>
        </>
      ) : null}
      {spend.followUp?.clientView ? (
        <blockquote className="govuk-inset-text gt-prose gt-client-spend__view">“{spend.followUp.clientView}”</blockquote>
      ) : null}
    </li>
  );
}
