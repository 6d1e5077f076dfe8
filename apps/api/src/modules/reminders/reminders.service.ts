import type { FastifyBaseLogger } from "fastify";
import type { Db } from "@greentape/db/client";
import { addDays, todayIn } from "@greentape/domain/dates";
import { dueInstant, isDueSoon, startOfDayIn } from "@greentape/domain/deadlines";
import { ValidationError } from "@greentape/domain/errors";
import {
  channelsNow,
  composeMessage,
  DEFAULT_QUIET_HOURS,
  defaultChannel,
  DUE_DATE_WARNINGS,
  inQuietHours,
  isAllowedChoice,
  MESSAGE_KINDS,
  minuteOfDayIn,
  renderEmail,
  type ChannelChoice,
  type MessageFacts,
  type MessageKind,
  type SpendFacts,
} from "@greentape/domain/outbound-messages";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Mailer } from "../../lib/mailer.ts";
import type { PushSender } from "../../lib/push-sender.ts";
import type { Actor } from "../../plugins/access.ts";
import type { PausesService } from "../pauses/index.ts";
import * as q from "./reminders.queries.ts";
import type { NotificationKind } from "@greentape/domain/notification-kinds";

const HOUR_MS = 3_600_000;
/** In-app notices younger than this still go out (a sweep missed while every instance was down). */
const NOTICE_LOOKBACK_MS = 48 * HOUR_MS;
/** The digest goes at or after this local time, once a day. */
const DIGEST_MINUTE = 8 * 60;

/** The in-app notices that also go out by email and push, as the message each becomes. */
const NOTICE_KINDS: Partial<Record<NotificationKind, MessageKind>> = {
  "justification.query": "supervisor_question",
  "justification.concern": "supervisor_concern",
  "restriction.set": "restriction_set",
  "restriction.lifted": "restriction_lifted",
};

interface Key {
  kind: MessageKind;
  subjectId: string;
  dueAt: Date;
}

export interface PreferencesView {
  kinds: { kind: MessageKind; choice: ChannelChoice; canTurnOff: boolean }[];
  quietFrom: string;
  quietTo: string;
}

const clockTime = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
const minuteOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * Reminders that reach people outside the app, by email and Web Push. A sweep (the job queue runs
 * one a minute) works out from the database what is due to whom at this moment, and sends each
 * message once: its key (person, kind, subject, due moment) is claimed in notifications_sent
 * before it goes, so two instances sweeping at once, or a sweep run twice, send nothing twice.
 */
