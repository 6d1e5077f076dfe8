// The spend as the API answers it and the web reads it: lists, POST /api/spends, and the whole case.
import { z } from "zod/mini";
import { EVENT_TYPES } from "@greentape/domain/event-types";
import { FLAGS } from "@greentape/domain/flags";
import { PAYEE_TYPES, PAYMENT_METHODS } from "@greentape/domain/spend-input";
import { AUDIT_STATES, FOLLOW_UP_STATES, JUSTIFICATION_STATES } from "@greentape/domain/tracks";
import { COMMENT_VISIBILITIES, FOLLOW_UP_METHODS, FOLLOW_UP_OUTCOMES, REVIEW_DECISIONS } from "@greentape/domain/workflow-input";

export const personSchema = z.object({ id: z.string(), name: z.string() });

export const reviewSchema = z.object({ id: z.string(), reviewer: personSchema, decision: z.enum(REVIEW_DECISIONS), comment: z.string(), revision: z.int(), createdAt: z.string() });

export const spendViewSchema = z.object({
  id: z.string(),
  workerId: z.string(),
  teamId: z.string(),
  clientId: z.string(),
  schemeId: z.string(),
  schemeVersion: z.int(),
  amount: z.int(),
  currency: z.string(),
  category: z.string(),
  payee: z.string(),
  payeeType: z.nullable(z.enum(PAYEE_TYPES)).check(z.describe("null when nobody said: the payee is then never published by name")),
  paymentMethod: z.enum(PAYMENT_METHODS),
  irrecoverableVat: z.nullable(z.int()).check(z.describe("VAT in the amount the council cannot reclaim, in minor units; null when none was recorded")),
  spentOn: z.string(),
  period: z.string(),
  bookedPeriod: z.string(),
  note: z.string(),
  createdAt: z.string(),
  voided: z.boolean(),
  voidedAt: z.nullable(z.string()),
  voidReason: z.nullable(z.string()),
  justificationStatus: z.enum(JUSTIFICATION_STATES),
  justificationDueOn: z.string(),
  justificationOverdue: z.boolean(),
  followUpStatus: z.enum(FOLLOW_UP_STATES),
  followUpDueOn: z.string(),
  followUpOverdue: z.boolean(),
  auditStatus: z.enum(AUDIT_STATES),
  flags: z.array(z.string()).check(z.describe(`Among ${FLAGS.join(", ")}; open, so a page of an older version reads a newer server's flag as words`)),
});
export type SpendView = z.infer<typeof spendViewSchema>;

/** A spend in GET /api/spends, with what its receipts stand at. */
export const listedSpendSchema = z.extend(spendViewSchema, {
  receiptCount: z.int(),
  receiptLost: z.boolean().check(z.describe("A lost receipt has been declared in its place")),
});
export type ListedSpend = z.infer<typeof listedSpendSchema>;

export const spendPageSchema = z.object({ items: z.array(listedSpendSchema), nextCursor: z.nullable(z.string()) });
export type SpendPage = z.infer<typeof spendPageSchema>;

/** GET /api/me/month-total */
export const monthTotalSchema = z.object({
  period: z.string(),
  count: z.int().check(z.describe("Live spends made in the month")),
  totals: z.array(z.object({ currency: z.string(), amount: z.int() })),
});
export type MonthTotal = z.infer<typeof monthTotalSchema>;

/** GET /api/spends/:id: the whole case of one spend. */
export const spendDetailSchema = z.extend(spendViewSchema, {
  schemeName: z.string().check(z.describe("The scheme's name in the version the spend was judged by (schemeVersion)")),
  client: z.object({ reference: z.string(), displayName: z.nullable(z.string()) }),
  worker: personSchema,
  receipts: z.array(z.object({ id: z.string(), contentType: z.string(), sizeBytes: z.number(), sha256: z.string(), createdAt: z.string() })),
  receiptLost: z.nullable(z.object({ description: z.string(), reason: z.string(), declaredBy: z.string(), createdAt: z.string() })),
  justification: z.nullable(z.object({
      narrative: z.string(),
      intendedOutcome: z.string(),
      revision: z.int(),
      revisions: z.array(z.object({ revision: z.int(), narrative: z.string(), intendedOutcome: z.string(), submittedBy: z.string(), createdAt: z.string() })),
    })),
  reviews: z.array(reviewSchema),
  followUp: z.nullable(z.object({
      contactedOn: z.string(),
      method: z.enum(FOLLOW_UP_METHODS),
      outcome: z.enum(FOLLOW_UP_OUTCOMES),
      clientView: z.nullable(z.string()),
      notes: z.nullable(z.string()),
      recordedBy: personSchema,
      createdAt: z.string(),
      updatedAt: z.string(),
    })),
  comments: z.array(z.object({ id: z.string(), author: personSchema, body: z.string(), visibility: z.enum(COMMENT_VISIBILITIES), createdAt: z.string() })),
  timeline: z.array(
    z.object({
      id: z.number(),
      type: z.string().check(z.describe(`Among ${EVENT_TYPES.join(", ")}; open, so a page of an older version reads a newer server's event as words`)),
      occurredAt: z.string(),
      actor: z.nullable(personSchema),
      data: z.unknown(),
      logIndex: z.nullable(z.int()).check(z.describe("The event's place in the verifiable log once sealed (within about two seconds); null until then")),
    }),
  ),
});
export type SpendDetail = z.infer<typeof spendDetailSchema>;
