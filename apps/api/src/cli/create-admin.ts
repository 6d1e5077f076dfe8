/**
 * Creates the first administrator of a real deployment (it never seeds demo data):
 *   printf '%s\n' "$PASSWORD" | npm run --silent create-admin -- --email boss@council.example --name "Pat Boss"
 *   npm run create-admin -- --email boss@council.example --name "Pat Boss"   (prompts twice, no echo)
 * Configuration comes from the environment and starts up as the server does (config.ts): DATABASE_URL
 * (PostgreSQL), else the embedded database under DATA_DIR; migrations are applied first, as the
 * tables' owner (MIGRATION_DATABASE_URL) when it is set. The password policy is the API's.
 * Exits 0 when the admin was created, 1 when it was refused or failed, 2 on bad usage.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import type { DatabaseHandle } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { users } from "@greentape/db/schema";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@greentape/domain/password-lengths";
import { passwordProblem, type PasswordOwner } from "@greentape/domain/password-policy";
import { ConfigError, loadConfig, type Config } from "../config.ts";
import { databaseSetting, describeStartupFailure, openMigratedDatabase } from "../lib/database.ts";
import { hashPassword } from "../lib/passwords.ts";
import { findUserByEmail } from "../modules/users/index.ts";

const USAGE = `Usage: npm run create-admin -- --email EMAIL --name NAME

Creates an active admin account (no team) in the database the environment names
(DATABASE_URL, else the embedded database under DATA_DIR), after applying migrations
(as MIGRATION_DATABASE_URL, the tables' owner, when it is set). It never adds demo data.

The password is read from standard input: its first line when standard input is not a
terminal (for example: printf '%s\\n' "$PASSWORD" | npm run --silent create-admin -- ...),
otherwise it is asked for twice without being shown. The rules are the app's own: ${PASSWORD_MIN_LENGTH} to
${PASSWORD_MAX_LENGTH} characters, not a common password or a pattern, not the name or the email; spaces
and any characters are allowed, and nothing else is required of it.

Options:
  --email EMAIL   the admin's email address (stored in lower case); it must not exist yet
  --name NAME     the admin's name as shown to others
  -h, --help      show this help

Exit status: 0 created, 1 refused or failed (one line on standard error), 2 bad usage.`;

class Refusal extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "is not an email address like name@example.org" }))
  .pipe(z.string().max(254, "is longer than 254 characters"));

const nameSchema = z
  .string()
  .trim()
  .min(1, "is empty")
  .max(200, "is longer than 200 characters")
  // eslint-disable-next-line no-control-regex
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "contains control characters");

function parseCommandLine(): { email: string; name: string } {
  let values: { email?: string; name?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { email: { type: "string" }, name: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Refusal(`${firstLine(error)} (see --help)`, 2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.email === undefined) throw new Refusal("--email is required (see --help)", 2);
  if (values.name === undefined) throw new Refusal("--name is required (see --help)", 2);
  const email = emailSchema.safeParse(values.email);
  if (!email.success) throw new Refusal(`--email ${email.error.issues[0]?.message ?? "is not valid"} (got ${JSON.stringify(values.email)})`);
  const name = nameSchema.safeParse(values.name);
  if (!name.success) throw new Refusal(`--name ${name.error.issues[0]?.message ?? "is not valid"}`);
  return { email: email.data, name: name.data };
}

/** The first line of standard input (without its line ending); an empty input gives undefined. */
async function readFirstLine(): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let seen = 0;
  for await (const chunk of process.stdin) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    seen += buffer.length;
    if (buffer.includes(0x0a) || seen > 64 * 1024) break;
  }
  process.stdin.destroy();
  if (seen === 0) return undefined;
  const text = Buffer.concat(chunks).toString("utf8");
  const end = text.indexOf("\n");
  const line = end === -1 ? text : text.slice(0, end);
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

