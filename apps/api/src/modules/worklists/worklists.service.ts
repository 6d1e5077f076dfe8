import type { Db, Executor } from "@greentape/db/client";
import { remaining } from "@greentape/domain/caps";
import { periodOf, todayIn } from "@greentape/domain/dates";
import { ForbiddenError, NotFoundError, ValidationError } from "@greentape/domain/errors";
import { FOLLOW_UP_OUTCOMES, type FollowUpOutcome } from "@greentape/domain/workflow-input";
import type { SpendView } from "@greentape/contract/spends";
import type { TodoNeed } from "@greentape/contract/worklists";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import { decodeCursor, encodeCursor } from "../../lib/cursor.ts";
import type { Actor } from "../../plugins/access.ts";
import type { NotificationsService } from "../notifications/index.ts";
import { appliesToTeam, listCurrentSchemes } from "../schemes/index.ts";
import { toSpendView, userNames } from "../spends/index.ts";
import * as q from "./worklists.queries.ts";

export interface TodoItem {
  need: TodoNeed;
  dueOn: string;
  overdue: boolean;
  spend: SpendView;
}

/** How many of the client's earlier spends sit beside each case in the review queue. */
const CLIENT_HISTORY_LIMIT = 10;

/** The open work on a spend, with the due date and overdue flag its view already derived. */
export function needsOf(spend: SpendView): TodoItem[] {
  const items: TodoItem[] = [];
  if (spend.justificationStatus === "due" || spend.justificationStatus === "queried") {
    const need = spend.justificationStatus === "due" ? "justify" : "answer_query";
    items.push({ need, dueOn: spend.justificationDueOn, overdue: spend.justificationOverdue, spend });
  }
  if (spend.followUpStatus === "pending") items.push({ need: "follow_up", dueOn: spend.followUpDueOn, overdue: spend.followUpOverdue, spend });
  return items;
}

/**
 * Everything open on the owner's live spends: the tracks' work, and a receipt for every spend that
 * has neither one nor a declaration that it was lost. A receipt has no deadline of its own; it is
 * wanted with the justification, so it sorts by that date and is never counted overdue.
 */
export async function openWork(db: Executor, owner: { workerId: string } | { teamId: string }, today: string): Promise<TodoItem[]> {
  const [open, unreceipted] = await Promise.all([q.openSpends(db, owner), q.spendsMissingReceipts(db, owner)]);
  const receipts = unreceipted.map((row): TodoItem => {
    const spend = toSpendView(row, today);
    return { need: "add_receipt", dueOn: spend.justificationDueOn, overdue: false, spend };
  });
  return [...open.flatMap((r) => needsOf(toSpendView(r, today))), ...receipts].sort(soonestFirst);
}

function soonestFirst(a: TodoItem, b: TodoItem): number {
  return a.dueOn.localeCompare(b.dueOn) || Number(b.overdue) - Number(a.overdue) || a.spend.createdAt.localeCompare(b.spend.createdAt);
}

