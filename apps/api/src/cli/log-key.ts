/**
 * Makes a new checkpoint signing key for the event log, for a first deployment or a rotation:
 *   npm run --silent log-key -- --name spend.example-council.gov.uk/log
 * Prints two lines: the private key (for LOG_SIGNING_KEY; keep it secret) and its verifier key
 * (what GET /api/log/key will publish). Exits 2 on bad usage.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { encodeSignerKey, encodeVerifierKey, NoteFormatError, signerKeyFromSeed } from "@greentape/log/note";

const { values } = parseArgs({ options: { name: { type: "string" } } });
try {
  if (!values.name) throw new NoteFormatError("--name is required: the log's name, such as spend.example-council.gov.uk/log");
  const key = signerKeyFromSeed(values.name, randomBytes(32));
  console.log(encodeSignerKey(key));
  console.log(encodeVerifierKey(key));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
