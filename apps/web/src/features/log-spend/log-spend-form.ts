// The log-a-spend form as a model: what has been typed, what is wrong with it and where sending
// it stands, changed only through the actions below. Pure (no React, no browser), so each rule is
// tested in microseconds; the page holds it in one useReducer.
import { parseMoney, toDecimalString } from "@greentape/domain/money";
import { spendInputSchema, type PayeeType } from "@greentape/domain/spend-input";
import type { SummaryError } from "../../components/error-summary.tsx";
import type { Client } from "../../lib/client-schema.ts";
import type { FieldErrors } from "../../lib/field-errors.ts";
import type { OutboxProblem, OutboxSpend } from "../../lib/outbox.ts";
import type { Scheme } from "../../lib/spend-reference-api.ts";

/** The fields in the order the page shows them, which is the order the error summary lists them. */
const FIELD_ORDER = ["schemeId", "amount", "clientId", "category", "payee", "payeeType", "paymentMethod", "irrecoverableVat", "spentOn", "note", "receipt"] as const;
export type Field = (typeof FIELD_ORDER)[number];

/** What is typed or chosen, as typed: money in pounds and pence until it is checked. */
export interface FormValues {
  schemeId: string;
  amount: string;
  clientId: string;
  category: string;
  payee: string;
  /** Unanswered until the person says: only a positive "organisation" lets the name be published. */
  payeeType: PayeeType | "";
  paymentMethod: string;
  /** Empty: none recorded. */
  irrecoverableVat: string;
  spentOn: string;
  note: string;
}

export interface ChosenReceipt {
  file: File;
  /** For a photo, an object URL the page shows it from (and lets go of). */
  previewUrl: string | null;
}

export interface LogSpendFormState {
  values: FormValues;
  /** The team's clients, with any added on this form first. */
  clients: Client[];
  receipt: ChosenReceipt | null;
  errors: FieldErrors<Field>;
  /** A problem with no field to put it against. */
  general: string | null;
  /** The server paused this worker's spending: a banner, since no field can put it right. */
  paused: OutboxProblem | null;
  sending: boolean;
  /** What the server said about the outbox record opened here to be corrected. */
  correctingProblem: OutboxProblem | null;
}

export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;
export const RECEIPT_TOO_BIG = "The receipt must be 10 MB or smaller";

const FRIENDLY: FieldErrors<Field> = {
  schemeId: "Choose a scheme",
  clientId: "Choose the client the money was spent for",
  category: "Choose a category",
  payee: "Enter who was paid, like the shop or bus company",
  paymentMethod: "Choose how it was paid",
};

export function initialForm(schemes: readonly Scheme[], clients: Client[], paymentMethod: string, today: string): LogSpendFormState {
  return {
    values: {
      // The only scheme is chosen for you; with several, nobody should log against one by accident.
      schemeId: schemes.length === 1 ? (schemes[0]?.id ?? "") : "",
      amount: "",
      clientId: "",
      category: "",
      payee: "",
      payeeType: "",
      paymentMethod,
      irrecoverableVat: "",
      spentOn: today,
      note: "",
    },
    clients,
    receipt: null,
    errors: {},
    general: null,
    paused: null,
    sending: false,
    correctingProblem: null,
  };
}

/** A spend the outbox kept, back as the form had it: its fields are the form's, money in pence again as typed. */
export function valuesFromSpend(spend: OutboxSpend): FormValues {
  return {
    ...spend,
    amount: toDecimalString(spend.amount),
    payeeType: spend.payeeType ?? "",
    irrecoverableVat: spend.irrecoverableVat === undefined ? "" : toDecimalString(spend.irrecoverableVat),
  };
}

/**
 * A change to the form. The actions below make them; each is a pure function of the state, so it is
 * tested on its own, and the page's one useReducer applies them. (Functions rather than tagged
 * objects: they minify to short names, and the page's first load must not grow.)
 */
export type LogSpendAction = (state: LogSpendFormState) => LogSpendFormState;

export function logSpendForm(state: LogSpendFormState, action: LogSpendAction): LogSpendFormState {
  return action(state);
}

function without(errors: FieldErrors<Field>, fields: readonly string[]): FieldErrors<Field> {
  return Object.fromEntries(Object.entries(errors).filter(([field]) => !fields.includes(field)));
}

/** Changing a field clears its error: the summary then lists only what still needs fixing. */
export const edited =
  (patch: Partial<FormValues>): LogSpendAction =>
  (state) => ({ ...state, values: { ...state.values, ...patch }, errors: without(state.errors, Object.keys(patch)) });

/** Categories belong to a scheme: one chosen under another would not be the new scheme's. */
export const schemeChosen = (schemeId: string): LogSpendAction => edited({ schemeId, category: "" });

/** An outbox record opened to be corrected: its spend, its receipt if it kept one, and why it was refused. */
export const restored =
  (values: FormValues, receipt: ChosenReceipt | null, problem: OutboxProblem | null): LogSpendAction =>
  (state) => ({ ...state, values, receipt: receipt ?? state.receipt, correctingProblem: problem });

/** A client added on the form comes first in the list, once. */
export const clientAdded =
  (client: Client): LogSpendAction =>
  (state) => ({ ...state, clients: [client, ...state.clients.filter((c) => c.id !== client.id)] });

export const receiptChosen =
  (receipt: ChosenReceipt | null): LogSpendAction =>
  (state) => ({ ...state, receipt, errors: without(state.errors, ["receipt"]) });

