// Pieces of requests many routes share: a thing's id in the path, a month, a whole number in a query.
import { z } from "zod/mini";
import { isValidPeriod } from "@greentape/domain/dates";

/** `:id` in a path, refused in words that name the thing: "Spend id must be a UUID". */
export const idParamsSchema = (thing: string) => z.object({ id: z.uuid({ message: `${thing} id must be a UUID` }) });

export const spendParamsSchema = idParamsSchema("Spend");

/** A council month, as a path segment or a filter. */
export const periodSchema = z.string().check(z.refine(isValidPeriod, "Period must be a month like 2026-03"));

export const periodParamsSchema = z.object({ period: periodSchema });

/** A count or a position given in a query string, so it arrives as text. */
export const wholeNumberQuery = z.coerce.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER));

/** A page of a list: the cursor the previous page ended with, and how many to send. */
export const pageQuery = (defaultLimit: number, maxLimit: number) => ({
  cursor: z.optional(z.string().check(z.maxLength(500))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(maxLimit)), defaultLimit),
});
