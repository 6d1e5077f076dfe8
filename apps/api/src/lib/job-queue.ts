import type { FastifyBaseLogger } from "fastify";
import PgBoss from "pg-boss";

/** Work that runs on a timer, somewhere among the running instances. */
export interface JobQueue {
  /** Runs `handler` about once a minute. Call before start(). */
  everyMinute(name: string, handler: () => Promise<void>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly kind: "pg-boss" | "in-process";
}

/**
 * On PostgreSQL, pg-boss: each minute's job is made once by whichever instance's cron monitor gets
 * there first and taken by one worker (SKIP LOCKED), so several instances do not all run it. It
 * keeps its tables in its own schema, `pgboss`, which it makes at start, so it connects as the
 * tables' owner (MIGRATION_DATABASE_URL) when there is one.
 */
export function pgBossQueue(settings: { connectionString: string; timeZone: string; logger: FastifyBaseLogger }): JobQueue {
  const boss = new PgBoss({ connectionString: settings.connectionString, max: 3, application_name: "green-tape-jobs" });
  boss.on("error", (err) => settings.logger.error({ err }, "job queue error"));
  const jobs: { name: string; handler: () => Promise<void> }[] = [];
  return {
    kind: "pg-boss",
    everyMinute(name, handler) {
      jobs.push({ name, handler });
    },
    async start() {
      await boss.start();
      for (const { name, handler } of jobs) {
        await boss.createQueue(name, { name, policy: "singleton" });
        await boss.schedule(name, "* * * * *", undefined, { tz: settings.timeZone });
        await boss.work(name, { pollingIntervalSeconds: 5 }, async () => handler());
      }
    },
    stop: () => boss.stop({ graceful: true, timeout: 5_000, wait: true }),
  };
}

/**
 * On the embedded database there is one process, so a timer in it is the queue. What the jobs do is
 * keyed in the database (notifications_sent), so a run twice over would still send nothing twice.
 */
export function inProcessQueue(settings: { logger: FastifyBaseLogger; intervalMs?: number }): JobQueue {
  const jobs: { name: string; handler: () => Promise<void> }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const runAll = async () => {
    for (const { name, handler } of jobs) {
      await handler().catch((err: unknown) => settings.logger.error({ err, job: name }, "job failed"));
    }
  };
  return {
    kind: "in-process",
    everyMinute(name, handler) {
      jobs.push({ name, handler });
    },
    async start() {
      timer = setInterval(() => {
        running ??= runAll().finally(() => (running = undefined));
      }, settings.intervalMs ?? 60_000);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
