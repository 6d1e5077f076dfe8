/**
 * Verifies the event log's hash chain in any Green Tape database, for an outside auditor:
 *   DATABASE_URL=postgres://... npm run verify-events [-- --expect-head ID:HASH]
 * Without DATABASE_URL it reads the embedded database under DATA_DIR (default ./.data).
 * Exits 0 when the chain holds, 1 when it is broken (naming the first broken row), 2 on bad usage.
 */
import { parseArgs } from "node:util";
import { openDatabase } from "../client.ts";
import { verifyEventChain, type KnownHead } from "../event-log.ts";

function parseHead(text: string | undefined): KnownHead | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text);
  if (!match) {
    console.error("--expect-head must look like ID:HASH (a row id and its 64-character hex hash)");
    process.exit(2);
  }
  return { id: Number(match[1]), hash: match[2] as string };
}

const { values } = parseArgs({ options: { "expect-head": { type: "string" } } });
const knownHead = parseHead(values["expect-head"]);
const url = process.env.DATABASE_URL;
const handle = await openDatabase(url ? { databaseUrl: url, poolSize: 1 } : { dataDir: process.env.DATA_DIR ?? ".data" }).catch(
  (error: unknown) => {
    console.error(`cannot open the database: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
try {
  const verdict = await verifyEventChain(handle.db, knownHead);
  if (verdict.ok) {
    console.log(`event log OK: ${verdict.checked} rows checked; head ${verdict.headId ?? "-"} ${verdict.headHash ?? ""}`.trim());
  } else {
    console.log(`event log BROKEN at row ${verdict.firstBrokenId}: ${verdict.reason} (${verdict.checked} rows checked)`);
    process.exitCode = 1;
  }
} finally {
  await handle.close();
}
