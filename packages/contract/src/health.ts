import { z } from "zod/mini";

/** GET /api/health and GET /api/ready */
export const healthStatusSchema = z.object({ status: z.literal("ok") });
