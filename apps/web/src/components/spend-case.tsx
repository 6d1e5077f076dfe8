// The whole case of one spend, as anyone who may see it reads it: what was spent, for whom and
// under which scheme version; its flags with their reasons; where it is on each of its three
// tracks; receipts (or the declaration that one is lost); the justification with every revision
// and the reviews of each; the follow-up in the client's own words; comments; and the timeline
// from the event log.
//
// Reusable by every area: fetch `GET /api/spends/:id`, parse it with the contract's `spendDetailSchema`, and
// render <SpendCase spend={...} />. Put the page's own actions beside it.

import { useEffect, useState } from "react";
import type { ReactNode } from "react";
import type { SpendDetail, SpendView } from "@greentape/contract/spends";
import { findingResultLabel } from "@greentape/domain/audit-report";
import { EVENT_TYPE_LABELS, isEventType } from "@greentape/domain/event-types";
import { FLAG_DESCRIPTIONS } from "@greentape/domain/flags";
import type { Flag } from "@greentape/domain/flags";
import { formatMoney } from "@greentape/domain/money";
import { PAYMENT_METHOD_LABELS } from "@greentape/domain/spend-input";
import type { PAYEE_TYPES, PaymentMethod } from "@greentape/domain/spend-input";
import { FOLLOW_UP_OUTCOME_LABELS } from "@greentape/domain/workflow-input";
import type { FollowUpOutcome } from "@greentape/domain/workflow-input";
import { apiFetch } from "../lib/api-client.ts";
import { formatDay, formatShortDay, formatTimestamp } from "../lib/format.ts";
import { LogProof } from "./log-proof.tsx";
import { SummaryList } from "./summary-list.tsx";
import type { SummaryRow } from "./summary-list.tsx";
import { WarningText } from "./warning-text.tsx";
import "./spend-case.scss";

// ---- words ---------------------------------------------------------------------------------

export function paymentMethodLabel(method: string): string {
  return PAYMENT_METHOD_LABELS[method as PaymentMethod] ?? method;
}

export function outcomeLabel(outcome: string): string {
  return FOLLOW_UP_OUTCOME_LABELS[outcome as FollowUpOutcome] ?? outcome.replaceAll("_", " ");
}

export const FOLLOW_UP_METHOD_LABELS: Record<string, string> = {
  visit: "Visit",
  phone: "Phone call",
  video: "Video call",
  message: "Message",
  other: "Other",
};

export function flagDescription(flag: string): string {
  return FLAG_DESCRIPTIONS[flag as Flag] ?? flag.replaceAll("_", " ");
}

/** Says whether the name may be published: only a payee marked as an organisation is. */
const PAID_TO: Record<(typeof PAYEE_TYPES)[number] | "unsaid", (payee: string) => string> = {
  organisation: (payee) => payee,
  individual: (payee) => `${payee} (a private individual, not published)`,
  unsaid: (payee) => `${payee} (not said to be an organisation, so not published)`,
};

const FLAG_LABELS: Record<string, string> = {
  near_cap: "Near the cap",
  split_pattern: "Possible split",
  possible_duplicate: "Possible duplicate",
  late_logged: "Logged late",
  above_team_normal: "Above the team's normal",
  new_payee: "New payee",
};

export function flagLabel(flag: string): string {
  return FLAG_LABELS[flag] ?? flag.replaceAll("_", " ");
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

// ---- status tags ------------------------------------------------------------------------------

export interface TagInfo {
  text: string;
  /** GOV.UK tag colour modifier, e.g. "govuk-tag--red". */
  className: string;
}

type TrackFields = Pick<
  SpendView,
  "voided" | "justificationStatus" | "justificationDueOn" | "justificationOverdue" | "followUpStatus" | "followUpDueOn" | "followUpOverdue" | "auditStatus"
>;

export function justificationTag(spend: TrackFields): TagInfo {
  if (spend.voided) return { text: "Voided", className: "govuk-tag--grey" };
  switch (spend.justificationStatus) {
    case "due":
      return spend.justificationOverdue
        ? { text: `Justification overdue since ${formatShortDay(spend.justificationDueOn)}`, className: "govuk-tag--red" }
        : { text: `Justify by ${formatShortDay(spend.justificationDueOn)}`, className: "govuk-tag--blue" };
    case "queried":
      return spend.justificationOverdue
        ? { text: "Question to answer: overdue", className: "govuk-tag--red" }
        : { text: "Question to answer", className: "govuk-tag--orange" };
    case "submitted":
      return { text: "Justified: waiting for review", className: "govuk-tag--light-blue" };
    case "endorsed":
      return { text: "Justification endorsed", className: "govuk-tag--green" };
    case "concern":
      return { text: "Concern raised", className: "govuk-tag--red" };
    default:
      return { text: spend.justificationStatus, className: "govuk-tag--grey" };
  }
}

export function followUpTag(spend: TrackFields): TagInfo {
  if (spend.voided) return { text: "No follow-up (voided)", className: "govuk-tag--grey" };
  if (spend.followUpStatus === "done") return { text: "Followed up", className: "govuk-tag--green" };
  if (spend.followUpOverdue) return { text: `Follow-up overdue since ${formatShortDay(spend.followUpDueOn)}`, className: "govuk-tag--red" };
  return { text: `Follow up by ${formatShortDay(spend.followUpDueOn)}`, className: "govuk-tag--grey" };
}

export function auditTag(spend: TrackFields): TagInfo {
  switch (spend.auditStatus) {
    case "sampled":
      return { text: "In an audit sample", className: "govuk-tag--purple" };
    case "finding_recorded":
      return { text: "Audited", className: "govuk-tag--purple" };
    default:
      return { text: "Not sampled for audit", className: "govuk-tag--grey" };
  }
}

export function Tag({ tag }: { tag: TagInfo }) {
  return <strong className={`govuk-tag ${tag.className}`}>{tag.text}</strong>;
}

/** The three tracks of a spend as a summary list: justification, follow-up, audit. */
export function SpendTracks({ spend }: { spend: TrackFields }) {
  return (
    <SummaryList
      rows={[
        { key: "Justification", value: <Tag tag={justificationTag(spend)} /> },
        { key: "Follow-up", value: <Tag tag={followUpTag(spend)} /> },
        { key: "Audit", value: <Tag tag={auditTag(spend)} /> },
      ]}
    />
  );
}

// ---- receipts ---------------------------------------------------------------------------------

/** Fetches a receipt with the access token and hands back a blob URL (revoked when no longer shown). */
function useReceiptUrl(spendId: string, receiptId: string): { url: string | null; failed: boolean } {
  const [state, setState] = useState<{ key: string; url: string | null; failed: boolean }>({ key: "", url: null, failed: false });
  const key = `${spendId}/${receiptId}`;
  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    apiFetch(`/api/spends/${encodeURIComponent(spendId)}/receipts/${encodeURIComponent(receiptId)}`, { signal: controller.signal })
      .then((response) => response.blob())
      .then((blob) => {
        if (controller.signal.aborted) return;
        url = URL.createObjectURL(blob);
        setState({ key, url, failed: false });
      })
      .catch(() => {
        if (!controller.signal.aborted) setState({ key, url: null, failed: true });
      });
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [spendId, receiptId, key]);
  return state.key === key ? { url: state.url, failed: state.failed } : { url: null, failed: false };
}

