import { useEffect, useState } from "react";
import { Link, useLocation, useNavigate } from "../../lib/router.tsx";
import { formatMoney } from "@greentape/domain/money";
import type { EarlierSpend, ReviewQueueItem } from "@greentape/contract/worklists";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { SuccessBanner } from "../../components/success-banner.tsx";
import { SummaryList } from "../../components/summary-list.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { useCurrentUser } from "../../lib/auth.tsx";
import { flagDescription, flagLabel } from "../../components/spend-case.tsx";
import { ago, daysSince } from "./format.ts";
import { waitingForReview } from "../../lib/format.ts";
import { justificationTag, outcomeTag } from "./labels.ts";
import { useReviewQueue } from "./review-queue-api.ts";
import { formatDay, formatTimestamp } from "../../lib/format.ts";
import "./review-queue.scss";

/** What the review screen hands back after a decision, shown as a success banner here. */
export interface ReviewQueueState {
  done?: { heading: string; body: string };
}

const EXCERPT_CHARS = 400;

/** The supervisor's queue: their team's justifications waiting for review, oldest first. */
export function ReviewQueuePage() {
  const user = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  // Shown once: kept here, then taken out of the history entry so a reload does not repeat it.
  const [done] = useState(() => (location.state as ReviewQueueState | null)?.done);
  useEffect(() => {
    if ((location.state as ReviewQueueState | null)?.done) navigate(".", { replace: true, state: null });
  }, [location.state, navigate]);
  const { state, reload } = useReviewQueue();
  usePageTitle("Review queue");

  return (
    <>
      {done ? <SuccessBanner heading={done.heading}>{done.body}</SuccessBanner> : null}
      <span className="govuk-caption-l">{user.teamName ?? "Your team"}</span>
      <h1 className="govuk-heading-l">Review queue</h1>
      <p className="govuk-body">
        Justifications from your team that are waiting for you, oldest first. Read each in the worker's own words, with
        what happened for the client before.
      </p>

      {state.status === "loading" ? <Loading label="Loading the review queue" /> : null}
      {state.status === "failed" ? <LoadFailed what="the review queue" error={state.error} onRetry={reload} /> : null}
      {state.status === "loaded" ? (
        <>
          <p className="govuk-body" role="status" data-testid="queue-count">
            {waitingForReview(state.data.waiting)}
          </p>
          {state.data.items.map((item) => (
            <QueueCase key={item.spend.id} item={item} />
          ))}
          {state.data.nextCursor ? (
            <p className="govuk-body">These are the oldest {state.data.items.length}. More will show once you have dealt with these.</p>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function QueueCase({ item }: { item: ReviewQueueItem }) {
  const { spend, justification } = item;
  const titleId = `case-${spend.id}`;
  const amount = formatMoney(spend.amount, spend.currency);
  const waiting = justification ? daysSince(justification.submittedAt) : null;
  const answered = item.reviews.some((r) => r.decision === "query");
  const narrative = justification?.narrative ?? "";
  const excerpt = narrative.length > EXCERPT_CHARS ? `${narrative.slice(0, EXCERPT_CHARS).trimEnd()}…` : narrative;

  return (
    <section className="govuk-summary-card gt-queue-case" aria-labelledby={titleId} data-testid="queue-case">
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title" id={titleId}>
          {item.client.reference}: {amount} on {spend.category}
        </h2>
      </div>
      <div className="govuk-summary-card__content">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <SummaryList
              rows={[
                {
                  key: "Worker",
                  value: (
                    <Link className="govuk-link" to={`/team/workers/${item.worker.id}`}>
                      {item.worker.name}
                    </Link>
                  ),
                },
                { key: "Paid to", value: spend.payee },
                { key: "Spent on", value: formatDay(spend.spentOn) },
                {
                  key: "Sent for review",
                  value: justification
                    ? `${formatTimestamp(justification.submittedAt)} (${ago(waiting ?? 0)})`
                    : "Not yet",
                },
              ]}
            />
            {answered && justification ? (
              <p className="govuk-body">
                <strong className="govuk-tag govuk-tag--yellow">Answer to a question</strong>{" "}
                Revision {justification.revision}, sent after a question from a reviewer.
              </p>
            ) : null}

            {spend.flags.length > 0 ? (
              <>
                <h3 className="govuk-heading-s">Flags</h3>
                <ul className="govuk-list gt-flag-list">
                  {spend.flags.map((flag) => (
                    <li key={flag}>
                      <strong className="govuk-tag govuk-tag--yellow">{flagLabel(flag)}</strong>{" "}
                      <span className="govuk-body-s">{flagDescription(flag)}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}

            {justification ? (
              <>
                <h3 className="govuk-heading-s">Why, in {item.worker.name}'s words</h3>
                <p className="govuk-body gt-prose">{excerpt}</p>
                <h3 className="govuk-heading-s">What it was meant to achieve</h3>
                <p className="govuk-body gt-prose">{justification.intendedOutcome}</p>
              </>
            ) : null}

            <Link to={`/review/${spend.id}`} className="govuk-button gt-queue-case__action">
              Review this justification
              <span className="govuk-visually-hidden">
                {" "}
                for {amount} on {spend.category} ({item.client.reference})
              </span>
            </Link>
          </div>
          <div className="govuk-grid-column-one-third">
            <ClientHistory reference={item.client.reference} spends={item.clientHistory} />
            <p className="govuk-body-s">
              <Link className="govuk-link" to={`/clients/${item.client.id}`}>
                Every spend for {item.client.reference}
                <span className="govuk-visually-hidden">, across workers</span>
              </Link>
            </p>
          </div>
        </div>
      </div>
    </section>
  );
}

function ClientHistory({ reference, spends }: { reference: string; spends: EarlierSpend[] }) {
  return (
    <aside className="gt-client-history" aria-label={`${reference}'s earlier spends`}>
      <h3 className="govuk-heading-s">{reference}'s earlier spends</h3>
      {spends.length === 0 ? (
        <p className="govuk-body-s">None: this is the first spend for {reference} in your team.</p>
      ) : (
        <ul className="govuk-list gt-client-history__list">
          {spends.map((earlier) => {
            const outcome = outcomeTag(earlier.outcome);
            const status = justificationTag(earlier.justificationStatus);
            return (
              <li key={earlier.spendId} className="gt-client-history__item">
                <span className="govuk-body-s gt-client-history__what">
                  <strong>{formatMoney(earlier.amount, earlier.currency)}</strong> on {earlier.category}, {formatDay(earlier.spentOn)}
                  {earlier.worker ? `, by ${earlier.worker.name}` : ""}
                </span>
                <span className="gt-client-history__tags">
                  <strong className={`govuk-tag ${outcome.colour}`}>{outcome.text}</strong>
                  <strong className={`govuk-tag ${status.colour}`}>{status.text}</strong>
                </span>
                {earlier.clientView ? <span className="govuk-body-s gt-client-history__view">“{earlier.clientView}”</span> : null}
              </li>
            );
          })}
        </ul>
      )}
    </aside>
  );
}
