import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { ValidationError, type FieldProblem } from "@greentape/domain/errors";

// NUL makes PostgreSQL throw instead of answering, and no other control character belongs in a
// parameter but the line breaks and tabs of multi-line text (a signed checkpoint is several lines).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** A body field may be multi-line prose (its own zod rule decides), but NUL can never be stored. */
const NUL = "\u0000";

/** The first query parameter or path parameter whose name or value holds a control character. */
function controlCharacterIn(values: unknown): FieldProblem | null {
  if (typeof values !== "object" || values === null) return null;
  for (const [name, value] of Object.entries(values)) {
    const texts = Array.isArray(value) ? value : [value];
    if (CONTROL_CHARACTER.test(name) || texts.some((text) => typeof text === "string" && CONTROL_CHARACTER.test(text))) {
      return { path: printable(name), message: "must not contain control characters" };
    }
  }
  return null;
}

/** A field name as the problem shows it: quoted and escaped when the name itself holds the bad character. */
function printable(name: string): string {
  return CONTROL_CHARACTER.test(name) ? JSON.stringify(name) : name;
}

interface Place {
  value: unknown;
  key: string | null;
  parent: Place | null;
}

function pathTo(place: Place): string[] {
  const path: string[] = [];
  for (let at: Place | null = place; at?.key != null; at = at.parent) path.unshift(at.key);
  return path;
}

/** The dotted path ("items.0.note") of a string or key in a parsed JSON body that holds NUL. */
function nulIn(body: unknown): string[] | null {
  // A loop, not recursion: a body may nest thousands of arrays deep within the size limit.
  const pending: Place[] = [{ value: body, key: null, parent: null }];
  for (let place = pending.pop(); place; place = pending.pop()) {
    const { value } = place;
    if (typeof value === "string") {
      if (value.includes(NUL)) return pathTo(place);
    } else if (typeof value === "object" && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (key.includes(NUL)) return [...pathTo(place), printable(key)];
        pending.push({ value: child, key, parent: place });
      }
    }
  }
  return null;
}

/**
 * One check for every route, before its own validation: a control character (bar tab and line
 * breaks) in a query parameter or a path segment, or NUL anywhere in a JSON body, is a 400 naming
 * the field rather than an error from the database.
 */
export const inputCharactersPlugin = fp(async (app: FastifyInstance) => {
  app.addHook("preValidation", async (request: FastifyRequest) => {
    const problem = controlCharacterIn(request.query) ?? controlCharacterIn(request.params);
    if (problem) throw new ValidationError([problem]);
    const inBody = nulIn(request.body);
    if (inBody) throw ValidationError.field(inBody.length === 0 ? "body" : inBody.join("."), "must not contain the NUL character (\\u0000)");
  });
});
