import { z } from "zod/mini";
import { line } from "@greentape/domain/text";
import { idParamsSchema } from "./params.ts";

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

/** POST /api/teams and PUT /api/teams/:id */
export const teamBodySchema = z.object({
  name: line(120, "Name"),
  costCentre: line(40, "Cost centre"),
  serviceArea: line(120, "Service area"),
});

export const teamParamsSchema = idParamsSchema("Team");
