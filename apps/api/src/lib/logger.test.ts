import { DrizzleQueryError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { serializeError } from "./logger.ts";

/** A driver error as pg raises it: the values are in its message, `detail` and `where`. */
function databaseError(message: string, fields: Record<string, string>): Error {
  return Object.assign(new Error(message), fields);
}

describe("serializeError", () => {
  it("keeps a failed query's type, SQLSTATE, constraint and stack, and none of its SQL or values", () => {
    const cause = databaseError('duplicate key value violates unique constraint "users_email_unique"', {
      code: "23505",
      severity: "ERROR",
      table: "users",
      constraint: "users_email_unique",
      detail: "Key (email)=(jo.bloggs@council.example) already exists.",
      where: "SQL statement \"insert into users values ('Jo Bloggs')\"",
    });
    const error = new DrizzleQueryError('insert into "users" ("email", "name", "password_hash") values ($1, $2, $3)', ["jo.bloggs@council.example", "Jo Bloggs", "$argon2id$v=19$m=19456"], cause);
    const logged = serializeError(error);
    const text = JSON.stringify(logged);
    for (const secret of ["jo.bloggs", "Jo Bloggs", "$argon2id$", "password_hash", "Key (email)"]) expect(text).not.toContain(secret);
    expect(logged).toMatchObject({ type: "DrizzleQueryError", message: "Failed query", code: "23505", cause: { code: "23505", table: "users", constraint: "users_email_unique" } });
    expect(logged.stack).toMatch(/^\s+at /);
  });

  it("blanks quoted values in a message and drops every line after the first", () => {
    let parseError: unknown;
    try {
      JSON.parse("Jo Bloggs needs a coat");
    } catch (error) {
      parseError = error;
    }
    const parsed = serializeError(parseError);
    expect(parsed.type).toBe("SyntaxError");
    expect(JSON.stringify(parsed)).not.toContain("Bloggs");
    expect(serializeError(databaseError('invalid input syntax for type uuid: "Jo Bloggs"', { code: "22P02" }))).toMatchObject({ message: 'invalid input syntax for type uuid: "…"', code: "22P02" });
    expect(serializeError(new Error("first line\nsecond line with Jo Bloggs")).message).toBe("first line");
    expect(serializeError(new Error("can't reach 'Jo Bloggs' today")).message).toBe("can't reach '…' today");
  });

  it("says nothing of a thrown value that is not an Error", () => {
    expect(serializeError("Jo Bloggs")).toEqual({ type: "string", message: "(not an Error)", stack: "" });
  });
});