function Receipt({ spendId, receipt, index }: { spendId: string; receipt: SpendDetail["receipts"][number]; index: number }) {
  const { url, failed } = useReceiptUrl(spendId, receipt.id);
  const isPdf = receipt.contentType === "application/pdf";
  const name = `Receipt ${index + 1}`;
  const details = `${isPdf ? "PDF" : "image"}, ${formatBytes(receipt.sizeBytes)}, added ${formatTimestamp(receipt.createdAt)}`;
  return (
    <li className="gt-receipt">
      {failed ? (
        <p className="govuk-body-s">
          {name} ({details}) could not be loaded. Check your connection and reload the page.
        </p>
      ) : url === null ? (
        <p className="govuk-body-s gt-receipt__loading">Loading {name.toLowerCase()}…</p>
      ) : isPdf ? (
        <a className="govuk-link" href={url} target="_blank" rel="noopener noreferrer">
          Open {name.toLowerCase()} (PDF, {formatBytes(receipt.sizeBytes)}, opens in a new tab)
        </a>
      ) : (
        <a className="gt-receipt__link" href={url} target="_blank" rel="noopener noreferrer">
          <img className="gt-receipt__image" src={url} alt={`${name}: photo of the receipt`} />
          <span className="govuk-link">Open {name.toLowerCase()} full size (opens in a new tab)</span>
        </a>
      )}
      <p className="govuk-body-s gt-receipt__meta">{details}</p>
    </li>
  );
}

// ---- the timeline ------------------------------------------------------------------------------

function describeEvent(event: SpendDetail["timeline"][number]): string {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  // A kind this version does not know yet (a newer server) still reads as words.
  const label = isEventType(event.type) ? EVENT_TYPE_LABELS[event.type] : event.type.replaceAll(/[._]/g, " ");
  switch (event.type) {
    case "spend.voided":
      return data.reason ? `${label}: ${text(data.reason)}` : label;
    case "justification.submitted":
      return typeof data.revision === "number" && data.revision > 1 ? `Justification revised (revision ${data.revision})` : label;
    case "justification.reviewed": {
      const decision = text(data.decision);
      const said = decision === "endorse" ? "Justification endorsed" : decision === "query" ? "Question asked" : decision === "concern" ? "Concern raised" : label;
      return typeof data.revision === "number" ? `${said} (revision ${data.revision})` : said;
    }
    case "follow_up.recorded":
      return data.outcome ? `${label}: ${outcomeLabel(text(data.outcome))}` : label;
    case "comment.added":
      return data.visibility === "reviewers" ? "Reviewer note added" : label;
    case "audit.finding_recorded":
      return data.result ? `${label}: ${findingResultLabel(text(data.result))}` : label;
    default:
      return label;
  }
}

// ---- the case ------------------------------------------------------------------------------------

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

const DECISION_TEXT: Record<string, { label: string; className: string }> = {
  endorse: { label: "Endorsed", className: "govuk-tag--green" },
  query: { label: "Question", className: "govuk-tag--orange" },
  concern: { label: "Concern", className: "govuk-tag--red" },
};

function Review({ review }: { review: SpendDetail["reviews"][number] }) {
  const decision = DECISION_TEXT[review.decision] ?? { label: review.decision, className: "govuk-tag--grey" };
  return (
    <div className="gt-review" data-testid="review">
      <p className="govuk-body-s gt-review__meta">
        <strong className={`govuk-tag ${decision.className}`}>{decision.label}</strong> from {review.reviewer.name},{" "}
        {formatTimestamp(review.createdAt)}
      </p>
      {review.comment ? <p className="govuk-body gt-prose">{review.comment}</p> : null}
    </div>
  );
}
