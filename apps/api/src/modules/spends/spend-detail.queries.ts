import { inArray } from "drizzle-orm";
import { preparedStatement, runPrepared } from "@greentape/db/prepared";
import type { Executor } from "@greentape/db/client";
import { users } from "@greentape/db/schema";
import type { EventType } from "@greentape/domain/event-types";
import type { CommentVisibility, FollowUpMethod, FollowUpOutcome, ReviewDecision } from "@greentape/domain/workflow-input";

interface Person {
  id: string;
  name: string | null;
}

/** What the spend's page shows beside the spend itself; times as PostgreSQL writes them in JSON. */
export interface SpendParts {
  receipts: Array<{ id: string; contentType: string; sizeBytes: number; sha256: string; createdAt: string }>;
  lost: { description: string; reason: string; declaredBy: string; createdAt: string } | null;
  revisions: Array<{ revision: number; narrative: string; intendedOutcome: string; submittedBy: string; createdAt: string }>;
  reviews: Array<{ id: string; reviewer: Person; decision: ReviewDecision; comment: string; revision: number; createdAt: string }>;
  followUp: {
    contactedOn: string;
    method: FollowUpMethod;
    outcome: FollowUpOutcome;
    clientView: string | null;
    notes: string | null;
    recordedBy: Person;
    createdAt: string;
    updatedAt: string;
  } | null;
  comments: Array<{ id: string; author: Person; body: string; visibility: CommentVisibility; createdAt: string }>;
  events: Array<{ id: number; type: EventType; occurredAt: string; actor: Person | null; data: unknown; logIndex: number | null }>;
  client: { reference: string; displayName: string | null } | null;
  schemeName: string | null;
  workerName: string | null;
}

/**
 * Everything on one spend's page beyond the spend row, in one statement: each part is an indexed
 * subquery folded into JSON, with the names of the people in it, so the page costs one round trip
 * on one connection rather than a dozen queries across the pool.
 */
type PartsParam = "spendId" | "subjectId" | "includeReviewerNotes" | "clientId" | "schemeId" | "schemeVersion" | "workerId";
const SPEND_PARTS = preparedStatement<PartsParam>(
  "spend_parts",
  `select
  (select coalesce(json_agg(json_build_object('id', r.id, 'contentType', r.content_type, 'sizeBytes', r.size_bytes, 'sha256', r.sha256, 'createdAt', r.created_at) order by r.created_at, r.id), '[]')
     from receipts r where r.spend_id = :spendId::uuid) as receipts,
  (select json_build_object('description', l.description, 'reason', l.reason, 'declaredBy', l.declared_by, 'createdAt', l.created_at)
     from receipt_lost_declarations l where l.spend_id = :spendId::uuid) as lost,
  (select coalesce(json_agg(json_build_object('revision', j.revision, 'narrative', j.narrative, 'intendedOutcome', j.intended_outcome, 'submittedBy', j.submitted_by, 'createdAt', j.created_at) order by j.revision), '[]')
     from justification_revisions j where j.spend_id = :spendId::uuid) as revisions,
  (select coalesce(json_agg(json_build_object('id', v.id, 'reviewer', json_build_object('id', v.reviewer_id, 'name', u.name), 'decision', v.decision, 'comment', v.comment, 'revision', v.revision, 'createdAt', v.created_at) order by v.created_at, v.id), '[]')
     from reviews v left join users u on u.id = v.reviewer_id where v.spend_id = :spendId::uuid) as reviews,
  (select json_build_object('contactedOn', f.contacted_on, 'method', f.method, 'outcome', f.outcome, 'clientView', f.client_view, 'notes', f.notes,
                            'recordedBy', json_build_object('id', f.recorded_by, 'name', u.name), 'createdAt', f.created_at, 'updatedAt', f.updated_at)
     from follow_ups f left join users u on u.id = f.recorded_by where f.spend_id = :spendId::uuid) as "followUp",
  (select coalesce(json_agg(json_build_object('id', c.id, 'author', json_build_object('id', c.author_id, 'name', u.name), 'body', c.body, 'visibility', c.visibility, 'createdAt', c.created_at) order by c.created_at, c.id), '[]')
     from comments c left join users u on u.id = c.author_id
     where c.spend_id = :spendId::uuid and (:includeReviewerNotes::boolean or c.visibility <> 'reviewers')) as comments,
  (select coalesce(json_agg(json_build_object('id', e.id, 'type', e.type, 'occurredAt', e.occurred_at,
                                              'actor', case when e.actor_id is null then null else json_build_object('id', e.actor_id, 'name', u.name) end,
                                              'data', e.data, 'logIndex', ll.log_index) order by e.id), '[]')
     from events e left join log_leaves ll on ll.event_id = e.id left join users u on u.id = e.actor_id
     where e.subject_type = 'spend' and e.subject_id = :subjectId::text) as events,
  (select json_build_object('reference', c.reference, 'displayName', c.display_name) from clients c where c.id = :clientId::uuid) as client,
  (select v.name from scheme_versions v where v.scheme_id = :schemeId::uuid and v.version = :schemeVersion::int) as "schemeName",
  (select u.name from users u where u.id = :workerId::uuid) as "workerName"`,
);

export async function loadSpendParts(
  db: Executor,
  spend: { id: string; clientId: string; schemeId: string; schemeVersion: number; workerId: string },
  options: { includeReviewerNotes: boolean },
): Promise<SpendParts> {
  const [row] = await runPrepared<SpendParts, PartsParam>(db, SPEND_PARTS, {
    spendId: spend.id,
    subjectId: spend.id,
    includeReviewerNotes: options.includeReviewerNotes,
    clientId: spend.clientId,
    schemeId: spend.schemeId,
    schemeVersion: spend.schemeVersion,
    workerId: spend.workerId,
  });
  if (!row) throw new Error("a statement of scalar subqueries returns one row");
  return row;
}

export async function userNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
