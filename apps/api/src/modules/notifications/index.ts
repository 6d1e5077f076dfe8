/** The notifications module's front door: what other modules may use. */
export type { NotificationsService } from "./notifications.service.ts";
