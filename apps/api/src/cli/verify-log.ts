/**
 * Verifies Green Tape's event log against a checkpoint saved earlier, from outside the app:
 *   npm run verify-log -- --checkpoint saved.txt [--key KEY]                    (the database DATABASE_URL names)
 *   GREENTAPE_PASSWORD=... npm run verify-log -- --checkpoint saved.txt --url https://spend.example --email auditor@example.gov.uk
 * It checks the signatures, recomputes every leaf hash from its canonical text and the tree's root,
 * and checks the log still extends the saved checkpoint. Exits 0 when all holds, 1 when the log is
 * broken (naming the first bad entry, or that it was truncated or rewritten), 2 on bad usage or
 * when the log cannot be read.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "@greentape/db/client";
import { auditLog, type LogSource, type LogVerdict } from "@greentape/log/audit";
import { hexToBytes } from "@greentape/log/bytes";
import { NoteFormatError, parseSignerKey, parseVerifierKey, type VerifierKey } from "@greentape/log/note";
import { loadConfig, type Config } from "../config.ts";
import { databaseSource, latestCheckpoint, nodeVerify } from "../modules/log/index.ts";

const USAGE = `Usage: npm run verify-log -- --checkpoint FILE [--key KEY]... [--url URL --email EMAIL]

Checks the event log against a checkpoint saved earlier (from GET /api/log/checkpoint, a month's
close, an audit report or a witness): every signature, every leaf recomputed from its canonical
text, the root, and that the log still extends the saved checkpoint.

Where the log is read from:
  (default)        the database DATABASE_URL names, else the embedded one under DATA_DIR
  --url URL        a running server, signed in as an auditor or admin: --email EMAIL and the
                   password in GREENTAPE_PASSWORD

Options:
  --checkpoint FILE  the saved signed checkpoint
  --key KEY          the log's verifier key (as GET /api/log/key gives it), or a file holding it;
                     repeat it for keys used before a rotation. Without it: the server's key (--url),
                     or the key in LOG_SIGNING_KEY or DATA_DIR's key file. Whatever the source, the
                     saved checkpoint must verify with it.
  -h, --help         show this help

Exit status: 0 the log holds, 1 the log is broken (the reason on standard output), 2 bad usage or unreadable.`;

class UsageError extends Error {}

async function textOf(valueOrFile: string): Promise<string> {
  return readFile(valueOrFile, "utf8").catch(() => valueOrFile);
}

async function fetchOk(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new UsageError(`${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return response;
}

/** The server's own configuration (config.ts), read from this environment as the server reads it. */
function localConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The key the operator's own environment signs with, for a check on the same machine. */
async function localKeys(config: Config): Promise<VerifierKey[]> {
  if (config.log.signingKey) return [config.log.signingKey];
  const file = path.resolve(config.dataDir, "log-signing-key");
  const text = await readFile(file, "utf8").catch(() => null);
  return text ? [parseSignerKey(text)] : [];
}

async function overHttp(base: string, email: string | undefined): Promise<{ source: LogSource; latest: string; serverKey: VerifierKey }> {
  const password = process.env.GREENTAPE_PASSWORD;
  if (!email || !password) throw new UsageError("--url needs --email and the password in GREENTAPE_PASSWORD (an auditor or admin)");
  const login = await fetchOk(new URL("/api/auth/login", base).href, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  const { accessToken } = (await login.json()) as { accessToken?: string };
  if (!accessToken) throw new UsageError("signing in did not give an access token (a second factor is not supported here)");
  const get = async <T>(pathAndQuery: string): Promise<T> => (await fetchOk(new URL(pathAndQuery, base).href, { headers: { authorization: `Bearer ${accessToken}` } })).json() as Promise<T>;
  const latest = await (await fetchOk(new URL("/api/log/checkpoint", base).href)).text();
  const serverKey = parseVerifierKey(await (await fetchOk(new URL("/api/log/key", base).href)).text());
  const latestSize = Number(latest.split("\n")[1]);
  return {
    latest,
    serverKey,
    source: {
      async entries(start, end) {
        if (start >= latestSize) return [];
        const { entries } = await get<{ entries: { index: number; eventId: number | null; leafHash: string | null; canonical: string | null }[] }>(
          `/api/log/entries?start=${start}&end=${Math.min(end, latestSize)}`,
        );
        return entries.map((e) => ({ index: e.index, eventId: e.eventId, canonical: e.canonical, leafHash: e.leafHash ? hexToBytes(e.leafHash) : null }));
      },
      async checkpoints(after, limit) {
        const { checkpoints } = await get<{ checkpoints: { treeSize: number; note: string }[] }>(`/api/log/checkpoints?after=${after}&limit=${Math.min(limit, 1000)}`);
        return checkpoints.map((c) => ({ size: c.treeSize, note: c.note }));
      },
      async consistencyProof(from, to) {
        const { proof } = await get<{ proof: string[] }>(`/api/log/proofs/consistency?from=${from}&to=${to}`);
        return proof.map(hexToBytes);
      },
    },
  };
}

function report(verdict: LogVerdict, savedFile: string): void {
  if (verdict.ok) {
    console.log(`log OK: ${verdict.checked} entries recomputed; the log's latest checkpoint (${verdict.treeSize} entries, root ${verdict.rootHash}) extends ${savedFile}.`);
    return;
  }
  const where = verdict.firstBadIndex !== undefined ? ` [first bad entry: ${verdict.firstBadIndex}${verdict.firstBrokenId !== undefined ? `, event ${verdict.firstBrokenId}` : ""}]` : "";
  console.log(`log BROKEN (${verdict.problem}): ${verdict.reason}${where}`);
  process.exitCode = 1;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      checkpoint: { type: "string" },
      key: { type: "string", multiple: true },
      url: { type: "string" },
      email: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.checkpoint) throw new UsageError("--checkpoint FILE is required");
  const saved = await readFile(values.checkpoint, "utf8").catch(() => {
    throw new UsageError(`cannot read ${values.checkpoint}`);
  });
  const givenKeys = await Promise.all((values.key ?? []).map(async (k) => parseVerifierKey(await textOf(k))));

  if (values.url) {
    const { source, latest, serverKey } = await overHttp(values.url, values.email);
    const keys = givenKeys.length > 0 ? givenKeys : [serverKey];
    report(await auditLog(source, { keys, latest, saved, verify: nodeVerify }), values.checkpoint);
    return;
  }
  const config = localConfig();
  const keys = givenKeys.length > 0 ? givenKeys : await localKeys(config);
  if (keys.length === 0) throw new UsageError("pass --key: the log's verifier key, as GET /api/log/key gives it");
  // Read only: an audit tool changes nothing, so it does not migrate as the server does on start.
  const handle = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl, poolSize: 2 } : { dataDir: config.dataDir });
  try {
    const latest = await latestCheckpoint(handle.db);
    if (!latest) {
      report({ ok: false, checked: 0, treeSize: null, problem: "truncated", reason: "The log has no signed checkpoint at all: it was emptied or never sealed" }, values.checkpoint);
      return;
    }
    report(await auditLog(databaseSource(handle.db), { keys, latest: latest.note, saved, verify: nodeVerify }), values.checkpoint);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof UsageError || error instanceof NoteFormatError ? message : `cannot verify: ${message.split("\n")[0]}`);
  if (error instanceof UsageError || error instanceof NoteFormatError) console.error("(npm run verify-log -- --help shows the options)");
  process.exitCode = 2;
});
