import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@greentape/db/client";

export async function healthRoutes(app: FastifyInstance, options: { db: Db }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/health",
    { config: { access: "public" }, schema: { tags: ["health"], summary: "Ready to serve", response: { 200: z.object({ status: z.literal("ok") }) } } },
    async () => {
      await options.db.execute(sql`select 1`);
      return { status: "ok" as const };
    },
  );
}
