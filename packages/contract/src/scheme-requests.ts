// Which scheme, and which version of it, a request names. Apart from schemes.ts, which log-a-spend
// reads on a phone's first load and which so carries answers only.
import { z } from "zod/mini";
import { idParamsSchema } from "./params.ts";

export const schemeParamsSchema = idParamsSchema("Scheme");

/** GET /api/schemes/:id: the current version unless one is named. */
export const schemeQuerySchema = z.object({
  version: z.optional(z.coerce.number().check(z.int(), z.positive(), z.lte(2_147_483_647, "Version must be a scheme version number, such as 1"))),
});