/** Asks on the terminal without echoing what is typed. Ctrl-C stops the command. */
function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  const output = process.stderr;
  return new Promise((resolve, reject) => {
    let value: string[] = [];
    const finish = () => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
      output.write("\n");
    };
    const onData = (chunk: string) => {
      // Arrow and function keys arrive as escape sequences: ignore them whole.
      // eslint-disable-next-line no-control-regex
      for (const ch of chunk.replace(/\u001b(?:\[[0-9;?]*[ -/]*[@-~]|O.|.)?/g, "")) {
        if (ch === "\r" || ch === "\n") {
          finish();
          resolve(value.join(""));
          return;
        }
        if (ch === "\u0003") {
          finish();
          reject(new Refusal("Stopped; nothing was created.", 130));
          return;
        }
        if (ch === "\u0004") {
          if (value.length === 0) {
            finish();
            reject(new Refusal("No password given; nothing was created."));
            return;
          }
        } else if (ch === "\u007f" || ch === "\b") {
          value = value.slice(0, -1);
        } else if (ch === "\u0015") {
          value = [];
        } else if (ch >= " ") {
          value.push(ch);
        }
      }
    };
    output.write(question);
    input.setEncoding("utf8");
    input.setRawMode(true);
    input.resume();
    input.on("data", onData);
  });
}

async function readPassword(owner: PasswordOwner): Promise<string> {
  if (!process.stdin.isTTY) {
    const line = await readFirstLine();
    if (line === undefined) throw new Refusal("No password on standard input: send it as the first line, or run this in a terminal to be asked.");
    return line;
  }
  const first = await promptHidden(`Password for ${owner.email} (${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters): `);
  const problem = passwordProblem(first, owner);
  if (problem) throw new Refusal(`${problem}.`);
  const second = await promptHidden("The same password again: ");
  if (second !== first) throw new Refusal("The two passwords differ; nothing was created.");
  return first;
}

function isUniqueViolation(error: unknown): boolean {
  // drizzle wraps the driver's error; its code is on the cause.
  let e = error;
  for (let depth = 0; depth < 5 && typeof e === "object" && e !== null; depth++) {
    if ((e as { code?: unknown }).code === "23505") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  try {
    return await openMigratedDatabase(config, { poolSize: 2 });
  } catch (error) {
    throw new Refusal(`Cannot create the admin: ${databaseSetting(config)} could not be opened: ${describeStartupFailure(error)}`);
  }
}

async function main(): Promise<void> {
  const { email, name } = parseCommandLine();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    throw new Refusal(error instanceof ConfigError ? error.message : `Invalid configuration: ${firstLine(error)}`);
  }
  const database = await openConfiguredDatabase(config);
  const refuseExisting = () => new Refusal(`A user with the email ${email} already exists; nothing was created.`);
  try {
    // Checked before asking, so nobody types a password for nothing; checked again when writing.
    if (await findUserByEmail(database.db, email)) throw refuseExisting();
    const password = await readPassword({ email, name });
    const problem = passwordProblem(password, { email, name });
    if (problem) throw new Refusal(`${problem}. Nothing was created.`);
    const passwordHash = await hashPassword(password);
    const user = await database.db
      .transaction(async (tx) => {
        const [created] = await tx.insert(users).values({ email, name, role: "admin", teamId: null, active: true, passwordHash }).returning();
        if (!created) throw new Error("the user row was not returned");
        await appendEvent(tx, {
          type: "user.created",
          actorId: null,
          subjectType: "user",
          subjectId: created.id,
          data: { after: { email, name, role: "admin", teamId: null }, source: "create-admin" },
        });
        return created;
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? refuseExisting() : error;
      });
    const where = database.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `the embedded database in ${config.dataDir}`;
    console.log(`Created admin ${name} <${email}> (id ${user.id}) in ${where}.`);
  } finally {
    await database.close();
  }
}

try {
  await main();
} catch (error) {
  if (error instanceof Refusal) {
    console.error(error.message);
    process.exit(error.exitCode);
  }
  console.error(`Cannot create the admin: ${firstLine(error)}`);
  process.exit(1);
}
