import type { Db, Executor } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import type { EqualityMonitoring, EqualityMonitoringInput } from "@greentape/domain/equality-monitoring";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@greentape/domain/errors";
import { canSetEqualityMonitoring } from "@greentape/domain/permissions";
import type { Actor } from "../../plugins/access.ts";
import type { Clock } from "../../lib/clock.ts";
import { findTeam } from "../teams/index.ts";
import { findClient, findEqualityMonitoring, insertClient, listClients, moveClient, updateEqualityMonitoring, type ClientRow } from "./clients.queries.ts";

const SEES_ALL_CLIENTS = new Set(["auditor", "admin"]);

export interface ClientView {
  id: string;
  reference: string;
  displayName: string | null;
  teamId: string;
  lastSpentAt: string | null;
}

function answersOf(row: { ageBand: string; sex: string; ethnicGroup: string; disability: string }): EqualityMonitoring {
  // The database's check constraints hold these to the listed answers.
  return { ageBand: row.ageBand, sex: row.sex, ethnicGroup: row.ethnicGroup, disability: row.disability } as EqualityMonitoring;
}

function toView(row: ClientRow, lastSpentAt: string | null = null): ClientView {
  return { id: row.id, reference: row.reference, displayName: row.displayName, teamId: row.teamId, lastSpentAt };
}

export function createClientsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  /** Another team's client is not found: it cannot be seen. (Auditors and finance are refused by the route.) */
  async function monitoringFor(db: Executor, actor: Actor, clientId: string) {
    const row = await findEqualityMonitoring(db, clientId);
    if (!row || !canSetEqualityMonitoring(actor, row)) throw new NotFoundError("Client");
    return row;
  }

  return {
    async list(actor: Actor, options: { search?: string; limit: number }): Promise<ClientView[]> {
      if (!SEES_ALL_CLIENTS.has(actor.role) && !actor.teamId) return [];
      const rows = await listClients(db, {
        teamId: SEES_ALL_CLIENTS.has(actor.role) ? null : actor.teamId,
        workerId: actor.id,
        ...options,
      });
      return rows.map((r) => toView(r.client, r.lastSpentAt));
    },

    /** Workers and supervisors add clients to their own team; an admin names the team. */
    async create(actor: Actor, input: { reference: string; displayName?: string | undefined; teamId?: string | undefined }): Promise<ClientView> {
      const teamId = actor.role === "admin" ? input.teamId : actor.teamId;
      if (!teamId) throw ValidationError.field("teamId", "Choose the team this client belongs to");
      if (actor.role !== "admin" && input.teamId && input.teamId !== actor.teamId) {
        throw new ForbiddenError("You can only add clients to your own team.");
      }
      return db.transaction(async (tx) => {
        if (!(await findTeam(tx, teamId))) throw ValidationError.field("teamId", "There is no team with this id");
        const created = await insertClient(tx, { reference: input.reference, displayName: input.displayName ?? null, teamId, createdAt: clock.now() });
        if (!created) throw new ConflictError("client-exists", "Client reference already in use", `A client with reference ${input.reference} already exists.`, { errors: [{ path: "reference", message: "This reference is already in use" }] });
        await appendEvent(tx, { type: "client.created", actorId: actor.id, subjectType: "client", subjectId: created.id, data: { reference: created.reference, teamId } }, clock.now());
        return toView(created);
      });
    },

    /** A client moves to another team; their spends keep pointing at them, so history moves too. */
    async move(actor: Actor, clientId: string, teamId: string): Promise<ClientView> {
      return db.transaction(async (tx) => {
        const before = await findClient(tx, clientId);
        if (!before) throw new NotFoundError("Client");
        if (!(await findTeam(tx, teamId))) throw ValidationError.field("teamId", "There is no team with this id");
        const after = await moveClient(tx, clientId, teamId);
        if (!after) throw new NotFoundError("Client");
        await appendEvent(tx, { type: "client.moved", actorId: actor.id, subjectType: "client", subjectId: clientId, data: { before: { teamId: before.teamId }, after: { teamId } } }, clock.now());
        return toView(after);
      });
    },

    /** The client's equality-monitoring answers, for an admin or the client's own team. */
    async equalityMonitoring(actor: Actor, clientId: string): Promise<EqualityMonitoring> {
      return answersOf(await monitoringFor(db, actor, clientId));
    },

    /**
     * Records some or all answers. The event says only that they changed and who changed them:
     * the answers themselves never go into the log (nor any export or notification).
     */
    async setEqualityMonitoring(actor: Actor, clientId: string, input: EqualityMonitoringInput): Promise<EqualityMonitoring> {
      return db.transaction(async (tx) => {
        await monitoringFor(tx, actor, clientId);
        const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
        const after = Object.keys(changes).length === 0 ? await findEqualityMonitoring(tx, clientId) : await updateEqualityMonitoring(tx, clientId, changes);
        if (!after) throw new NotFoundError("Client");
        await appendEvent(tx, { type: "client.equality_monitoring_updated", actorId: actor.id, subjectType: "client", subjectId: clientId, data: {} }, clock.now());
        return answersOf(after);
      });
    },
  };
}

export type ClientsService = ReturnType<typeof createClientsService>;
