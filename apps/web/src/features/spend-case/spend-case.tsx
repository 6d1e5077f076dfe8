// The whole case of one spend, as anyone who may see it reads it: what was spent, for whom and
// under which scheme version; its flags with their reasons; where it is on each of its three
// tracks; receipts (or the declaration that one is lost); the justification with every revision
// and the reviews of each; the follow-up in the client's own words; comments; and the timeline
// from the event log.
//
// Reusable by every area: fetch the spend with `fetchSpend` or `useSpend` (spend-api.ts) and render
// <SpendCase spend={...} />. Put the page's own actions beside it.

import type { ReactNode } from "react";
import type { SpendDetail } from "@greentape/contract/spends";
import { formatMoney } from "@greentape/domain/money";
import { SummaryList } from "../../components/summary-list.tsx";
import type { SummaryRow } from "../../components/summary-list.tsx";
import { WarningText } from "../../components/warning-text.tsx";
import { formatDay, formatTimestamp } from "../../lib/format.ts";
import { describeEvent } from "./event-text.ts";
import { FOLLOW_UP_METHOD_LABELS, PAID_TO, flagDescription, flagLabel, outcomeLabel, paymentMethodLabel } from "./labels.ts";
import { LogProof } from "./log-proof.tsx";
import { Receipt } from "./receipt.tsx";
import { Review } from "./review.tsx";
import { SpendTracks } from "./tracks.tsx";
import "./spend-case.scss";

export interface SpendCaseProps {
  spend: SpendDetail;
  /** Heading level of the case's sections; the page's h1 sits above them. */
  headingLevel?: 2 | 3;
  /** Rendered after the follow-up: a page's own actions or forms for this case. */
  children?: ReactNode;
  /** Rendered after the comments, e.g. a form to add one. */
  commentForm?: ReactNode;
}

