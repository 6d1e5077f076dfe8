import { z } from "zod";

export const clientViewSchema = z.object({ id: z.string(), reference: z.string(), displayName: z.string().nullable(), teamId: z.string(), lastSpentAt: z.string().nullable() });
export type ClientView = z.infer<typeof clientViewSchema>;

/** GET /api/clients */
export const clientListSchema = z.object({ items: z.array(clientViewSchema) });
