import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "@greentape/db/availability";
import { DomainError, RateLimitedError, ServiceUnavailableError, type FieldProblem } from "@greentape/domain/errors";

/** The one place errors become application/problem+json (RFC 9457). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type("application/problem+json").send(JSON.stringify(problem));
}

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Not signed in",
  403: "Not allowed",
  404: "Not found",
  405: "Method not allowed",
  406: "Not acceptable",
  409: "Conflict",
  413: "Too large",
  415: "Unsupported media type",
  422: "Cannot be processed",
  429: "Too many requests",
};

function slugFor(status: number): string {
  return (TITLES[status] ?? "error").toLowerCase().replace(/\s+/g, "-");
}

/** "/amount" -> "amount", "/items/0/x" -> "items.0.x"; a header keeps its name. */
function pathOf(instancePath: string, context: string | undefined, missingProperty?: string): string {
  const parts = instancePath.split("/").filter(Boolean);
  if (missingProperty) parts.push(missingProperty);
  if (parts.length === 0) return context ?? "body";
  return parts.join(".");
}

function validationProblems(error: FastifyError): FieldProblem[] {
  if (hasZodFastifySchemaValidationErrors(error)) {
    return error.validation.map((v) => ({
      path: pathOf(v.instancePath, error.validationContext),
      message: v.message ?? "is invalid",
    }));
  }
  return (error.validation ?? []).map((v) => {
    const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
    return { path: pathOf(v.instancePath, error.validationContext, missing), message: v.message ?? "is invalid" };
  });
}

export const problemsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof DomainError) {
      if (error instanceof ServiceUnavailableError || error instanceof RateLimitedError) reply.header("Retry-After", String(Math.max(1, error.retryAfterSeconds)));
      else if (error.status >= 500) request.log.error({ err: error }, "domain error");
      return sendProblem(reply, {
        type: `/problems/${error.slug}`,
        title: error.title,
        status: error.status,
        detail: error.detail,
        ...error.extensions,
      });
    }
    if (error.validation) {
      const errors = validationProblems(error);
      return sendProblem(reply, {
        type: "/problems/validation",
        title: "Your request has problems",
        status: 400,
        detail: errors.map((e) => `${e.path}: ${e.message}`).join("; "),
        errors,
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own 4xx: malformed JSON, wrong content type, body too large, bad token.
      const isBody = error.code?.startsWith("FST_ERR_CTP") ?? false;
      return sendProblem(reply, {
        type: `/problems/${slugFor(status)}`,
        title: TITLES[status] ?? "Bad request",
        status,
        detail: error.message,
        ...(isBody ? { errors: [{ path: "body", message: error.message }] } : {}),
      });
    }
    if (isDatabaseUnavailable(error)) {
      // Not a bug: the database is restarting, failing over or out of reach. The caller retries.
      request.log.warn({ err: error }, "the database is unavailable");
      reply.header("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
      return sendProblem(reply, {
        type: "/problems/unavailable",
        title: "Not available just now",
        status: 503,
        detail: "The database cannot be reached just now. Try again in a few seconds.",
      });
    }
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(reply, {
      type: "/problems/internal",
      title: "Something went wrong",
      status: 500,
      detail: `Something went wrong on our side. Quote request ${request.id} if you contact support.`,
    });
  });
});
