import { openDatabase, type DatabaseHandle } from "@greentape/db/client";
import type { Config } from "../config.ts";

/** Where the configuration says the database is, in the words of its settings, for a message that it could not be opened. */
export function databaseSetting(config: Config): string {
  if (!config.databaseUrl) return `the embedded database in DATA_DIR (${config.dataDir})`;
  return config.migrationDatabaseUrl ? "DATABASE_URL or MIGRATION_DATABASE_URL" : "DATABASE_URL";
}

/**
 * One line on why opening or migrating failed. drizzle's message is the statement it ran; the
 * driver's reason ("permission denied for schema public") is its cause, and comes first.
 */
export function describeStartupFailure(error: unknown): string {
  const firstLine = (value: unknown) => (value instanceof Error ? value.message : String(value)).split("\n", 1)[0] ?? "";
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error ? `${firstLine(cause)} (${firstLine(error)})` : firstLine(error);
}

/** Migrates as the tables' owner: MIGRATION_DATABASE_URL when the app runs as a restricted role, else the app's own connection. */
async function migrate(config: Config, handle: DatabaseHandle): Promise<void> {
  if (!config.migrationDatabaseUrl) return handle.migrate();
  const owner = await openDatabase({ databaseUrl: config.migrationDatabaseUrl, poolSize: 1 });
  try {
    await owner.migrate();
  } finally {
    await owner.close();
  }
}

/**
 * The start-up the server and the command-line tools share: open the database the configuration
 * names (PostgreSQL at DATABASE_URL, else the embedded one under DATA_DIR) and bring its schema up
 * to date. A failure closes what was opened and throws.
 */
export async function openMigratedDatabase(config: Config, options: { poolSize?: number } = {}): Promise<DatabaseHandle> {
  const handle = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl, poolSize: options.poolSize ?? config.databasePoolSize } : { dataDir: config.dataDir });
  try {
    await migrate(config, handle);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  return handle;
}
