import { stringify } from "csv-stringify/sync";
import type { Db } from "@greentape/db/client";
import { periodOf, todayIn } from "@greentape/domain/dates";
import { ForbiddenError, NotFoundError, ValidationError } from "@greentape/domain/errors";
import { toDecimalString } from "@greentape/domain/money";
import { canOverseeTeam } from "@greentape/domain/permissions";
import { spreadsheetSafe } from "@greentape/domain/spreadsheet-safe";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import { decodeCursor, encodeCursor } from "../../lib/cursor.ts";
import type { Actor } from "../../plugins/access.ts";
import type { PausesService } from "../pauses/index.ts";
import { restrictionsInForceOf, toRestrictionView } from "../restrictions/index.ts";
import { appliesToTeam, listCurrentSchemes } from "../schemes/index.ts";
import { toSpendView } from "../spends/index.ts";
import { findTeam, openWork } from "../worklists/index.ts";
import * as q from "./supervision.queries.ts";

/** Rows fetched at a time when the whole filtered list is written to a CSV. */
const CSV_BATCH = 500;

const CSV_COLUMNS = [
  "spent_on",
  "worker_id",
  "worker_name",
  "client_id",
  "client_reference",
  "category",
  "payee",
  "amount",
  "currency",
  "payment_method",
  "justification",
  "follow_up",
  "follow_up_due_on",
  "receipt",
  "voided",
  "spend_id",
] as const;

type TeamSpendRow = Awaited<ReturnType<typeof q.teamSpends>>[number];

function receiptState(row: TeamSpendRow): "attached" | "declared_lost" | "missing" {
  if (row.receiptCount > 0) return "attached";
  return row.receiptLost ? "declared_lost" : "missing";
}

/**
 * What a supervisor needs to support their team's people: who is in it, how much of their
 * allowance each has used, what each has open, whether they are paused; and every spend of the
 * team, filtered. Auditors and admins may look at any team.
 */
export function createSupervisionService(deps: { db: Db; clock: Clock; config: Pick<Config, "timeZone">; pauses: PausesService }) {
  const { db, clock, config, pauses } = deps;
  const today = () => todayIn(config.timeZone, clock.now());

  /** The supervisor's own team when none is named; auditors and admins must name one. */
  async function teamFor(actor: Actor, teamId: string | undefined) {
    const id = teamId ?? (actor.role === "supervisor" ? actor.teamId : null);
    if (!id) throw ValidationError.field("teamId", "Choose a team");
    if (!canOverseeTeam(actor, id)) throw new ForbiddenError("Supervisors see their own team's people and spends.");
    const team = await findTeam(db, id);
    if (!team) throw new NotFoundError("Team");
    return team;
  }

  async function page(teamId: string, filter: q.TeamSpendFilter, day: string, cursor: string | undefined, limit: number) {
    const after = decodeCursor(cursor, ["spentOn", "createdAt", "id"] as const);
    const rows = await q.teamSpends(db, teamId, filter, day, { after, limit });
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCursor({ spentOn: last.spend.spentOn, createdAt: last.spend.createdAt.toISOString(), id: last.spend.id }) : null;
    return { rows: shown, nextCursor };
  }

  return {
    async members(actor: Actor, query: { teamId?: string | undefined }) {
      const team = await teamFor(actor, query.teamId);
      const day = today();
      const period = periodOf(day);
      const [people, schemes, work] = await Promise.all([q.teamMembers(db, team.id), listCurrentSchemes(db), openWork(db, { teamId: team.id }, day)]);
      const [counters, pauseStates, restrictionRows] = await Promise.all([
        q.workerCounters(
          db,
          people.map((p) => p.id),
          period,
        ),
        Promise.all(people.map((p) => pauses.stateOf(p.id))),
        restrictionsInForceOf(
          db,
          people.map((p) => p.id),
          day,
        ),
      ]);
      const teamSchemes = schemes.filter((s) => appliesToTeam(s, team.id));
      return {
        team,
        period,
        today: day,
        members: people.map((person, i) => {
          const theirs = work.filter((w) => w.spend.workerId === person.id);
          const pause = pauseStates[i];
          return {
            ...person,
            allowance: teamSchemes.map((s) => ({
              schemeId: s.schemeId,
              schemeName: s.name,
              currency: s.currency,
              used: counters.find((c) => c.ownerId === person.id && c.schemeId === s.schemeId)?.used ?? 0,
              limit: s.perWorkerMonthlyCap,
            })),
            openTodos: theirs.length,
            overdueTodos: theirs.filter((w) => w.overdue).length,
            pause: { paused: pause?.paused ?? false, overdueJustifications: pause?.overdueSpends.length ?? 0, snoozedUntil: pause?.snoozedUntil ?? null },
            // Whoever oversees the team may see its members' restrictions (canSeeRestrictions), reasons included.
            restrictions: restrictionRows.filter((r) => r.userId === person.id).map((r) => toRestrictionView(r, true)),
          };
        }),
      };
    },

    async spends(actor: Actor, query: q.TeamSpendFilter & { teamId?: string | undefined; cursor?: string | undefined; limit: number }) {
      const { teamId, cursor, limit, ...filter } = query;
      const team = await teamFor(actor, teamId);
      const day = today();
      const [{ rows, nextCursor }, totals] = await Promise.all([page(team.id, filter, day, cursor, limit), q.teamSpendTotals(db, team.id, filter, day)]);
      return {
        team,
        today: day,
        ...totals,
        items: rows.map((r) => ({
          ...toSpendView(r.spend, day),
          workerName: r.workerName,
          clientReference: r.clientReference,
          receipt: receiptState(r),
        })),
        nextCursor,
      };
    },

    /** Every spend the filter matches, as a CSV: the same order as the list, names beside ids. */
    async spendsCsv(actor: Actor, query: q.TeamSpendFilter & { teamId?: string | undefined }) {
      const { teamId, ...filter } = query;
      const team = await teamFor(actor, teamId);
      const day = today();
      const lines: unknown[][] = [[...CSV_COLUMNS]];
      let cursor: string | undefined;
      do {
        const next = await page(team.id, filter, day, cursor, CSV_BATCH);
        for (const r of next.rows) {
          const s = r.spend;
          lines.push([
            s.spentOn,
            s.workerId,
            spreadsheetSafe(r.workerName),
            s.clientId,
            spreadsheetSafe(r.clientReference),
            spreadsheetSafe(s.category),
            spreadsheetSafe(s.payee),
            toDecimalString(s.amount),
            s.currency,
            s.paymentMethod,
            s.justificationStatus,
            s.followUpStatus,
            s.followUpDueOn,
            receiptState(r),
            s.voidedAt ? "yes" : "no",
            s.id,
          ]);
        }
        cursor = next.nextCursor ?? undefined;
      } while (cursor);
      return { filename: `team-spends-${day}.csv`, body: stringify(lines, { record_delimiter: "\r\n" }) };
    },
  };
}

export type SupervisionService = ReturnType<typeof createSupervisionService>;
