import { FINDING_RESULT_LABELS } from "@greentape/domain/audit-report";
import type { FindingResult } from "@greentape/domain/audit-report";
import { SAMPLE_REASON_DESCRIPTIONS, SAMPLE_REASON_NAMES } from "@greentape/domain/risk-strata";
import type { SampleReason } from "@greentape/domain/risk-strata";
import { SAMPLER_NAMES } from "@greentape/domain/sample-plan";
import type { SampleMethod } from "@greentape/domain/sample-plan";
import { formatPercent } from "@greentape/domain/statistics";

export { formatPercent };

export function reasonName(reason: string): string {
  return Object.hasOwn(SAMPLE_REASON_NAMES, reason) ? SAMPLE_REASON_NAMES[reason as SampleReason] : reason.replaceAll("_", " ");
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

const FINDING_COLOURS: Record<FindingResult, string> = {
  no_issue: "govuk-tag--green",
  minor: "govuk-tag--yellow",
  major: "govuk-tag--orange",
  misuse_suspected: "govuk-tag--red",
};

export function findingLabel(result: string): FindingLabel {
  return Object.hasOwn(FINDING_RESULT_LABELS, result)
    ? { ...FINDING_RESULT_LABELS[result as FindingResult], colour: FINDING_COLOURS[result as FindingResult] }
    : { label: result, hint: "", colour: "govuk-tag--grey" };
}
