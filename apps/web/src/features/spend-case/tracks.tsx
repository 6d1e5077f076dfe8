import type { SpendView } from "@greentape/contract/spends";
import { SummaryList } from "../../components/summary-list.tsx";
import { formatShortDay } from "../../lib/format.ts";

// Where a spend stands on each of its three tracks (justification, follow-up, audit), as GOV.UK tags.

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
