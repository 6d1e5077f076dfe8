import closeWithGrace from "close-with-grace";
import { openDatabase, type DatabaseHandle } from "@greentape/db/client";
import { seedDemo } from "@greentape/db/seed";
import { buildApp } from "./app.ts";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { hashPassword } from "./modules/auth/passwords.ts";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0] ?? String(error) : String(error);
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

async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  try {
    const handle = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
    await migrate(config, handle);
    return handle;
  } catch (error) {
    const where = config.databaseUrl ? (config.migrationDatabaseUrl ? "DATABASE_URL or MIGRATION_DATABASE_URL" : "DATABASE_URL") : `the embedded database in DATA_DIR (${config.dataDir})`;
    return fail(`Cannot start: ${where} could not be opened: ${describe(error)}`);
  }
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : `Invalid configuration: ${describe(error)}`);
}

const database = await openConfiguredDatabase(config);
if (config.seedDemo && (await seedDemo(database.db, { hashPassword }))) {
  console.log("Seeded the demo council: sign in as worker@demo.test (and others) with password demo-password-1");
}
const app = await buildApp({ config, db: database.db });
if (config.jwtSecretGenerated && config.databaseUrl) {
  app.log.warn("JWT_SECRET is not set: access tokens are signed with a key made for this process only. Set JWT_SECRET when running more than one instance.");
}

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, "closing after an error");
  else app.log.info({ signal }, "closing");
  await app.close();
  await database.close();
});

try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  await database.close();
  fail(`Cannot start: could not listen on ${config.host}:${config.port}: ${describe(error)}`);
}
