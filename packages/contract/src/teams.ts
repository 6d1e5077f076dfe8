import { z } from "zod/mini";

export const teamViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  costCentre: z.string(),
  serviceArea: z.string(),
  createdAt: z.string(),
  supervisors: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })),
});
export type TeamView = z.infer<typeof teamViewSchema>;

/** GET /api/teams */
export const teamListSchema = z.object({ items: z.array(teamViewSchema) });
