import { FLAG_DESCRIPTIONS } from "@greentape/domain/flags";
import type { Flag } from "@greentape/domain/flags";
import { PAYMENT_METHOD_LABELS } from "@greentape/domain/spend-input";
import type { PAYEE_TYPES, PaymentMethod } from "@greentape/domain/spend-input";
import { FOLLOW_UP_OUTCOME_LABELS } from "@greentape/domain/workflow-input";
import type { FollowUpOutcome } from "@greentape/domain/workflow-input";

// The words a spend's values are shown in. A value this version does not know yet (a newer
// server) still reads as words rather than as a code.

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
export const PAID_TO: Record<(typeof PAYEE_TYPES)[number] | "unsaid", (payee: string) => string> = {
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
