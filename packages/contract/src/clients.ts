import { z } from "zod/mini";
import { line } from "@greentape/domain/text";
import { idParamsSchema } from "./params.ts";

export const clientViewSchema = z.object({ id: z.string(), reference: z.string(), displayName: z.nullable(z.string()), teamId: z.string(), lastSpentAt: z.nullable(z.string()) });
export type ClientView = z.infer<typeof clientViewSchema>;

/** GET /api/clients */
export const clientListSchema = z.object({ items: z.array(clientViewSchema) });

/** GET /api/clients: a search of references and names, recent clients first. */
export const clientListQuerySchema = z.object({
  q: z.optional(z.string().check(z.trim(), z.maxLength(80))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 200),
});

/** POST /api/clients */
export const newClientBodySchema = z.object({
  reference: line(40, "Reference").check(z.regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, "Reference must be letters, digits and hyphens, like C-10234")),
  displayName: z.optional(line(120, "Display name")),
  teamId: z.optional(z.uuid()),
});

export const clientParamsSchema = idParamsSchema("Client");

/** PUT /api/clients/:id/team */
export const clientMoveBodySchema = z.object({ teamId: z.uuid({ message: "Team id must be a UUID" }) });
