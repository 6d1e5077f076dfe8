import { DrizzleQueryError } from "drizzle-orm/errors";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./availability.ts";

function pgError(message: string, fields: Partial<pg.DatabaseError>): pg.DatabaseError {
  return Object.assign(new pg.DatabaseError(message, 0, "error"), fields);
}

describe("isDatabaseUnavailable", () => {
  it("is true for a dropped or refused connection, however the driver says it, and through drizzle's wrapper", () => {
    const terminated = pgError("terminating connection due to administrator command", { code: "57P01", severity: "FATAL" });
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(terminated)).toBe(true);
    expect(isDatabaseUnavailable(new DrizzleQueryError("select 1", [], terminated))).toBe(true);
    expect(isDatabaseUnavailable(new DrizzleQueryError("commit", [], new Error("Connection terminated unexpectedly")))).toBe(true);
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isDatabaseUnavailable(pgError('database "x" is not currently accepting connections', { code: "55000", severity: "FATAL" }))).toBe(true);
  });

  it("is false for an error in the statement itself", () => {
    expect(isDatabaseUnavailable(new DrizzleQueryError("insert", ["a"], pgError("duplicate key value violates unique constraint", { code: "23505", severity: "ERROR" })))).toBe(false);
    expect(isDatabaseUnavailable(pgError("canceling statement due to statement timeout", { code: "57014", severity: "ERROR" }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("the user row was not returned"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
