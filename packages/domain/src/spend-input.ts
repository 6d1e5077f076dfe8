import { z } from "zod/mini";
import { isValidIsoDate } from "./dates.ts";
import { line, prose } from "./text.ts";

export const PAYMENT_METHODS = ["prepaid_card", "petty_cash", "voucher", "bank_transfer", "purchase_card", "other"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  prepaid_card: "Prepaid card",
  petty_cash: "Petty cash",
  voucher: "Voucher",
  bank_transfer: "Bank transfer",
  purchase_card: "Council purchase card",
  other: "Other",
};

/** Paid by a card, whose statement gives a merchant category: the Transparency Code publishes it for these. */
export const CARD_PAYMENT_METHODS: readonly PaymentMethod[] = ["prepaid_card", "purchase_card"];

export function isCardPayment(method: string): boolean {
  return (CARD_PAYMENT_METHODS as readonly string[]).includes(method);
}

export const PAYEE_TYPES = ["organisation", "individual"] as const;
export type PayeeType = (typeof PAYEE_TYPES)[number];

/** A spend is small by design; this bound only keeps absurd numbers out (£10 million). */
export const MAX_SPEND_AMOUNT = 1_000_000_000;

export const spendInputSchema = z.object({
  schemeId: z.uuid({ message: "Choose a scheme" }),
  clientId: z.uuid({ message: "Choose a client" }),
  amount: z.number({ message: "Amount must be a whole number of pence" }).check(z.int("Amount must be a whole number of pence"), z.positive("Amount must be more than zero"), z.lte(MAX_SPEND_AMOUNT, "Amount is far too large for a green-tape spend")),
  category: line(80, "Category"),
  payee: line(200, "Payee"),
  /** Left out, the payee is kept private: only a positive "organisation" is published by name. */
  payeeType: z.optional(z.enum(PAYEE_TYPES, { message: `Payee type must be one of ${PAYEE_TYPES.join(", ")}` })),
  paymentMethod: z.enum(PAYMENT_METHODS, { message: `Payment method must be one of ${PAYMENT_METHODS.join(", ")}` }),
  spentOn: z.string().check(z.refine(isValidIsoDate, "Date spent must be a real date like 2026-03-31")),
  note: z._default(z.optional(prose(0, 2000, "Note")), ""),
  /**
   * VAT included in the amount that the council cannot reclaim, from the receipt, in minor units.
   * Left out, none is recorded, and the transparency file leaves the cell empty rather than say 0.
   */
  irrecoverableVat: z.optional(z.number({ message: "Irrecoverable VAT must be a whole number of pence" }).check(z.int("Irrecoverable VAT must be a whole number of pence"), z.gte(0, "Irrecoverable VAT cannot be negative"))),
}).check(z.refine((input) => input.irrecoverableVat === undefined || input.irrecoverableVat <= input.amount, {
  message: "Irrecoverable VAT cannot be more than the amount",
  path: ["irrecoverableVat"],
}));
export type SpendInput = z.infer<typeof spendInputSchema>;

export const idempotencyKeySchema = z.string({ message: "Idempotency-Key header is required" }).check(z.minLength(1, "Idempotency-Key header is required"), z.maxLength(255, "Idempotency-Key must be 255 characters or fewer"));
