import pg from "pg";
import type { Executor } from "./client.ts";

/**
 * A statement written once, as SQL with `:named` parameters, and run by name: on PostgreSQL each
 * pooled connection parses and plans it once (a `pg` named statement) and afterwards only binds
 * values; on PGlite it runs as an ordinary parameterised query. For the few hot paths where
 * building a query per request, or one round trip per statement, is most of the cost.
 */
export interface PreparedStatement<Params extends string> {
  name: string;
  text: string;
  params: readonly Params[];
}

/** `:name` becomes `$n`, numbered by first appearance; `::type` casts are left alone. */
export function preparedStatement<Params extends string>(name: string, textWithNames: string): PreparedStatement<Params> {
  const params: Params[] = [];
  const text = textWithNames.replace(/(?<!:):([a-zA-Z][a-zA-Z0-9]*)/g, (_, param: Params) => {
    if (!params.includes(param)) params.push(param);
    return `$${params.indexOf(param) + 1}`;
  });
  return { name, text, params };
}

interface Queryable {
  query(config: { name: string; text: string; values: unknown[] } | string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * drizzle keeps the driver's client (a pg Pool, a pool client inside a transaction, or PGlite and
 * its transaction) as `session.client`; the statement goes to that same client, so it runs inside
 * the caller's transaction when given one.
 */
function driverClient(executor: Executor): { client: Queryable; pg: boolean } {
  const client = (executor as unknown as { session?: { client?: Queryable } }).session?.client;
  if (!client || typeof client.query !== "function") throw new Error("runPrepared needs a drizzle database or transaction");
  return { client, pg: client instanceof pg.Pool || client instanceof pg.Client };
}

export async function runPrepared<Row, Params extends string>(executor: Executor, statement: PreparedStatement<Params>, values: Record<Params, unknown>): Promise<Row[]> {
  const ordered = statement.params.map((p) => values[p]);
  const { client, pg } = driverClient(executor);
  const result = pg ? await client.query({ name: statement.name, text: statement.text, values: ordered }) : await client.query(statement.text, ordered);
  return result.rows as Row[];
}
