// What reading notifications sends. Apart from notifications.ts, whose answers the badge on every
// signed-in page reads on a phone's first load, which needs none of this.
import { z } from "zod/mini";
import { idParamsSchema, pageQuery } from "./params.ts";

/** GET /api/notifications */
export const notificationListQuerySchema = z.object(pageQuery(50, 200));

/** POST /api/notifications/:id/read */
export const notificationParamsSchema = idParamsSchema("Notification");
