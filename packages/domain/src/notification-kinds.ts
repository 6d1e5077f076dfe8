import type { ReviewDecision } from "./workflow-input.ts";

/** What a change to a restriction tells the restricted person. */
export type RestrictionChange = "set" | "lifted";

/**
 * What an in-app notification is about. A review's decision and a restriction's change each have
 * their own kind, so the web can take the person to where the work is (answering a query).
 */
export const NOTIFICATION_KINDS = [
  "justification.submitted",
  "justification.due_soon",
  "justification.endorse",
  "justification.query",
  "justification.concern",
  "comment.added",
  "restriction.set",
  "restriction.lifted",
  "mfa.reset",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function reviewNotificationKind(decision: ReviewDecision): NotificationKind {
  return `justification.${decision}`;
}

export function restrictionNotificationKind(change: RestrictionChange): NotificationKind {
  return `restriction.${change}`;
}
