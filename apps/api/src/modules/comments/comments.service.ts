import type { Db } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { DomainError, ForbiddenError } from "@greentape/domain/errors";
import { canComment, canWriteReviewerNote } from "@greentape/domain/permissions";
import type { CommentInput } from "@greentape/domain/workflow-input";
import type { Clock } from "../../lib/clock.ts";
import type { Actor } from "../../plugins/access.ts";
import type { NotificationsService } from "../notifications/index.ts";
import { type SpendsService, toSpendAccess } from "../spends/index.ts";
import { insertComment } from "./comments.queries.ts";

/** A 403 that names the field the caller may not set, like a validation problem does. */
class ForbiddenFieldError extends DomainError {
  readonly status = 403;
  readonly slug = "forbidden";
  constructor(path: string, message: string) {
    super("Not allowed", `${path}: ${message}`, { errors: [{ path, message }] });
  }
}

export interface CommentView {
  id: string;
  spendId: string;
  author: { id: string; name: string };
  body: string;
  visibility: string;
  createdAt: string;
}

export function createCommentsService(deps: { db: Db; clock: Clock; spends: SpendsService; notifications: NotificationsService }) {
  const { db, clock, spends, notifications } = deps;
  return {
    /** Anyone who may see the spend comments on it; only reviewers write notes the worker never sees. */
    async add(actor: Actor, spendId: string, input: CommentInput): Promise<CommentView> {
      const spend = await spends.findVisible(actor, spendId);
      if (!canComment(actor, toSpendAccess(spend))) throw new ForbiddenError("You may not comment on this spend.");
      if (input.visibility === "reviewers" && !canWriteReviewerNote(actor, spend)) {
        throw new ForbiddenFieldError("visibility", "Only supervisors, auditors and admins write reviewer-only notes, and never on their own spend");
      }
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await insertComment(tx, { spendId: spend.id, authorId: actor.id, body: input.body, visibility: input.visibility, createdAt: now });
        await notifications.commented(tx, spend, actor, input.visibility);
        // `visibility` lets the timeline hide a reviewer-only note's event from workers; the body never enters the log.
        await appendEvent(tx, { type: "comment.added", actorId: actor.id, subjectType: "spend", subjectId: spend.id, data: { commentId: row.id, visibility: row.visibility } }, now);
        return { id: row.id, spendId: spend.id, author: { id: actor.id, name: actor.name }, body: row.body, visibility: row.visibility, createdAt: row.createdAt.toISOString() };
      });
    },
  };
}

export type CommentsService = ReturnType<typeof createCommentsService>;