export function createWorklistsService(deps: { db: Db; clock: Clock; config: Pick<Config, "timeZone">; notifications: NotificationsService }) {
  const { db, clock, config, notifications } = deps;
  const today = () => todayIn(config.timeZone, clock.now());

  /** A supervisor's own team; auditors and admins name one. */
  async function summaryTeam(actor: Actor, teamId: string | undefined) {
    if (actor.role === "supervisor") {
      if (teamId && teamId !== actor.teamId) throw new ForbiddenError("Supervisors see their own team's summary.");
      teamId = actor.teamId ?? undefined;
    }
    if (!teamId) throw ValidationError.field("teamId", "Choose a team");
    const team = await q.findTeam(db, teamId);
    if (!team) throw new NotFoundError("Team");
    return team;
  }

  return {
    /** The caller's own spends that need something from them (a receipt included), soonest due first; overdue is derived from today. */
    async todo(actor: Actor): Promise<{ today: string; items: TodoItem[] }> {
      await notifications.raiseDueSoonWarnings(actor);
      const day = today();
      return { today: day, items: await openWork(db, { workerId: actor.id }, day) };
    },

    /**
     * Submitted justifications of the supervisor's team, oldest case first, never their own spends,
     * each with its flags, the justification, earlier review rounds and the client's earlier spends.
     */
    async reviewQueue(actor: Actor, page: { cursor?: string | undefined; limit: number }) {
      if (!actor.teamId) return { items: [], nextCursor: null, waiting: 0 };
      const after = decodeCursor(page.cursor, ["createdAt", "id"] as const);
      const [rows, waiting] = await Promise.all([q.reviewQueue(db, actor.teamId, actor.id, { after, limit: page.limit }), q.reviewQueueSize(db, actor.teamId, actor.id)]);
      const cases = rows.slice(0, page.limit);
      const ids = cases.map((s) => s.id);
      const [revisions, reviewRows, refs, histories] = await Promise.all([
        q.revisionsOf(db, ids),
        q.reviewsOf(db, ids),
        q.clientRefs(db, cases.map((s) => s.clientId)),
        Promise.all(cases.map((s) => q.clientHistory(db, s, CLIENT_HISTORY_LIMIT))),
      ]);
      const names = await userNames(db, [...cases.map((s) => s.workerId), ...reviewRows.map((r) => r.reviewerId), ...histories.flat().map((h) => h.workerId)]);
      const who = (id: string) => ({ id, name: names.get(id) ?? "Unknown" });
      const day = today();
      const items = cases.map((spend, i) => {
        const latest = revisions.filter((r) => r.spendId === spend.id).at(-1);
        return {
          spend: toSpendView(spend, day),
          worker: who(spend.workerId),
          client: { id: spend.clientId, reference: refs.get(spend.clientId) ?? "" },
          justification: latest
            ? { narrative: latest.narrative, intendedOutcome: latest.intendedOutcome, revision: latest.revision, submittedAt: latest.createdAt.toISOString() }
            : null,
          reviews: reviewRows
            .filter((r) => r.spendId === spend.id)
            .map((r) => ({ id: r.id, reviewer: who(r.reviewerId), decision: r.decision, comment: r.comment, revision: r.revision, createdAt: r.createdAt.toISOString() })),
          clientHistory: (histories[i] ?? []).map((h) => ({ ...h, worker: who(h.workerId) })),
        };
      });
      const last = cases.at(-1);
      return { items, nextCursor: rows.length > page.limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null, waiting };
    },

    /** Spend against each scheme's team budget in a period, the team's overdue work now, and how clients said it went. */
    async teamSummary(actor: Actor, query: { period?: string | undefined; teamId?: string | undefined }) {
      const team = await summaryTeam(actor, query.teamId);
      const day = today();
      const period = query.period ?? periodOf(day);
      const [spent, schemes, open, outcomeRows] = await Promise.all([
        q.teamSpendBySchemes(db, team.id, period),
        listCurrentSchemes(db),
        q.openSpends(db, { teamId: team.id }),
        q.teamOutcomes(db, team.id, period),
      ]);
      const overdueItems = open.flatMap((r) => needsOf(toSpendView(r, day))).filter((n) => n.overdue).sort(soonestFirst);
      const names = await userNames(db, overdueItems.map((n) => n.spend.workerId));
      const outcomes = Object.fromEntries(FOLLOW_UP_OUTCOMES.map((o) => [o, 0])) as Record<FollowUpOutcome, number>;
      for (const row of outcomeRows) if (row.outcome in outcomes) outcomes[row.outcome as FollowUpOutcome] = row.n;
      return {
        team,
        period,
        today: day,
        schemes: schemes
          .filter((s) => appliesToTeam(s, team.id) || spent.has(s.schemeId))
          .map((s) => {
            const used = spent.get(s.schemeId);
            return {
              schemeId: s.schemeId,
              schemeVersion: s.version,
              name: s.name,
              currency: s.currency,
              teamMonthlyBudget: s.teamMonthlyBudget,
              spent: used?.spent ?? 0,
              remaining: remaining(s.teamMonthlyBudget, used?.spent ?? 0),
              spendCount: used?.spendCount ?? 0,
            };
          }),
        overdue: {
          justifications: overdueItems.filter((n) => n.need !== "follow_up").length,
          followUps: overdueItems.filter((n) => n.need === "follow_up").length,
          items: overdueItems.map((n) => ({ ...n, worker: { id: n.spend.workerId, name: names.get(n.spend.workerId) ?? "Unknown" } })),
        },
        outcomes,
      };
    },
  };
}

export type WorklistsService = ReturnType<typeof createWorklistsService>;
