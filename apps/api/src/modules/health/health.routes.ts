import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { DATABASE_RETRY_AFTER_SECONDS } from "@greentape/db/availability";
import { ServiceUnavailableError } from "@greentape/domain/errors";
import { healthStatusSchema } from "@greentape/contract/health";
import type { HealthService } from "./health.service.ts";

export async function healthRoutes(app: FastifyInstance, options: { health: HealthService }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // Liveness: touches nothing outside the process, so an orchestrator never restarts a healthy
  // process because its database is away (it would come back to the same outage).
  api.get(
    "/api/health",
    { config: { access: "public" }, schema: { tags: ["health"], summary: "The process is up and answering (liveness; does not touch the database)", response: { 200: healthStatusSchema } } },
    async () => ({ status: "ok" as const }),
  );

  // Readiness: a load balancer sends traffic here only while the database answers.
  api.get(
    "/api/ready",
    {
      config: { access: "public" },
      schema: { tags: ["health"], summary: "Ready to serve: the database answers (503 with Retry-After while it does not)", response: { 200: healthStatusSchema } },
    },
    async (request) => {
      try {
        await options.health.ready();
      } catch (error) {
        request.log.warn({ err: error }, "not ready: the database does not answer");
        throw new ServiceUnavailableError("The database does not answer just now.", DATABASE_RETRY_AFTER_SECONDS);
      }
      return { status: "ok" as const };
    },
  );
}
