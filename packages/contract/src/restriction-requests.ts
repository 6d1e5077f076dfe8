// Whose restrictions a request names. Apart from restrictions.ts, whose answers log-a-spend reads on
// a phone's first load (through the allowance).
import { z } from "zod/mini";
import { idParamsSchema } from "./params.ts";

/** GET and POST /api/users/:id/restrictions */
export const restrictedUserParamsSchema = idParamsSchema("User");

/** POST /api/users/:id/restrictions/:restrictionId/lift */
export const restrictionParamsSchema = z.extend(restrictedUserParamsSchema, { restrictionId: z.uuid({ message: "Restriction id must be a UUID" }) });
