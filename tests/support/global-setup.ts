import type { TestProject } from "vitest/node";
import { openDatabase } from "@greentape/db/client";
import { seedCouncil } from "@greentape/db/seed";
import { hashPassword } from "../../apps/api/src/lib/passwords.ts";
import { createFreshDatabase } from "./database.ts";
import { TEST_COUNCIL } from "./test-council.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated PostgreSQL database seeded with the test council, which each test file copies; "" on PGlite. */
    templateDatabase: string;
  }
}

/** On PostgreSQL: one migrated and seeded template per run, copied per test file in milliseconds. */
export default async function setup(project: TestProject) {
  const template = await createFreshDatabase({ prefix: "gt_template" });
  if (!template) {
    project.provide("templateDatabase", "");
    return;
  }
  const handle = await openDatabase({ databaseUrl: template.url, poolSize: 1 });
  await handle.migrate();
  await seedCouncil(handle.db, TEST_COUNCIL, { hashPassword });
  await handle.close();
  project.provide("templateDatabase", template.name);
  return async () => {
    await template.drop();
  };
}