export function SpendCase({ spend, headingLevel = 2, children, commentForm }: SpendCaseProps) {
  const H = `h${headingLevel}` as "h2" | "h3";
  const headingClass = headingLevel === 2 ? "govuk-heading-m" : "govuk-heading-s";
  const names = new Map<string, string>([[spend.worker.id, spend.worker.name]]);
  for (const event of spend.timeline) if (event.actor) names.set(event.actor.id, event.actor.name);
  const nameOf = (id: string) => names.get(id) ?? "Someone";

  const details: SummaryRow[] = [
    { key: "Amount", value: <span data-testid="spend-amount">{formatMoney(spend.amount, spend.currency)}</span> },
    {
      key: "Client",
      value: (
        <>
          <span data-testid="spend-client">{spend.client.reference}</span>
          {spend.client.displayName ? <span className="gt-secondary"> ({spend.client.displayName})</span> : null}
        </>
      ),
    },
    { key: "Category", value: spend.category },
    { key: "Paid to", value: PAID_TO[spend.payeeType ?? "unsaid"](spend.payee) },
    { key: "Paid by", value: paymentMethodLabel(spend.paymentMethod) },
    { key: "Date spent", value: formatDay(spend.spentOn) },
    { key: "Logged", value: `${formatTimestamp(spend.createdAt)} by ${spend.worker.name}` },
    { key: "Scheme", value: <span data-testid="spend-scheme">{spend.schemeName ? `${spend.schemeName}, version ${spend.schemeVersion}` : `Version ${spend.schemeVersion}`}</span> },
  ];
  if (spend.bookedPeriod && spend.bookedPeriod !== spend.period) {
    details.push({ key: "Booked in", value: `${spend.bookedPeriod} (spent in ${spend.period}, which was closed)` });
  }
  if (spend.note) details.push({ key: "Note", value: <span className="gt-prose">{spend.note}</span> });

  const revisions = [...(spend.justification?.revisions ?? [])].sort((a, b) => a.revision - b.revision);
  const reviewsOf = (revision: number) => spend.reviews.filter((r) => r.revision === revision);
  const orphanReviews = spend.reviews.filter((r) => !revisions.some((rev) => rev.revision === r.revision));
  const latestRevision = revisions.at(-1)?.revision ?? null;

  return (
    <div className="gt-spend-case">
      {spend.voided ? (
        <WarningText>
          This spend was voided{spend.voidedAt ? ` on ${formatTimestamp(spend.voidedAt)}` : ""}
          {spend.voidReason ? `: ${spend.voidReason}` : ""}. It no longer counts against any cap.
        </WarningText>
      ) : null}

      <SummaryList rows={details} />

      <H className={headingClass}>Where it stands</H>
      <SpendTracks spend={spend} />

      <H className={headingClass}>Flags</H>
      {spend.flags.length === 0 ? (
        <p className="govuk-body">No flags. Flags point a reviewer's attention; they never block a spend.</p>
      ) : (
        <>
          <p className="govuk-body">Flags point a reviewer's attention. They are questions, not accusations.</p>
          <ul className="govuk-list gt-flags" data-testid="spend-flags">
            {spend.flags.map((flag) => (
              <li key={flag} className="gt-flags__item">
                <strong className="govuk-tag govuk-tag--yellow">{flagLabel(flag)}</strong> {flagDescription(flag)}
              </li>
            ))}
          </ul>
        </>
      )}

      <H className={headingClass}>Receipts</H>
      {spend.receiptLost ? (
        <div className="govuk-inset-text gt-receipt-lost" data-testid="receipt-lost">
          <p className="govuk-body">
            <strong>The receipt is lost.</strong> {nameOf(spend.receiptLost.declaredBy)} declared this on {formatTimestamp(spend.receiptLost.createdAt)}.
          </p>
          <SummaryList
            noBorder
            rows={[
              { key: "What was bought", value: <span className="gt-prose">{spend.receiptLost.description}</span> },
              { key: "Why there is no receipt", value: <span className="gt-prose">{spend.receiptLost.reason}</span> },
            ]}
          />
        </div>
      ) : null}
      {spend.receipts.length > 0 ? (
        <ul className="govuk-list gt-receipts" data-testid="receipts">
          {spend.receipts.map((receipt, index) => (
            <Receipt key={receipt.id} spendId={spend.id} receipt={receipt} index={index} />
          ))}
        </ul>
      ) : spend.receiptLost ? null : (
        <p className="govuk-body">No receipt yet.</p>
      )}

      <H className={headingClass}>Justification</H>
      {revisions.length === 0 ? (
        <p className="govuk-body">
          {spend.voided ? "None: the spend was voided." : `Not written yet. It is due by ${formatDay(spend.justificationDueOn)}.`}
        </p>
      ) : (
        <ol className="gt-revisions" data-testid="justification">
          {revisions.map((revision) => (
            <li key={revision.revision} className="gt-revision">
              <p className="govuk-body-s gt-revision__meta">
                <strong>
                  {revisions.length > 1 ? `Revision ${revision.revision}` : "Written"}
                  {revision.revision === latestRevision && revisions.length > 1 ? " (latest)" : ""}
                </strong>{" "}
                by {nameOf(revision.submittedBy)}, {formatTimestamp(revision.createdAt)}
              </p>
              <p className="govuk-body gt-prose" data-testid={`narrative-${revision.revision}`}>
                {revision.narrative}
              </p>
              <p className="govuk-body">
                <strong>Intended outcome:</strong> <span className="gt-prose">{revision.intendedOutcome}</span>
              </p>
              {reviewsOf(revision.revision).map((review, i) => (
                <Review key={review.id ?? `${revision.revision}-${i}`} review={review} />
              ))}
            </li>
          ))}
        </ol>
      )}
      {orphanReviews.length > 0 ? (
        <div className="gt-revisions">
          {orphanReviews.map((review, i) => (
            <Review key={review.id ?? `orphan-${i}`} review={review} />
          ))}
        </div>
      ) : null}

      <H className={headingClass}>Follow-up with the client</H>
      {spend.followUp ? (
        <div data-testid="follow-up">
          <SummaryList
            rows={[
              { key: "Outcome", value: <strong>{outcomeLabel(spend.followUp.outcome)}</strong> },
              { key: "Contacted on", value: formatDay(spend.followUp.contactedOn) },
              { key: "How", value: FOLLOW_UP_METHOD_LABELS[spend.followUp.method] ?? spend.followUp.method },
              { key: "Recorded by", value: spend.followUp.recordedBy.name },
            ]}
          />
          {spend.followUp.clientView ? (
            <figure className="gt-client-view">
              <figcaption className="govuk-body-s gt-secondary">In the client's own words</figcaption>
              <blockquote className="govuk-inset-text gt-prose" data-testid="client-view">
                {spend.followUp.clientView}
              </blockquote>
            </figure>
          ) : (
            <p className="govuk-body">The client's view was not recorded.</p>
          )}
          {spend.followUp.notes ? (
            <p className="govuk-body">
              <strong>Notes:</strong> <span className="gt-prose">{spend.followUp.notes}</span>
            </p>
          ) : null}
        </div>
      ) : (
        <p className="govuk-body">{spend.voided ? "None: the spend was voided." : `Not recorded yet. It is due by ${formatDay(spend.followUpDueOn)}.`}</p>
      )}

      {children}

      <H className={headingClass}>Comments</H>
      {spend.comments.length === 0 ? (
        <p className="govuk-body">No comments.</p>
      ) : (
        <ul className="govuk-list gt-comments" data-testid="comments">
          {spend.comments.map((comment, i) => (
            <li key={comment.id ?? i} className="gt-comment">
              <p className="govuk-body-s gt-comment__meta">
                <strong>{comment.author.name}</strong>, {formatTimestamp(comment.createdAt)}
                {comment.visibility === "reviewers" ? (
                  <>
                    {" "}
                    <strong className="govuk-tag govuk-tag--grey">Reviewers only</strong>
                  </>
                ) : null}
              </p>
              <p className="govuk-body gt-prose">{comment.body}</p>
            </li>
          ))}
        </ul>
      )}
      {commentForm}

      <H className={headingClass}>Timeline</H>
      <ol className="gt-timeline" data-testid="timeline">
        {spend.timeline.map((event) => (
          <li key={event.id} className="gt-timeline__item">
            <p className="govuk-body gt-timeline__what">{describeEvent(event)}</p>
            <p className="govuk-body-s gt-timeline__when">
              {formatTimestamp(event.occurredAt)}
              {event.actor ? ` by ${event.actor.name}` : ""}
            </p>
            <p className="govuk-body-s gt-timeline__log" data-testid="log-index">
              {event.logIndex === null ? "Not sealed in the log yet (within a few seconds)" : `Log entry ${event.logIndex.toLocaleString("en-GB")}`}
            </p>
            {event.logIndex === null ? null : <LogProof spendId={spend.id} logIndex={event.logIndex} />}
          </li>
        ))}
      </ol>
    </div>
  );
}
