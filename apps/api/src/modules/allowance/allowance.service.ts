import type { Db } from "@greentape/db/client";
import { remaining, rollingWindowPeak, type CapName } from "@greentape/domain/caps";
import { addDays, periodOf, todayIn } from "@greentape/domain/dates";
import { ForbiddenError, ValidationError } from "@greentape/domain/errors";
import { lowerCaps } from "@greentape/domain/restrictions";
import type { RestrictionView } from "@greentape/contract/restrictions";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Actor } from "../../plugins/access.ts";
import { findClient } from "../clients/index.ts";
import { type RestrictionsService, toRestrictionView } from "../restrictions/index.ts";
import { appliesToTeam, findSchemeVersion, listCurrentSchemes } from "../schemes/index.ts";
import { clientSpendsBetween, counterUsed } from "../spends/index.ts";

export interface CapState {
  limit: number | null;
  used: number;
  remaining: number | null;
}

export interface Allowance {
  schemeId: string;
  schemeVersion: number;
  schemeName: string;
  currency: string;
  period: string;
  today: string;
  clientId: string | null;
  caps: Record<CapName, CapState>;
  /** The most one spend could be right now: the smallest remaining amount (0 while suspended); null when nothing caps it. */
  maxSpend: number | null;
  /** A suspension of the caller in force today: they may spend nothing until it ends or is lifted. */
  suspended: boolean;
  /** The caller's restrictions in force today, with their reasons; the caps above already use any lowered ones. */
  restrictions: RestrictionView[];
}

/** What the caller may still spend now under each cap: a read for people, not the enforcement. */
export function createAllowanceService(deps: { db: Db; clock: Clock; config: Pick<Config, "timeZone">; restrictions: Pick<RestrictionsService, "inForceFor"> }) {
  const { db, clock, config, restrictions } = deps;
  return {
    async forActor(actor: Actor, options: { schemeId?: string | undefined; clientId?: string | undefined }): Promise<Allowance> {
      if (!actor.teamId) throw new ForbiddenError("Only members of a team have an allowance.");
      const teamId = actor.teamId;
      const scheme = options.schemeId
        ? await findSchemeVersion(db, options.schemeId)
        : (await listCurrentSchemes(db)).find((s) => appliesToTeam(s, teamId));
      if (!scheme || !appliesToTeam(scheme, teamId)) throw ValidationError.field("schemeId", "No such scheme applies to your team");
      const today = todayIn(config.timeZone, clock.now());
      const period = periodOf(today);

      let clientUsed = 0;
      if (options.clientId) {
        const client = await findClient(db, options.clientId);
        if (!client || client.teamId !== teamId) throw ValidationError.field("clientId", "No such client in your team");
        const window = scheme.perClientWindowDays;
        const recent = await clientSpendsBetween(db, client.id, scheme.schemeId, addDays(today, -(window - 1)), today);
        clientUsed = rollingWindowPeak(recent, today, window);
      }
      const [teamUsed, workerUsed, restricted] = await Promise.all([
        counterUsed(db, "team", scheme.schemeId, teamId, period),
        counterUsed(db, "worker", scheme.schemeId, actor.id, period),
        restrictions.inForceFor(db, actor.id, today),
      ]);
      const personal = lowerCaps(scheme, restricted);
      const state = (limit: number | null, used: number): CapState => ({ limit, used, remaining: remaining(limit, used) });
      const caps: Record<CapName, CapState> = {
        perSpend: state(personal.perSpendCap, 0),
        perClient: options.clientId ? state(scheme.perClientCap, clientUsed) : { limit: scheme.perClientCap, used: 0, remaining: scheme.perClientCap },
        perWorkerMonthly: state(personal.perWorkerMonthlyCap, workerUsed),
        teamMonthly: state(scheme.teamMonthlyBudget, teamUsed),
      };
      const limits = Object.values(caps).flatMap((c) => (c.remaining === null ? [] : [c.remaining]));
      return {
        schemeId: scheme.schemeId,
        schemeVersion: scheme.version,
        schemeName: scheme.name,
        currency: scheme.currency,
        period,
        today,
        clientId: options.clientId ?? null,
        caps,
        maxSpend: restricted.suspension ? 0 : limits.length ? Math.min(...limits) : null,
        suspended: restricted.suspension !== null,
        restrictions: restricted.restrictions.map((r) => toRestrictionView(r, true)),
      };
    },
  };
}

export type AllowanceService = ReturnType<typeof createAllowanceService>;
