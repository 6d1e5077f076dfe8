/**
 * What the worker and their supervisor send after the spend: the justification, a review, the
 * client follow-up and comments. Shared by the API (validation) and the web app (forms).
 */
import { z } from "zod/mini";
import { isValidIsoDate } from "./dates.ts";
import { prose } from "./text.ts";
import type { JustificationEvent } from "./tracks.ts";

export const NARRATIVE_MIN_CHARS = 40;
export const NARRATIVE_MAX_CHARS = 4000;

export const justificationInputSchema = z.object({
  narrative: prose(NARRATIVE_MIN_CHARS, NARRATIVE_MAX_CHARS, "Narrative"),
  intendedOutcome: prose(1, 1000, "Intended outcome"),
});
export type JustificationInput = z.infer<typeof justificationInputSchema>;

export const REVIEW_DECISIONS = ["endorse", "query", "concern"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** The justification track's event each decision fires. */
export const REVIEW_DECISION_EVENTS = {
  endorse: "endorse",
  query: "query",
  concern: "raise_concern",
} as const satisfies Record<ReviewDecision, JustificationEvent>;

/** A decision that sends the case back or escalates it must say why. */
export function reviewNeedsComment(decision: ReviewDecision): boolean {
  return decision !== "endorse";
}

export const reviewInputSchema = z.object({
    decision: z.enum(REVIEW_DECISIONS, { message: `Decision must be one of ${REVIEW_DECISIONS.join(", ")}` }),
    comment: z._default(z.optional(prose(0, 2000, "Comment")), ""),
  }).check(z.refine((r) => !reviewNeedsComment(r.decision) || r.comment.length > 0, {
    path: ["comment"],
    message: "A query or a concern needs a comment saying what you are asking or worried about",
  }));
export type ReviewInput = z.infer<typeof reviewInputSchema>;

export const FOLLOW_UP_METHODS = ["visit", "phone", "video", "message", "other"] as const;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];

export const FOLLOW_UP_OUTCOMES = ["helped_a_lot", "helped_a_little", "no_difference", "made_things_worse", "could_not_contact"] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];
export const FOLLOW_UP_OUTCOME_LABELS: Record<FollowUpOutcome, string> = {
  helped_a_lot: "Helped a lot",
  helped_a_little: "Helped a little",
  no_difference: "Made no difference",
  made_things_worse: "Made things worse",
  could_not_contact: "Could not contact the client",
};

export const followUpInputSchema = z.object({
  contactedOn: z.string().check(z.refine(isValidIsoDate, "Date of contact must be a real date like 2026-03-31")),
  method: z.enum(FOLLOW_UP_METHODS, { message: `Method must be one of ${FOLLOW_UP_METHODS.join(", ")}` }),
  outcome: z.enum(FOLLOW_UP_OUTCOMES, { message: `Outcome must be one of ${FOLLOW_UP_OUTCOMES.join(", ")}` }),
  clientView: z.optional(prose(0, 4000, "Client's view")),
  notes: z.optional(prose(0, 4000, "Notes")),
});
export type FollowUpInput = z.infer<typeof followUpInputSchema>;

/** Why a date of contact cannot be right, or null: not before the spend, not in the future. */
export function followUpDateProblem(contactedOn: string, spentOn: string, today: string): string | null {
  if (contactedOn < spentOn) return `Date of contact cannot be before the spend (${spentOn})`;
  if (contactedOn > today) return "Date of contact cannot be in the future";
  return null;
}

/** "worker": the whole thread; "reviewers": a note for supervisors, auditors and admins only. */
export const COMMENT_VISIBILITIES = ["worker", "reviewers"] as const;
export type CommentVisibility = (typeof COMMENT_VISIBILITIES)[number];

export const commentInputSchema = z.object({
  body: prose(1, 4000, "Comment"),
  visibility: z._default(z.enum(COMMENT_VISIBILITIES, { message: `Visibility must be one of ${COMMENT_VISIBILITIES.join(", ")}` }), "worker"),
});
export type CommentInput = z.infer<typeof commentInputSchema>;
