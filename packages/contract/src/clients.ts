import { z } from "zod/mini";

export const clientViewSchema = z.object({ id: z.string(), reference: z.string(), displayName: z.nullable(z.string()), teamId: z.string(), lastSpentAt: z.nullable(z.string()) });
export type ClientView = z.infer<typeof clientViewSchema>;

/** GET /api/clients */
export const clientListSchema = z.object({ items: z.array(clientViewSchema) });
