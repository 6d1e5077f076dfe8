// What asking for the allowance names. Apart from allowance.ts, which log-a-spend reads on a phone's
// first load.
import { z } from "zod/mini";

/** GET /api/allowance: the council's scheme unless one is named; with a client, their cap too. */
export const allowanceQuerySchema = z.object({ schemeId: z.optional(z.uuid({ message: "Scheme id must be a UUID" })), clientId: z.optional(z.uuid({ message: "Client id must be a UUID" })) });
