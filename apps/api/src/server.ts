import closeWithGrace from "close-with-grace";
import type { DatabaseHandle } from "@greentape/db/client";
import { seedDemo } from "@greentape/db/seed";
import { buildApp } from "./app.ts";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { databaseSetting, describeStartupFailure, openMigratedDatabase } from "./lib/database.ts";
import { hashPassword } from "./lib/passwords.ts";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0] ?? String(error) : String(error);
}

async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  try {
    return await openMigratedDatabase(config);
  } catch (error) {
    return fail(`Cannot start: ${databaseSetting(config)} could not be opened: ${describeStartupFailure(error)}`);
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
