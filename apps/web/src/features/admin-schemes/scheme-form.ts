// The scheme editor's form, as typed (pounds and pence, one category per line), and the API's
// payload (caps in minor units, null for "no cap"). Pure, so it is tested without a browser.
import { parseMoney, toDecimalString } from "@greentape/domain/money";
import { schemeInputSchema } from "@greentape/domain/scheme-input";
import type { FieldErrors } from "../../lib/field-errors.ts";

export const CAP_FIELDS = ["perSpendCap", "perClientCap", "perWorkerMonthlyCap", "teamMonthlyBudget"] as const;
export type CapField = (typeof CAP_FIELDS)[number];

export const DAY_FIELDS = ["perClientWindowDays", "justificationDueDays", "followUpDueDays", "graceDays"] as const;
export type DayField = (typeof DAY_FIELDS)[number];

export type SchemeField = "name" | "categories" | CapField | DayField | "teamIds";

export interface CapValue {
  /** What was typed, in pounds and pence ("75", "75.00", "1,500"). */
  amount: string;
  /** "No cap" ticked: the API gets null. */
  none: boolean;
}

export interface SchemeFormValues {
  name: string;
  /** One category per line. */
  categories: string;
  caps: Record<CapField, CapValue>;
  days: Record<DayField, string>;
  appliesTo: "all" | "some";
  teamIds: string[];
}

/** What the API takes and answers (caps in minor units). */
export interface SchemePayload {
  name: string;
  categories: string[];
  perSpendCap: number | null;
  perClientCap: number | null;
  perClientWindowDays: number;
  perWorkerMonthlyCap: number | null;
  teamMonthlyBudget: number | null;
  justificationDueDays: number;
  followUpDueDays: number;
  graceDays: number;
  teamIds: string[] | null;
}

export const CAP_LABELS: Record<CapField, string> = {
  perSpendCap: "Most for one spend",
  perClientCap: "Most for one client",
  perWorkerMonthlyCap: "Most for each worker in a month",
  teamMonthlyBudget: "Each team's budget for a month",
};

/** How a cap reads inside a sentence. */
const CAP_NOUNS: Record<CapField, string> = {
  perSpendCap: "the most for one spend",
  perClientCap: "the most for one client",
  perWorkerMonthlyCap: "the most for each worker in a month",
  teamMonthlyBudget: "each team's budget for a month",
};

export const DAY_LABELS: Record<DayField, string> = {
  perClientWindowDays: "Over how many days",
  justificationDueDays: "Days to write the justification",
  followUpDueDays: "Days until the client follow-up is due",
  graceDays: "Days of grace",
};

export const EMPTY_SCHEME: SchemeFormValues = {
  name: "",
  categories: "",
  caps: {
    perSpendCap: { amount: "", none: false },
    perClientCap: { amount: "", none: false },
    perWorkerMonthlyCap: { amount: "", none: false },
    teamMonthlyBudget: { amount: "", none: false },
  },
  days: { perClientWindowDays: "30", justificationDueDays: "7", followUpDueDays: "28", graceDays: "7" },
  appliesTo: "all",
  teamIds: [],
};

/** The form, filled in from a scheme the API answered. */
export function formFromScheme(scheme: SchemePayload): SchemeFormValues {
  const cap = (minor: number | null): CapValue => (minor === null ? { amount: "", none: true } : { amount: toDecimalString(minor), none: false });
  return {
    name: scheme.name,
    categories: scheme.categories.join("\n"),
    caps: {
      perSpendCap: cap(scheme.perSpendCap),
      perClientCap: cap(scheme.perClientCap),
      perWorkerMonthlyCap: cap(scheme.perWorkerMonthlyCap),
      teamMonthlyBudget: cap(scheme.teamMonthlyBudget),
    },
    days: {
      perClientWindowDays: String(scheme.perClientWindowDays),
      justificationDueDays: String(scheme.justificationDueDays),
      followUpDueDays: String(scheme.followUpDueDays),
      graceDays: String(scheme.graceDays),
    },
    appliesTo: scheme.teamIds === null ? "all" : "some",
    teamIds: scheme.teamIds ?? [],
  };
}

export function categoriesFrom(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

export type SchemeFormResult =
  | { ok: true; payload: SchemePayload }
  | { ok: false; errors: FieldErrors<SchemeField> };

/** Reads the form into the API's payload, or says what is wrong with each field. */
export function payloadFromForm(values: SchemeFormValues): SchemeFormResult {
  const errors: FieldErrors<SchemeField> = {};

  const caps = {} as Record<CapField, number | null>;
  for (const field of CAP_FIELDS) {
    const { amount, none } = values.caps[field];
    if (none) {
      caps[field] = null;
      continue;
    }
    const noun = CAP_NOUNS[field];
    const minor = parseMoney(amount);
    if (amount.trim() === "") errors[field] = `Enter ${noun}, or tick “No cap”`;
    else if (minor === null) errors[field] = `Enter ${noun} in pounds and pence, like 75.00`;
    else if (minor === 0) errors[field] = `${noun[0]!.toUpperCase()}${noun.slice(1)} must be more than £0, or tick “No cap”`;
    caps[field] = minor;
  }

  const days = {} as Record<DayField, number>;
  for (const field of DAY_FIELDS) {
    const text = values.days[field].trim();
    if (!/^\d{1,4}$/.test(text)) errors[field] = `${DAY_LABELS[field]} must be a whole number of days, like 7`;
    days[field] = Number(text);
  }

  const categories = categoriesFrom(values.categories);
  const teamIds = values.appliesTo === "all" ? null : values.teamIds;
  if (values.appliesTo === "some" && values.teamIds.length === 0) errors.teamIds = "Choose at least one team, or choose “All teams”";

  const payload: SchemePayload = {
    name: values.name.trim(),
    categories,
    perSpendCap: caps.perSpendCap,
    perClientCap: caps.perClientCap,
    perClientWindowDays: days.perClientWindowDays,
    perWorkerMonthlyCap: caps.perWorkerMonthlyCap,
    teamMonthlyBudget: caps.teamMonthlyBudget,
    justificationDueDays: days.justificationDueDays,
    followUpDueDays: days.followUpDueDays,
    graceDays: days.graceDays,
    teamIds,
  };

  // The API's own rules (lengths, ranges, repeated categories): the same zod schema it uses.
  const checked = schemeInputSchema.safeParse(payload);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = issue.path[0];
      if (typeof field !== "string" || !isSchemeField(field) || errors[field]) continue;
      errors[field] = friendly(field, issue.message);
    }
  }
  if (payload.name === "") errors.name = "Enter the scheme's name";
  if (categories.length === 0) errors.categories = "Enter at least one category, one on each line";

  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, payload };
}

function isSchemeField(field: string): field is SchemeField {
  return field === "name" || field === "categories" || field === "teamIds" || (CAP_FIELDS as readonly string[]).includes(field) || (DAY_FIELDS as readonly string[]).includes(field);
}

/** The shared schema speaks in pence; the editor speaks in pounds. */
function friendly(field: SchemeField, message: string): string {
  if ((CAP_FIELDS as readonly string[]).includes(field) && /too large/.test(message)) {
    return `${CAP_LABELS[field as CapField]} is too large`;
  }
  return message;
}
