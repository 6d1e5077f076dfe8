import { z } from "zod/mini";

/** GET /api/config: what the web needs from the server's settings before anyone signs in; nothing here is secret. */
export const councilSettingsSchema = z.object({
  councilName: z.string(),
  timeZone: z.string().check(z.describe("IANA time zone of the council's calendar: days, months and due dates")),
  councilAccountSignIn: z.boolean().check(z.describe("Sign-in with the council account (OpenID Connect) is set up: the sign-in page offers it")),
});
export type CouncilSettings = z.infer<typeof councilSettingsSchema>;
