/**
 * A spend moves on three independent tracks, each a small state machine written as data.
 * A (state, event) pair missing from a table is illegal. "Overdue" is never a state: it is
 * derived from a due date and today (see the helpers at the end).
 */
import { isValidIsoDate } from "./dates.ts";
import { ConflictError } from "./errors.ts";

/**
 * Justification: the worker's own account of why the spend was a good idea.
 *
 *   due ──submit──▶ submitted ──endorse──────▶ endorsed   (final)
 *                   │  ▲  ╰──raise_concern──▶ concern    (final; escalated to audit)
 *                   │  │
 *                   │  ╰── submit (the worker revises before anyone reviews)
 *                 query
 *                   ▼
 *                queried ──submit──▶ submitted (the worker answers and resubmits)
 *
 * `endorsed` and `concern` are final for the worker: no more revisions.
 */
export const JUSTIFICATION_TRANSITIONS = {
  due: { submit: "submitted" },
  submitted: { submit: "submitted", endorse: "endorsed", query: "queried", raise_concern: "concern" },
  queried: { submit: "submitted" },
  endorsed: {},
  concern: {},
} as const;

/**
 * Follow-up: someone asks the client whether the spend helped.
 *
 *   pending ──record──▶ done ──record──▶ done
 *
 * Recording again on `done` is allowed so a mistake can be corrected; each recording is its own
 * event in the log, so the earlier answer is never lost.
 */
export const FOLLOW_UP_TRANSITIONS = {
  pending: { record: "done" },
  done: { record: "done" },
} as const;

/**
 * Audit: whether the spend was drawn into an audit sample, and what the auditor found.
 *
 *   not_sampled ──sample──▶ sampled ──record_finding──▶ finding_recorded ──record_finding──▶ finding_recorded
 *
 * A finding may be amended (each amendment is logged). A spend already sampled cannot be
 * sampled again: a later sample that draws it must leave its track alone.
 */
export const AUDIT_TRANSITIONS = {
  not_sampled: { sample: "sampled" },
  sampled: { record_finding: "finding_recorded" },
  finding_recorded: { record_finding: "finding_recorded" },
} as const;

export const TRACK_TABLES = {
  justification: JUSTIFICATION_TRANSITIONS,
  followUp: FOLLOW_UP_TRANSITIONS,
  audit: AUDIT_TRANSITIONS,
} as const;

type Tables = typeof TRACK_TABLES;
export type Track = keyof Tables;
export type TrackState<T extends Track> = keyof Tables[T] & string;
type EventsOf<Table> = { [S in keyof Table]: keyof Table[S] }[keyof Table];
export type TrackEvent<T extends Track> = EventsOf<Tables[T]> & string;

export type JustificationStatus = TrackState<"justification">;
export type JustificationEvent = TrackEvent<"justification">;
export type FollowUpStatus = TrackState<"followUp">;
export type FollowUpEvent = TrackEvent<"followUp">;
export type AuditStatus = TrackState<"audit">;
export type AuditEvent = TrackEvent<"audit">;

export const JUSTIFICATION_STATES = Object.keys(JUSTIFICATION_TRANSITIONS) as JustificationStatus[];
/**
 * The justification is still the worker's to write: never written (due), or questioned and not
 * yet answered (queried). Only then can it be overdue, hold a reminder or pause their spending.
 */
export const OWED_JUSTIFICATION_STATES = ["due", "queried"] as const satisfies readonly JustificationStatus[];
export const JUSTIFICATION_EVENTS = ["submit", "endorse", "query", "raise_concern"] as const satisfies readonly JustificationEvent[];
export const FOLLOW_UP_STATES = Object.keys(FOLLOW_UP_TRANSITIONS) as FollowUpStatus[];
export const FOLLOW_UP_EVENTS = ["record"] as const satisfies readonly FollowUpEvent[];
export const AUDIT_STATES = Object.keys(AUDIT_TRANSITIONS) as AuditStatus[];
export const AUDIT_EVENTS = ["sample", "record_finding"] as const satisfies readonly AuditEvent[];

/**
 * Thrown for a (state, event) pair the track's table does not allow. It is a ConflictError, so
 * the API's one error mapper answers 409 problem+json with slug "illegal-transition" and the
 * track, from and event as extension members.
 */
export class IllegalTransitionError extends ConflictError {
  readonly track: string;
  readonly from: string;
  readonly event: string;

  constructor(track: string, from: string, event: string) {
    super(
      "illegal-transition",
      "That step is not possible now",
      `Cannot ${event.replaceAll("_", " ")} when the ${track} track is ${from.replaceAll("_", " ")}`,
      { track, from, event },
    );
    this.track = track;
    this.from = from;
    this.event = event;
  }
}

/** The state `event` moves `track` to from `from`; throws IllegalTransitionError if not allowed. */
export function nextState<T extends Track>(track: T, from: TrackState<T>, event: TrackEvent<T>): TrackState<T> {
  const table: Record<string, Record<string, string>> | undefined = Object.hasOwn(TRACK_TABLES, track)
    ? TRACK_TABLES[track]
    : undefined;
  const row = table && Object.hasOwn(table, from) ? table[from] : undefined;
  const to = row && Object.hasOwn(row, event) ? row[event] : undefined;
  if (to === undefined) throw new IllegalTransitionError(track, from, event);
  return to as TrackState<T>;
}

/** True when `event` is allowed from `from` on `track` (for showing or hiding an action). */
export function canTransition<T extends Track>(track: T, from: TrackState<T>, event: TrackEvent<T>): boolean {
  try {
    nextState(track, from, event);
    return true;
  } catch (error) {
    if (error instanceof IllegalTransitionError) return false;
    throw error;
  }
}

/** The worker may still write or revise the justification (not once endorsed or under concern). */
export function workerMayReviseJustification(status: JustificationStatus): boolean {
  return canTransition("justification", status, "submit");
}

function requireDate(name: string, value: string): void {
  if (!isValidIsoDate(value)) throw new RangeError(`${name} must be a YYYY-MM-DD date, got ${JSON.stringify(value)}`);
}

/** Overdue means the work is still the worker's to do and today is after its due date. */
function overdue(waiting: boolean, dueOn: string | null, today: string): boolean {
  requireDate("today", today);
  if (dueOn === null) return false;
  requireDate("dueOn", dueOn);
  return waiting && today > dueOn;
}

/**
 * The justification is late: still `due`, or `queried` and not yet answered, and today is after
 * dueOn. A submitted one is waiting on the supervisor, so it is not the worker's lateness.
 */
export function justificationOverdue(
  justification: { status: JustificationStatus; dueOn: string | null },
  today: string,
): boolean {
  return overdue(isJustificationOwed(justification.status), justification.dueOn, today);
}

export function isJustificationOwed(status: JustificationStatus): boolean {
  return (OWED_JUSTIFICATION_STATES as readonly string[]).includes(status);
}

/** The follow-up is late: still `pending` and today is after dueOn. */
export function followUpOverdue(followUp: { status: FollowUpStatus; dueOn: string | null }, today: string): boolean {
  return overdue(followUp.status === "pending", followUp.dueOn, today);
}
