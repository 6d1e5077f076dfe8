// What adding, finding and moving clients sends. Apart from clients.ts, which log-a-spend reads on a
// phone's first load and which so carries answers only.
import { z } from "zod/mini";
import { line } from "@greentape/domain/text";
import { idParamsSchema } from "./params.ts";

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
