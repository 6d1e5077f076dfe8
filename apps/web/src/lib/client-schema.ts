import { z } from "zod";

/** A client as the API answers: a team's reference (and optional name), never more. */
export const clientSchema = z.object({
  id: z.string(),
  reference: z.string(),
  displayName: z.string().nullish(),
  teamId: z.string(),
  lastSpentAt: z.string().nullish(),
});
export type Client = z.infer<typeof clientSchema>;
