import { randomUUID } from "node:crypto";
import type { Db } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { NotFoundError } from "@greentape/domain/errors";
import type { SchemeInput } from "@greentape/domain/scheme-input";
import type { SchemeView } from "@greentape/contract/schemes";
import type { Actor } from "../../plugins/access.ts";
import type { Clock } from "../../lib/clock.ts";
import { appliesToTeam, toSchemeView } from "./scheme-view.ts";
import { findSchemeVersion, insertScheme, insertVersion, listCurrentSchemes, listVersions, lockScheme, setCurrentVersion } from "./schemes.queries.ts";

const SEES_ALL_SCHEMES = new Set(["auditor", "finance", "admin"]);

export function createSchemesService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  return {
    /** Workers and supervisors see the schemes that apply to their team; other roles see all. */
    async list(actor: Actor): Promise<SchemeView[]> {
      const rows = await listCurrentSchemes(db);
      return rows.filter((r) => SEES_ALL_SCHEMES.has(actor.role) || appliesToTeam(r, actor.teamId)).map(toSchemeView);
    },

    async get(actor: Actor, schemeId: string, version?: number): Promise<SchemeView & { versions: number[] }> {
      const row = await findSchemeVersion(db, schemeId, version);
      if (!row || !(SEES_ALL_SCHEMES.has(actor.role) || appliesToTeam(row, actor.teamId))) throw new NotFoundError("Scheme");
      const versions = (await listVersions(db, schemeId)).map((v) => v.version);
      return { ...toSchemeView(row), versions };
    },

    async create(actor: Actor, input: SchemeInput): Promise<SchemeView> {
      const id = randomUUID();
      return db.transaction(async (tx) => {
        await insertScheme(tx, id);
        const row = await insertVersion(tx, { ...input, schemeId: id, version: 1, createdBy: actor.id, createdAt: clock.now() });
        const after = toSchemeView(row);
        await appendEvent(tx, { type: "scheme.created", actorId: actor.id, subjectType: "scheme", subjectId: id, data: { after } }, clock.now());
        return after;
      });
    },

    /** A change makes version N+1; spends already logged keep the version they were judged by. */
    async update(actor: Actor, schemeId: string, input: SchemeInput): Promise<SchemeView> {
      return db.transaction(async (tx) => {
        const scheme = await lockScheme(tx, schemeId);
        if (!scheme) throw new NotFoundError("Scheme");
        const previous = await findSchemeVersion(tx, schemeId, scheme.currentVersion);
        const version = scheme.currentVersion + 1;
        const row = await insertVersion(tx, { ...input, schemeId, version, createdBy: actor.id, createdAt: clock.now() });
        await setCurrentVersion(tx, schemeId, version);
        const after = toSchemeView(row);
        await appendEvent(
          tx,
          { type: "scheme.changed", actorId: actor.id, subjectType: "scheme", subjectId: schemeId, data: { before: previous ? toSchemeView(previous) : null, after } },
          clock.now(),
        );
        return after;
      });
    },
  };
}

export type SchemesService = ReturnType<typeof createSchemesService>;
