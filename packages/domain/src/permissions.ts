/**
 * Who may do what, as named pure predicates (after Open Collective's expense permissions).
 * Routes call these and answer 404 when the spend may not be seen, 403 when it may be seen but
 * not acted on. Two policies hold throughout: nobody reviews or audits their own spend, and a
 * voided spend's tracks are frozen (it can still be seen and commented on).
 */
import type { Role } from "./roles.ts";

export interface Actor {
  id: string;
  role: Role;
  teamId: string | null;
}

export interface SpendAccess {
  workerId: string;
  teamId: string;
  createdAt: Date;
  voided: boolean;
}

/** How long a worker may void their own spend after logging it. */
export const WORKER_VOID_WINDOW_MS = 24 * 60 * 60 * 1000;

function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.includes(actor.role);
}

// Only people who can log spends can be a spend's worker; supervisors log spends too.
function isItsWorker(actor: Actor, spend: SpendAccess): boolean {
  return hasRole(actor, "worker", "supervisor") && actor.id === spend.workerId;
}

function supervisesItsTeam(actor: Actor, spend: SpendAccess): boolean {
  return actor.role === "supervisor" && actor.teamId !== null && actor.teamId === spend.teamId;
}

/** Workers and supervisors log spends, and only as members of a team (budgets are per team). */
export function canLogSpend(actor: Actor): boolean {
  return hasRole(actor, "worker", "supervisor") && actor.teamId !== null;
}

/** Its worker, a supervisor of its team, or anyone in auditor, finance or admin; never a colleague. */
export function canSeeSpend(actor: Actor, spend: SpendAccess): boolean {
  return isItsWorker(actor, spend) || supervisesItsTeam(actor, spend) || hasRole(actor, "auditor", "finance", "admin");
}

/**
 * Its worker within 24 hours of logging it (a quick undo for mistakes), or an admin at any
 * time; never twice. A createdAt slightly in the future (clock skew) counts as within the window.
 */
export function canVoid(actor: Actor, spend: SpendAccess, now: Date): boolean {
  if (spend.voided) return false;
  if (actor.role === "admin") return true;
  return isItsWorker(actor, spend) && now.getTime() - spend.createdAt.getTime() < WORKER_VOID_WINDOW_MS;
}

/** The justification is the worker's own account: only its worker writes it. */
export function canJustify(actor: Actor, spend: SpendAccess): boolean {
  return !spend.voided && isItsWorker(actor, spend);
}

/** Receipts (and "receipt lost" statements) come from its worker, voided or not. */
export function canAddReceipt(actor: Actor, spend: SpendAccess): boolean {
  return isItsWorker(actor, spend);
}

/** A supervisor of its team who is not its worker: nobody reviews their own spend. */
export function canReview(actor: Actor, spend: SpendAccess): boolean {
  return !spend.voided && supervisesItsTeam(actor, spend) && actor.id !== spend.workerId;
}

/** Its worker, or a supervisor of its team. */
export function canRecordFollowUp(actor: Actor, spend: SpendAccess): boolean {
  return !spend.voided && (isItsWorker(actor, spend) || supervisesItsTeam(actor, spend));
}

/** Anyone who may see the spend may comment on it, finance included, voided or not. */
export function canComment(actor: Actor, spend: SpendAccess): boolean {
  return canSeeSpend(actor, spend);
}

/**
 * Reviewer notes are comments a spend's own worker never sees, whatever that worker's role: a
 * supervisor who logged the spend is its worker here, not a reviewer. So nobody writes one on
 * their own spend either (they could not read it back).
 */
export function canWriteReviewerNote(actor: Actor, spend: Pick<SpendAccess, "workerId">): boolean {
  return canSeeReviewerNotes(actor, spend);
}

/** Never the spend's own worker (the notes are about them), never finance (not their business). */
export function canSeeReviewerNotes(actor: Actor, spend: Pick<SpendAccess, "workerId">): boolean {
  return hasRole(actor, "supervisor", "auditor", "admin") && actor.id !== spend.workerId;
}