/** A file that cannot be the receipt: what was chosen before stays chosen. */
export const receiptRefused =
  (message: string): LogSpendAction =>
  (state) => ({ ...state, errors: { ...state.errors, receipt: message } });

/** The photo, smaller: nothing else changes. */
export const receiptShrunk =
  (receipt: ChosenReceipt): LogSpendAction =>
  (state) => ({ ...state, receipt });

export const receiptRemoved: LogSpendAction = (state) => ({ ...state, receipt: null });

/** Even shrunk, the photo is too big to send: it is taken off, and the form says why. */
export const receiptTooBig: LogSpendAction = (state) => receiptRefused(RECEIPT_TOO_BIG)(receiptRemoved(state));

/** The form was checked: sent only when nothing is wrong; what was said about the last try goes either way. */
export const checked =
  (errors: FieldErrors<Field>): LogSpendAction =>
  (state) => ({ ...state, errors, general: null, paused: null, sending: Object.keys(errors).length === 0 });

export const notSaved: LogSpendAction = (state) => ({
  ...state,
  general: "This phone could not save the spend. Check it has free storage space, then try again.",
  sending: false,
});

/** The server refused the spend: the form is its draft, so the answer goes where it can be put right. */
export const refused =
  (problem: OutboxProblem): LogSpendAction =>
  (state) => ({ ...refusal(state, problem), sending: false });

function refusal(state: LogSpendFormState, problem: OutboxProblem): LogSpendFormState {
  if (problem.type.endsWith("/allowance-paused")) return { ...state, paused: problem };
  if (problem.type.endsWith("/cap-exceeded")) return { ...state, errors: { amount: problem.detail ?? problem.title } };
  const found: FieldErrors<Field> = {};
  for (const e of problem.errors) keepFirst(found, e.path.replace(/^\/?(body\.)?/, "").split(/[./]/)[0] ?? "", e.message);
  return Object.keys(found).length > 0 ? { ...state, errors: found } : { ...state, general: problem.detail ?? problem.title };
}

/** A message for a field that has none yet; names that are no field of the form are left out. */
function keepFirst(found: FieldErrors<Field>, name: string, message: string): void {
  const field = name as Field;
  if (FIELD_ORDER.includes(field) && !found[field]) found[field] = message;
}

/** What is typed as an amount, in pence; null while it is not an amount. */
export function typedAmount(values: FormValues): number | null {
  return parseMoney(values.amount);
}

/** Why a chosen file cannot be the receipt, if it cannot. A photo's size is checked once it is shrunk. */
export function receiptProblem(file: File): string | null {
  if (file.type !== "application/pdf" && !file.type.startsWith("image/")) return "The receipt must be a photo (JPEG, PNG or WebP) or a PDF";
  if (file.type === "application/pdf" && file.size > MAX_RECEIPT_BYTES) return RECEIPT_TOO_BIG;
  return null;
}

/** Where the error summary sends focus for a field whose first control is not its own id. */
const FOCUS_TARGETS: Partial<Record<Field, string>> = { clientId: "client-search", category: "category-0", paymentMethod: "paymentMethod-0" };

function fieldTarget(field: Field, schemeCount: number): string {
  // With one scheme there is nothing to choose, so the first thing to put right is the amount.
  if (field === "schemeId") return schemeCount > 1 ? "schemeId-0" : "amount";
  return FOCUS_TARGETS[field] ?? field;
}

export function errorSummary(state: LogSpendFormState, schemeCount: number): SummaryError[] {
  return [
    ...(state.general ? [{ message: state.general }] : []),
    ...FIELD_ORDER.flatMap((field) => {
      const message = state.errors[field];
      return message ? [{ fieldId: fieldTarget(field, schemeCount), message }] : [];
    }),
  ];
}

/** The spend as POST /api/spends takes it (money in pence), or what is wrong with each field. */
export function checkSpend(state: LogSpendFormState, scheme: Scheme | null, today: string): { body: OutboxSpend } | { errors: FieldErrors<Field> } {
  const { values } = state;
  const { amount: amountText, irrecoverableVat: vatText, payeeType, ...typed } = values;
  const found: FieldErrors<Field> = {};
  const amount = parseMoney(amountText);
  if (amountText.trim() === "") found.amount = "Enter the amount, like 12.50";
  else if (amount === null) found.amount = "Enter the amount in pounds and pence, like 12.50";
  else if (amount === 0) found.amount = "The amount must be more than zero";
  const vat = vatText.trim() === "" ? undefined : parseMoney(vatText);
  if (vat === null) found.irrecoverableVat = "Enter the VAT in pounds and pence, like 2.08, or leave it empty";
  // Left out rather than empty: an unanswered payee type keeps the name private, and no VAT is not 0.
  const parsed = spendInputSchema.safeParse({
    ...typed,
    amount: amount ?? 0,
    ...(payeeType ? { payeeType } : {}),
    ...(vat === undefined || vat === null ? {} : { irrecoverableVat: vat }),
  });
  for (const issue of parsed.error?.issues ?? []) {
    const field = String(issue.path[0] ?? "");
    keepFirst(found, field, FRIENDLY[field as Field] ?? issue.message);
  }
  if (!found.spentOn) {
    if (values.spentOn === "") found.spentOn = "Enter the date the money was spent";
    else if (values.spentOn > today) found.spentOn = "The date spent cannot be in the future";
  }
  if (scheme && values.category && !scheme.categories.includes(values.category)) found.category = "Choose one of the scheme's categories";
  if (state.errors.receipt) found.receipt = state.errors.receipt;
  if (Object.keys(found).length > 0 || !parsed.success) return { errors: found };
  return { body: parsed.data };
}
