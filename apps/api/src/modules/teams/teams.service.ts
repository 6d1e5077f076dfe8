import type { TeamView } from "@greentape/contract/teams";
import type { Db, Executor } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { ConflictError, NotFoundError } from "@greentape/domain/errors";
import type { Actor } from "../../plugins/access.ts";
import type { Clock } from "../../lib/clock.ts";
import { findTeamByName, insertTeam, listSupervisors, listTeams, lockTeam, updateTeam, type TeamRow } from "./teams.queries.ts";

export interface TeamInput {
  name: string;
  costCentre: string;
  serviceArea: string;
}


function nameTaken(name: string): ConflictError {
  return new ConflictError("team-exists", "Team name already in use", `A team called ${name} already exists.`, {
    errors: [{ path: "name", message: "Another team already has this name" }],
  });
}

/** Teams with their supervisors, in one query for the supervisors of them all. */
async function withSupervisors(db: Executor, rows: TeamRow[]): Promise<TeamView[]> {
  const supervisors = await listSupervisors(db, rows.map((r) => r.id));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    costCentre: row.costCentre,
    serviceArea: row.serviceArea,
    createdAt: row.createdAt.toISOString(),
    supervisors: supervisors.filter((s) => s.teamId === row.id).map(({ id, name, email }) => ({ id, name, email })),
  }));
}

async function viewOf(db: Executor, row: TeamRow): Promise<TeamView> {
  return (await withSupervisors(db, [row]))[0] as TeamView;
}

const termsOf = (team: TeamRow): TeamInput => ({ name: team.name, costCentre: team.costCentre, serviceArea: team.serviceArea });

export function createTeamsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  return {
    async list(): Promise<TeamView[]> {
      return withSupervisors(db, await listTeams(db));
    },

    async create(actor: Actor, input: TeamInput): Promise<TeamView> {
      return db.transaction(async (tx) => {
        const created = await insertTeam(tx, { ...input, createdAt: clock.now() });
        if (!created) throw nameTaken(input.name);
        const view = await viewOf(tx, created);
        await appendEvent(tx, { type: "team.created", actorId: actor.id, subjectType: "team", subjectId: created.id, data: { after: termsOf(created) } }, clock.now());
        return view;
      });
    },

    async update(actor: Actor, teamId: string, input: TeamInput): Promise<TeamView> {
      return db.transaction(async (tx) => {
        const before = await lockTeam(tx, teamId);
        if (!before) throw new NotFoundError("Team");
        const sameName = await findTeamByName(tx, input.name);
        if (sameName && sameName.id !== teamId) throw nameTaken(input.name);
        const after = await updateTeam(tx, teamId, input);
        if (!after) throw new NotFoundError("Team");
        const view = await viewOf(tx, after);
        await appendEvent(
          tx,
          { type: "team.updated", actorId: actor.id, subjectType: "team", subjectId: teamId, data: { before: termsOf(before), after: termsOf(after) } },
          clock.now(),
        );
        return view;
      });
    },
  };
}

export type TeamsService = ReturnType<typeof createTeamsService>;