export function createRemindersService(deps: { db: Db; clock: Clock; config: Pick<Config, "timeZone" | "appUrl">; mailer: Mailer; push: PushSender; pauses: PausesService; logger: FastifyBaseLogger }) {
  const { db, clock, config, mailer, push, pauses, logger } = deps;
  const tz = config.timeZone;

  async function choiceFor(userId: string, kind: MessageKind) {
    const prefs = await q.findPreferences(db, userId);
    const chosen = (prefs?.channels[kind] as ChannelChoice | undefined) ?? defaultChannel(kind);
    return { choice: isAllowedChoice(kind, chosen) ? chosen : defaultChannel(kind), quietFrom: prefs?.quietFrom ?? DEFAULT_QUIET_HOURS.from, quietTo: prefs?.quietTo ?? DEFAULT_QUIET_HOURS.to };
  }

  async function pushTo(userId: string, payload: object): Promise<void> {
    for (const target of await q.liveSubscriptions(db, userId)) {
      if ((await push.send(target, payload)) === "gone") await q.deleteSubscription(db, target.endpoint);
    }
  }

  /**
   * Sends one message the ways the person wants it, each way once. In quiet hours push keeps
   * quiet and email still goes; the push waits, for a sweep after quiet hours, while the message is
   * still due.
   */
  async function deliver(userId: string, key: Key, facts: () => Promise<MessageFacts> | MessageFacts): Promise<void> {
    const now = clock.now();
    const { choice, quietFrom, quietTo } = await choiceFor(userId, key.kind);
    const ways = channelsNow(choice, inQuietHours(minuteOfDayIn(tz, now), quietFrom, quietTo));
    const sentKey = { userId, ...key };
    const already = await q.sentChannels(db, sentKey);
    const email = ways.email && !already.includes("email");
    const push = ways.push && !already.includes("push");
    if (!email && !push) return;
    const recipient = await q.findRecipient(db, userId);
    if (!recipient?.active) return;
    const message = composeMessage(await facts());
    if (email && (await q.claimChannel(db, sentKey, "email", now))) {
      await mailer.send({ to: recipient.email, ...renderEmail(message, `${config.appUrl}${message.path}`) });
    }
    if (push && (await q.claimChannel(db, sentKey, "push", now))) {
      await pushTo(userId, { title: message.subject, body: message.paragraphs[0], path: message.path, tag: `${key.kind}:${key.subjectId}` });
    }
  }

  /** One failed message (a mail server down) must not stop the rest of the sweep. */
  async function attempt(userId: string, key: Key, facts: () => Promise<MessageFacts> | MessageFacts) {
    await deliver(userId, key, facts).catch((err: unknown) => logger.error({ err, kind: key.kind }, "could not send a reminder"));
  }

  async function deadlines(now: Date, today: string) {
    const rows = await q.spendsWithDeadlines(db, addDays(today, -40), addDays(today, 3));
    const owingPastGrace = new Set<string>();
    for (const row of rows) {
      const spend: SpendFacts = { id: row.id, amount: row.amount, currency: row.currency, spentOn: row.spentOn };
      if (row.justificationOwed) {
        const due = dueInstant(tz, row.justificationDueOn);
        const pausesAt = startOfDayIn(tz, addDays(row.justificationDueOn, row.graceDays + 1));
        if (isDueSoon(tz, row.justificationDueOn, now)) {
          await attempt(row.workerId, { kind: "justification_due", subjectId: row.id, dueAt: due }, () => ({ kind: "justification_due", spend, dueOn: row.justificationDueOn }));
        } else if (now >= due && now < pausesAt) {
          await attempt(row.workerId, { kind: "justification_overdue", subjectId: row.id, dueAt: due }, () => ({ kind: "justification_overdue", spend, dueOn: row.justificationDueOn }));
        }
        if (now < pausesAt && now.getTime() >= pausesAt.getTime() - 24 * HOUR_MS) {
          await attempt(row.workerId, { kind: "pause_tomorrow", subjectId: row.id, dueAt: pausesAt }, () => ({ kind: "pause_tomorrow", spend, pausesOn: todayIn(tz, pausesAt) }));
        }
        if (now >= pausesAt) owingPastGrace.add(row.workerId);
      }
      if (row.followUpPending && isDueSoon(tz, row.followUpDueOn, now)) {
        await attempt(row.workerId, { kind: "follow_up_due", subjectId: row.id, dueAt: dueInstant(tz, row.followUpDueOn) }, () => ({ kind: "follow_up_due", spend, dueOn: row.followUpDueOn }));
      }
    }
    return owingPastGrace;
  }

  /**
   * A pause is derived, not stored: its beginning and end are noticed by comparing the state now
   * with what was last said. Saying it again is harmless (each way goes once), and lets a push held
   * back by quiet hours go later.
   */
  async function pauseChanges(now: Date, today: string, candidates: Set<string>) {
    const recent = await q.workersToldOfPauseSince(db, new Date(now.getTime() - 14 * 24 * HOUR_MS));
    for (const workerId of new Set([...candidates, ...recent])) {
      const state = await pauses.stateOf(workerId);
      const said = await q.pauseMessages(db, workerId);
      const latest = said.filter((m) => m.kind === "pause_began").sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime())[0];
      const ended = latest && said.some((m) => m.kind === "pause_ended" && m.subjectId === latest.subjectId && m.dueAt.getTime() === latest.dueAt.getTime());
      const oldest = state.overdueSpends[0];
      if (state.paused && latest && !ended) {
        await attempt(workerId, { kind: "pause_began", subjectId: latest.subjectId, dueAt: latest.dueAt }, () => ({ kind: "pause_began" }));
      } else if (state.paused && oldest) {
        await attempt(workerId, { kind: "pause_began", subjectId: oldest.id, dueAt: startOfDayIn(tz, today) }, () => ({ kind: "pause_began" }));
      } else if (!state.paused && latest) {
        await attempt(workerId, { kind: "pause_ended", subjectId: latest.subjectId, dueAt: latest.dueAt }, () => ({ kind: "pause_ended" }));
      }
    }
  }

  async function notices(now: Date) {
    const rows = await q.noticesSince(db, new Date(now.getTime() - NOTICE_LOOKBACK_MS), Object.keys(NOTICE_KINDS) as NotificationKind[]);
    const auditors = rows.some((r) => r.kind === "justification.concern") ? await q.activeUsersWithRole(db, "auditor") : [];
    for (const row of rows) {
      const kind = NOTICE_KINDS[row.kind] as MessageKind;
      const spend: SpendFacts | null = row.spendId && row.amount !== null && row.currency && row.spentOn ? { id: row.spendId, amount: row.amount, currency: row.currency, spentOn: row.spentOn } : null;
      const key = { kind, subjectId: row.id, dueAt: row.createdAt };
      if (kind === "restriction_set" || kind === "restriction_lifted") await attempt(row.userId, key, () => ({ kind }));
      else if (spend && (kind === "supervisor_question" || kind === "supervisor_concern")) {
        await attempt(row.userId, key, () => ({ kind, spend }));
        if (kind === "supervisor_concern") {
          for (const auditor of auditors) await attempt(auditor.id, { ...key, kind: "concern_raised" }, () => ({ kind: "concern_raised", spend }));
        }
      }
    }
  }

  async function digests(now: Date, today: string) {
    if (minuteOfDayIn(tz, now) < DIGEST_MINUTE) return;
    const dueAt = startOfDayIn(tz, today);
    for (const supervisor of await q.activeUsersWithRole(db, "supervisor")) {
      const teamId = supervisor.teamId;
      if (teamId === null) continue;
      await attempt(supervisor.id, { kind: "daily_digest", subjectId: teamId, dueAt }, async () => ({ kind: "daily_digest", day: today, ...(await q.teamDigest(db, teamId, today)) }));
    }
  }

  return {
    /** Everything due to anyone at this moment, each message once. Safe to run anywhere, at any time, as often as wanted. */
    async sweep(): Promise<void> {
      const now = clock.now();
      const today = todayIn(tz, now);
      const owingPastGrace = await deadlines(now, today);
      await pauseChanges(now, today, owingPastGrace);
      await notices(now);
      await digests(now, today);
      await q.deleteEndedSubscriptions(db);
    },

    pushKey: () => push.publicKey,

    async subscribe(actor: Actor, sessionId: string, input: { endpoint: string; keys: { p256dh: string; auth: string } }) {
      await q.saveSubscription(db, { userId: actor.id, sessionId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, createdAt: clock.now() });
    },

    async unsubscribe(actor: Actor, endpoint: string) {
      await q.deleteSubscription(db, endpoint, actor.id);
    },

    async preferences(actor: Actor): Promise<PreferencesView> {
      const prefs = await q.findPreferences(db, actor.id);
      return {
        kinds: MESSAGE_KINDS.map((kind) => {
          const chosen = (prefs?.channels[kind] as ChannelChoice | undefined) ?? defaultChannel(kind);
          return { kind, choice: isAllowedChoice(kind, chosen) ? chosen : defaultChannel(kind), canTurnOff: !DUE_DATE_WARNINGS.includes(kind) };
        }),
        quietFrom: clockTime(prefs?.quietFrom ?? DEFAULT_QUIET_HOURS.from),
        quietTo: clockTime(prefs?.quietTo ?? DEFAULT_QUIET_HOURS.to),
      };
    },

    async setPreferences(actor: Actor, input: { channels: Partial<Record<MessageKind, ChannelChoice>>; quietFrom: string; quietTo: string }): Promise<PreferencesView> {
      const refused = Object.entries(input.channels).filter(([kind, choice]) => !isAllowedChoice(kind as MessageKind, choice));
      if (refused.length > 0) throw new ValidationError(refused.map(([kind]) => ({ path: `channels.${kind}`, message: "Due-date warnings cannot be turned off: choose email, push or both" })));
      const current = await q.findPreferences(db, actor.id);
      await q.savePreferences(db, { userId: actor.id, channels: { ...current?.channels, ...input.channels }, quietFrom: minuteOf(input.quietFrom), quietTo: minuteOf(input.quietTo), updatedAt: clock.now() });
      return this.preferences(actor);
    },
  };
}

export type RemindersService = ReturnType<typeof createRemindersService>;
