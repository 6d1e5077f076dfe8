import { sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import { openSessionConnection, type Db, type SessionConnection } from "@greentape/db/client";
import { leafHash } from "@greentape/log/hash";
import { checkpointBody, parseNote, signersOf, signNote, type SignerKey } from "@greentape/log/note";
import { lookupFrom, TreeFrontier, type StoredNode } from "@greentape/log/tree";
import * as q from "./log.queries.ts";
import { nodeSign, nodeVerify } from "./node-ed25519.ts";

/** Any constant works; every instance of the app must use the same one. */
const SEQUENCER_LOCK_KEY = 7_414_190_015;
const WAKE_CHANNEL = "greentape_log";
const SEQUENCER_APPLICATION_NAME = "greentape-sequencer";
/** Events sealed in one transaction at most. */
const BATCH_LIMIT = 5000;
/** How often a standby instance asks for the lock; it takes over within about this long of a failure. */
const ELECTION_RETRY_MS = 1000;
/** At most this often a standby tells the sequencer (NOTIFY) that it has just written. */
const NUDGE_GAP_MS = 100;
const MAX_RETRY_MS = 5000;
/**
 * At most one batch this often. Under load a nudge comes with every write, and a checkpoint for
 * each is waste: at 50 ms the sealing took 3 to 6% of the spend throughput; at 250 ms an event
 * still waits well under the 2 s the log promises, and the batches are five times fewer.
 */
const MIN_BATCH_GAP_MS = 250;

interface TreeState {
  frontier: TreeFrontier;
  /** Every event of a transaction with an id below this is in the tree. */
  horizon: string;
  /** The tree has a checkpoint signed by this key for its current size. */
  sealed: boolean;
}

const minXid = (a: string, b: string) => (BigInt(a) <= BigInt(b) ? a : b);

interface SequencerOptions {
  /** The app's own database (pool or embedded); on PGlite the sequencer works through it. */
  db: Db;
  /** With PostgreSQL: the sequencer holds its lock on a connection of its own to this URL. */
  databaseUrl: string | undefined;
  signer: SignerKey;
  origin: string;
  pollMs: number;
  witnessUrl: string | undefined;
  logger: FastifyBaseLogger;
}

export interface Sequencer {
  start(): void;
  stop(): Promise<void>;
  /** Something was probably just logged: seal soon rather than at the next poll. */
  nudge(): void;
  /** Whether this process holds the sequencer's lock now. */
  isLeader(): boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One sequencer at a time gives committed events their places in the tree, in batches, and signs a
 * checkpoint per batch. With PostgreSQL any instance may be it: the one holding a session-level
 * advisory lock on its own connection. If that instance dies, its connection closes, the lock goes
 * with it, and a standby (asking every second) takes over from what is stored. On the embedded
 * database there is one process, so it simply runs.
 */
export function createSequencer(options: SequencerOptions): Sequencer {
  const { db, signer, origin, logger } = options;
  let stopped = true;
  let leader = false;
  let running: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;
  let wokenEarly = false;
  let lastNudgeSent = 0;
  const witness = createWitnessPoster(options.witnessUrl, logger);

  function wake(): void {
    wokenEarly = true;
    wakeUp?.();
  }

  /** Waits for a nudge or the poll interval, whichever comes first. */
  function idle(ms: number): Promise<void> {
    if (wokenEarly || stopped) {
      wokenEarly = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        wokenEarly = false;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function load(executor: Db): Promise<TreeState> {
    const size = await q.treeSize(executor);
    const frontier = TreeFrontier.fromNodes(size, lookupFrom(await q.findNodes(executor, TreeFrontier.nodesFor(size))));
    const latest = await q.latestCheckpoint(executor);
    const sealed = latest !== undefined && latest.treeSize === size && signersOf(parseNote(latest.note), [signer], nodeVerify).length > 0;
    return { frontier, horizon: latest?.horizon ?? "0", sealed };
  }

  /** Seals one batch; answers how many events it placed. */
  async function sealBatch(executor: Db, state: TreeState): Promise<{ placed: number; state: TreeState }> {
    const result = await executor.transaction(async (tx) => {
      // Read first: whatever ended before this is visible to the query after it.
      const oldestRunning = await q.oldestRunningTransaction(tx);
      const pending = await q.unsealedEvents(tx, state.horizon, BATCH_LIMIT);
      const last = pending.at(-1);
      // A full batch may have left events of its last transaction (and later ones) behind.
      const horizon = last && pending.length === BATCH_LIMIT ? minXid(oldestRunning, last.txId) : oldestRunning;
      if (pending.length === 0 && state.sealed) return { placed: 0, note: null, state: { ...state, horizon } };
      const legacy = await q.canonicalTexts(
        tx,
        pending.filter((e) => e.leafHash === null).map((e) => e.id),
      );
      const frontier = state.frontier.clone();
      const leaves: { logIndex: number; eventId: number }[] = [];
      const nodes: StoredNode[] = [];
      for (const event of pending) {
        leaves.push({ logIndex: frontier.size, eventId: event.id });
        nodes.push(...frontier.append(event.leafHash ?? leafHash(legacy.get(event.id) as string)));
      }
      const note = signNote(checkpointBody({ origin, size: frontier.size, root: frontier.root() }), signer, nodeSign);
      await q.insertBatch(tx, { leaves, nodes, checkpoint: { treeSize: frontier.size, note, horizon } });
      return { placed: pending.length, note, state: { frontier, horizon, sealed: true } };
    });
    if (result.note) witness.post(result.note);
    return result;
  }

  /** Seals until nothing committed is waiting, then idles until nudged or the poll comes round. */
  async function sequence(executor: Db): Promise<void> {
    let state = await load(executor);
    while (!stopped) {
      const started = Date.now();
      const outcome = await sealBatch(executor, state);
      state = outcome.state;
      if (outcome.placed < BATCH_LIMIT) {
        await sleep(Math.max(0, MIN_BATCH_GAP_MS - (Date.now() - started)));
        await idle(options.pollMs);
      }
    }
  }

  async function runEmbedded(): Promise<void> {
    leader = true;
    let retry = options.pollMs;
    while (!stopped) {
      try {
        await sequence(db);
      } catch (error) {
        logger.error({ err: error }, "log sequencer: sealing failed; retrying");
        await sleep(retry);
        retry = Math.min(retry * 2, MAX_RETRY_MS);
      }
    }
  }

  async function runElected(databaseUrl: string): Promise<void> {
    let retry = ELECTION_RETRY_MS;
    while (!stopped) {
      let session: SessionConnection | null = null;
      try {
        // Named so that pg_stat_activity shows which process holds the sequencer's lock.
        session = await openSessionConnection(databaseUrl, { applicationName: `${SEQUENCER_APPLICATION_NAME}/${process.pid}` });
        retry = ELECTION_RETRY_MS;
        while (!stopped && !leader) {
          const result = (await session.db.execute(sql`select pg_try_advisory_lock(${SEQUENCER_LOCK_KEY}) as locked`)) as unknown as { rows: { locked: boolean }[] };
          leader = result.rows[0]?.locked === true;
          if (!leader) await sleep(ELECTION_RETRY_MS);
        }
        if (stopped) break;
        logger.info("log sequencer: this instance now seals the log");
        await session.listen(WAKE_CHANNEL, wake);
        await sequence(session.db);
      } catch (error) {
        if (!stopped) logger.warn({ err: error }, leader ? "log sequencer: lost its database connection; standing down" : "log sequencer: cannot reach the database");
      } finally {
        leader = false;
        await session?.close();
      }
      if (!stopped) {
        await sleep(retry);
        retry = Math.min(retry * 2, MAX_RETRY_MS);
      }
    }
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      running = options.databaseUrl ? runElected(options.databaseUrl) : runEmbedded();
    },
    async stop() {
      stopped = true;
      wake();
      await running;
      running = null;
      await witness.drain();
    },
    nudge() {
      if (stopped) return;
      if (leader) return wake();
      if (!options.databaseUrl) return;
      const now = Date.now();
      if (now - lastNudgeSent < NUDGE_GAP_MS) return;
      lastNudgeSent = now;
      db.execute(sql`select pg_notify(${WAKE_CHANNEL}, '')`).catch(() => undefined);
    },
    isLeader: () => leader,
  };
}

/** Posts each checkpoint, in order, to the witness; a slow or absent witness never holds sealing up. */
function createWitnessPoster(url: string | undefined, logger: FastifyBaseLogger) {
  const MAX_QUEUED = 1000;
  let queued = 0;
  let chain: Promise<void> = Promise.resolve();
  return {
    post(note: string): void {
      if (!url) return;
      if (queued >= MAX_QUEUED) {
        logger.warn("log witness: too many checkpoints waiting; skipping one (the next one still proves this one's tree)");
        return;
      }
      queued += 1;
      chain = chain
        .then(async () => {
          const response = await fetch(url, { method: "POST", headers: { "content-type": "text/plain; charset=utf-8" }, body: note, signal: AbortSignal.timeout(5000) });
          if (!response.ok) logger.warn({ status: response.status }, "log witness: refused a checkpoint");
        })
        .catch((error: unknown) => logger.warn({ err: error }, "log witness: could not post a checkpoint"))
        .finally(() => {
          queued -= 1;
        });
    },
    drain: () => chain,
  };
}
