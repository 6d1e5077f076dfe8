import type { FindingResult } from "@greentape/domain/audit-report";
import { SAMPLE_REASON_DESCRIPTIONS } from "@greentape/domain/risk-strata";
import type { SampleReason } from "@greentape/domain/risk-strata";
import { SAMPLER_NAMES } from "@greentape/domain/sample-plan";
import type { SampleMethod } from "@greentape/domain/sample-plan";
import { formatPercent } from "@greentape/domain/statistics";

export { formatPercent };

const REASON_NAMES: Record<SampleReason, string> = {
  random: "Drawn at random",
  concern: "Concern raised",
  split_pattern: "Possible split",
  possible_duplicate: "Possible duplicate",
  above_team_normal: "Above the team's normal",
  new_payee: "New payee",
  top_stratum: "Large amount",
  justification_overdue: "Justification overdue",
  receipt_lost: "Receipt lost",
  recent_finding: "Worker's recent finding",
};

export function reasonName(reason: string): string {
  return Object.hasOwn(REASON_NAMES, reason) ? REASON_NAMES[reason as SampleReason] : reason.replaceAll("_", " ");
}

export function reasonDescription(reason: string): string {
  return Object.hasOwn(SAMPLE_REASON_DESCRIPTIONS, reason) ? SAMPLE_REASON_DESCRIPTIONS[reason as SampleReason] : "";
}

export function methodName(method: string): string {
  return Object.hasOwn(SAMPLER_NAMES, method) ? SAMPLER_NAMES[method as SampleMethod] : method;
}

export const METHOD_CHOICES: readonly { value: SampleMethod; label: string; hint: string }[] = [
  { value: "random", label: "Random", hint: "Every spend has the same chance of being drawn." },
  { value: "monetary_unit", label: "Monetary unit", hint: "Larger spends are more likely to be drawn: each penny has the same chance." },
];

export interface FindingLabel {
  label: string;
  hint: string;
  colour: string;
}

export const FINDING_LABELS: Record<FindingResult, FindingLabel> = {
  no_issue: { label: "No issue", hint: "The spend kept to the scheme and its justification holds up.", colour: "govuk-tag--green" },
  minor: { label: "Minor", hint: "A small lapse, such as a late justification or a missing detail, with no loss.", colour: "govuk-tag--yellow" },
  major: { label: "Major", hint: "A serious breach of the scheme, such as a spend outside its rules or no evidence of what was bought.", colour: "govuk-tag--orange" },
  misuse_suspected: { label: "Misuse suspected", hint: "The money may not have been spent for the client. This needs investigating.", colour: "govuk-tag--red" },
};

export function findingLabel(result: string): FindingLabel {
  return Object.hasOwn(FINDING_LABELS, result) ? FINDING_LABELS[result as FindingResult] : { label: result, hint: "", colour: "govuk-tag--grey" };
}
