import { clientViewSchema } from "@greentape/contract/clients";
import type { z } from "zod";

/** A client as the phone keeps it: what an older version cached may lack the name and last spend. */
export const clientSchema = clientViewSchema.partial({ displayName: true, lastSpentAt: true });
export type Client = z.infer<typeof clientSchema>;
