import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type CouncilSettings, councilSettingsSchema } from "@greentape/contract/config";

/** What the web needs from the server's settings before anyone signs in; nothing here is secret. */
export async function councilRoutes(app: FastifyInstance, options: { settings: CouncilSettings }) {
  const settings = councilSettingsSchema.parse(options.settings);
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/config",
    {
      config: { access: "public" },
      schema: { tags: ["health"], summary: "The council's settings the web app needs", response: { 200: councilSettingsSchema } },
    },
    // Public and the same for everyone: a cache may keep it, asking again each time.
    async (_request, reply) => reply.header("Cache-Control", "no-cache").send(settings),
  );
}
