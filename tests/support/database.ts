import { randomBytes } from "node:crypto";
import pg from "pg";

export interface FreshDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** One plain connection to `url` for the length of `run`. */
export async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A connection to the server's own database as DATABASE_URL's (superuser) role, to create and drop databases and roles. */
export async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  return withClient(url, run);
}

/**
 * A new, empty PostgreSQL database on the server DATABASE_URL points at (optionally a copy of a
 * template), or null when DATABASE_URL is unset and tests run on embedded PGlite instead.
 */
export async function createFreshDatabase(options: { template?: string; prefix?: string } = {}): Promise<FreshDatabase | null> {
  const url = process.env.DATABASE_URL;
  if (!url) return null;
  const name = `${options.prefix ?? "gt_test"}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"${options.template ? ` TEMPLATE "${options.template}"` : ""}`));
  return {
    url: withDatabase(url, name),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