/** A logged event about a reviewer-only note: shown only to those who may see such notes on that spend. */
export function canSeeLoggedEvent(actor: Actor, spend: Pick<SpendAccess, "workerId">, event: { data: unknown }): boolean {
  return (event.data as { visibility?: string } | null)?.visibility !== "reviewers" || canSeeReviewerNotes(actor, spend);
}

/**
 * A team's members and all its spends: the supervisor of that team (to support its people), and
 * auditors and admins, who see across teams. Never workers, never finance (they see money, not people).
 */
export function canOverseeTeam(actor: Actor, teamId: string): boolean {
  return (actor.role === "supervisor" && actor.teamId === teamId) || hasRole(actor, "auditor", "admin");
}

/**
 * A restriction takes the freedom from one person who spends: an admin may restrict anyone who
 * logs spends; a supervisor only the members of their own team, and never themselves.
 */
export function canRestrict(actor: Actor, person: Actor): boolean {
  if (!hasRole(person, "worker", "supervisor") || person.teamId === null) return false;
  if (actor.role === "admin") return true;
  return actor.role === "supervisor" && actor.teamId === person.teamId && actor.id !== person.id;
}

/** The person themselves, a supervisor of their team, an auditor or an admin. */
export function canSeeRestrictions(actor: Actor, person: Actor): boolean {
  if (actor.id === person.id || hasRole(actor, "auditor", "admin")) return true;
  return actor.role === "supervisor" && actor.teamId !== null && actor.teamId === person.teamId;
}

/** A worker's on-time record: the worker themselves and a supervisor of their team; never a league table for anyone else. */
export function canSeeTrackRecord(actor: Actor, worker: Pick<Actor, "id" | "teamId">): boolean {
  if (actor.id === worker.id) return true;
  return actor.role === "supervisor" && actor.teamId !== null && actor.teamId === worker.teamId;
}

export function canDrawSample(actor: Actor): boolean {
  return actor.role === "auditor";
}

/** An auditor records findings, never on their own spend (auditors cannot log spends today). */
export function canRecordFinding(actor: Actor, spend: SpendAccess): boolean {
  return actor.role === "auditor" && actor.id !== spend.workerId;
}

export function canExport(actor: Actor): boolean {
  return hasRole(actor, "finance", "auditor");
}

export function canClosePeriod(actor: Actor): boolean {
  return actor.role === "finance";
}

export function canAdminister(actor: Actor): boolean {
  return actor.role === "admin";
}

/**
 * What the freedom achieved (outcomes, uptake, equity, the summary): supervisors for their own
 * team, and auditor, finance and admin for every team. Never workers: the figures are about them
 * and their colleagues, and nobody gets a ranking.
 */
export function canSeeInsights(actor: Actor): boolean {
  return hasRole(actor, "supervisor", "auditor", "finance", "admin");
}

/** One team's figures: its own supervisor, or anyone who may see every team's. */
export function canSeeTeamInsights(actor: Actor, teamId: string): boolean {
  if (actor.role === "supervisor") return actor.teamId !== null && actor.teamId === teamId;
  return canSeeInsights(actor);
}

/**
 * The team whose figures a request covers: a supervisor's own team (asking for another is not
 * allowed, asking for none means their own); for the roles that see everything, the team asked
 * for, or null for all teams. `allowed: false` means refuse (403).
 */
export function insightsTeamScope(actor: Actor, requestedTeamId: string | undefined): { allowed: boolean; teamId: string | null } {
  if (!canSeeInsights(actor)) return { allowed: false, teamId: null };
  if (actor.role === "supervisor") {
    const teamId = requestedTeamId ?? actor.teamId;
    return teamId !== null && canSeeTeamInsights(actor, teamId) ? { allowed: true, teamId } : { allowed: false, teamId: null };
  }
  return { allowed: true, teamId: requestedTeamId ?? null };
}

/**
 * A client's equality-monitoring answers: an admin, or a worker or supervisor of the client's own
 * team (the people who know the client). Auditors and finance never see or set them.
 */
export function canSetEqualityMonitoring(actor: Actor, client: { teamId: string }): boolean {
  if (actor.role === "admin") return true;
  return hasRole(actor, "worker", "supervisor") && actor.teamId !== null && actor.teamId === client.teamId;
}
