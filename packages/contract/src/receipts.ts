// Receipts: what an upload answers, how one is fetched, and a lost receipt declared in its place.
import { z } from "zod/mini";
import { prose } from "@greentape/domain/text";
import { spendParamsSchema } from "./params.ts";

/** POST /api/spends/:id/receipts */
export const receiptViewSchema = z.object({ id: z.string(), spendId: z.string(), contentType: z.string(), sizeBytes: z.int(), sha256: z.string(), createdAt: z.string() });

/** GET /api/spends/:id/receipts/:receiptId */
export const receiptParamsSchema = z.extend(spendParamsSchema, { receiptId: z.uuid() });

/** POST /api/spends/:id/receipt-lost */
export const receiptLostBodySchema = z.object({ description: prose(3, 1000, "What was bought"), reason: prose(3, 1000, "Reason") });
export const receiptLostViewSchema = z.object({ id: z.string(), spendId: z.string(), description: z.string(), reason: z.string(), declaredBy: z.string(), createdAt: z.string() });
