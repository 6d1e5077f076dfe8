import { clientViewSchema } from "@greentape/contract/clients";
import { z } from "zod/mini";

/** A client as the phone keeps it: what an older version cached may lack the name and last spend. */
export const clientSchema = z.partial(clientViewSchema, { displayName: true, lastSpentAt: true });
export type Client = z.infer<typeof clientSchema>;
