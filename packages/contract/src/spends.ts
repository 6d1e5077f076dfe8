// The spend as the API answers it and the web reads it: lists, POST /api/spends, and the whole case.
import { z } from "zod";
import { EVENT_TYPES } from "@greentape/domain/event-types";
import { FLAGS } from "@greentape/domain/flags";
import { PAYEE_TYPES, PAYMENT_METHODS } from "@greentape/domain/spend-input";
import { AUDIT_STATES, FOLLOW_UP_STATES, JUSTIFICATION_STATES } from "@greentape/domain/tracks";
import { COMMENT_VISIBILITIES, FOLLOW_UP_METHODS, FOLLOW_UP_OUTCOMES, REVIEW_DECISIONS } from "@greentape/domain/workflow-input";

export const personSchema = z.object({ id: z.string(), name: z.string() });

export const reviewSchema = z.object({ id: z.string(), reviewer: personSchema, decision: z.enum(REVIEW_DECISIONS), comment: z.string(), revision: z.number().int(), createdAt: z.string() });

export const spendViewSchema = z.object({
  id: z.string(),
  workerId: z.string(),
  teamId: z.string(),
  clientId: z.string(),
  schemeId: z.string(),
  schemeVersion: z.number().int(),
  amount: z.number().int(),
  currency: z.string(),
  category: z.string(),
  payee: z.string(),
  payeeType: z.enum(PAYEE_TYPES).nullable().describe("null when nobody said: the payee is then never published by name"),
  paymentMethod: z.enum(PAYMENT_METHODS),
  irrecoverableVat: z.number().int().nullable().describe("VAT in the amount the council cannot reclaim, in minor units; null when none was recorded"),
  spentOn: z.string(),
  period: z.string(),
  bookedPeriod: z.string(),
  note: z.string(),
  createdAt: z.string(),
  voided: z.boolean(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  justificationStatus: z.enum(JUSTIFICATION_STATES),
  justificationDueOn: z.string(),
  justificationOverdue: z.boolean(),
  followUpStatus: z.enum(FOLLOW_UP_STATES),
  followUpDueOn: z.string(),
  followUpOverdue: z.boolean(),
  auditStatus: z.enum(AUDIT_STATES),
  flags: z.array(z.string()).describe(`Among ${FLAGS.join(", ")}; open, so a page of an older version reads a newer server's flag as words`),
});
export type SpendView = z.infer<typeof spendViewSchema>;

/** A spend in GET /api/spends, with what its receipts stand at. */
export const listedSpendSchema = spendViewSchema.extend({
  receiptCount: z.number().int(),
  receiptLost: z.boolean().describe("A lost receipt has been declared in its place"),
});
export type ListedSpend = z.infer<typeof listedSpendSchema>;

export const spendPageSchema = z.object({ items: z.array(listedSpendSchema), nextCursor: z.string().nullable() });
export type SpendPage = z.infer<typeof spendPageSchema>;

/** GET /api/me/month-total */
export const monthTotalSchema = z.object({
  period: z.string(),
  count: z.number().int().describe("Live spends made in the month"),
  totals: z.array(z.object({ currency: z.string(), amount: z.number().int() })),
});
export type MonthTotal = z.infer<typeof monthTotalSchema>;

/** GET /api/spends/:id: the whole case of one spend. */
export const spendDetailSchema = spendViewSchema.extend({
  schemeName: z.string().describe("The scheme's name in the version the spend was judged by (schemeVersion)"),
  client: z.object({ reference: z.string(), displayName: z.string().nullable() }),
  worker: personSchema,
  receipts: z.array(z.object({ id: z.string(), contentType: z.string(), sizeBytes: z.number(), sha256: z.string(), createdAt: z.string() })),
  receiptLost: z.object({ description: z.string(), reason: z.string(), declaredBy: z.string(), createdAt: z.string() }).nullable(),
  justification: z
    .object({
      narrative: z.string(),
      intendedOutcome: z.string(),
      revision: z.number().int(),
      revisions: z.array(z.object({ revision: z.number().int(), narrative: z.string(), intendedOutcome: z.string(), submittedBy: z.string(), createdAt: z.string() })),
    })
    .nullable(),
  reviews: z.array(reviewSchema),
  followUp: z
    .object({
      contactedOn: z.string(),
      method: z.enum(FOLLOW_UP_METHODS),
      outcome: z.enum(FOLLOW_UP_OUTCOMES),
      clientView: z.string().nullable(),
      notes: z.string().nullable(),
      recordedBy: personSchema,
      createdAt: z.string(),
      updatedAt: z.string(),
    })
    .nullable(),
  comments: z.array(z.object({ id: z.string(), author: personSchema, body: z.string(), visibility: z.enum(COMMENT_VISIBILITIES), createdAt: z.string() })),
  timeline: z.array(
    z.object({
      id: z.number(),
      type: z.string().describe(`Among ${EVENT_TYPES.join(", ")}; open, so a page of an older version reads a newer server's event as words`),
      occurredAt: z.string(),
      actor: personSchema.nullable(),
      data: z.unknown(),
      logIndex: z.number().int().nullable().describe("The event's place in the verifiable log once sealed (within about two seconds); null until then"),
    }),
  ),
});
export type SpendDetail = z.infer<typeof spendDetailSchema>;
