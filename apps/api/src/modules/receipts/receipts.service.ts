import { createHash, randomUUID } from "node:crypto";
import type { Db } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { ConflictError, ForbiddenError, NotFoundError } from "@greentape/domain/errors";
import { canAddReceipt } from "@greentape/domain/permissions";
import type { Clock } from "../../lib/clock.ts";
import type { ReceiptStorage } from "../../lib/receipt-storage.ts";
import type { Actor } from "../../plugins/access.ts";
import { type SpendsService, toSpendAccess } from "../spends/index.ts";
import { cleanReceipt } from "./receipt-file.ts";
import * as q from "./receipts.queries.ts";

export function createReceiptsService(deps: { db: Db; clock: Clock; storage: ReceiptStorage; spends: SpendsService }) {
  const { db, clock, storage, spends } = deps;
  return {
    async upload(actor: Actor, spendId: string, file: { bytes: Buffer; filename: string | undefined }) {
      const spend = await spends.findVisible(actor, spendId);
      if (!canAddReceipt(actor, toSpendAccess(spend))) throw new ForbiddenError("Only the worker who logged this spend adds its receipts.");
      const clean = await cleanReceipt(file.bytes);
      const sha256 = createHash("sha256").update(clean.bytes).digest("hex");
      // The same file again is the same receipt: a phone's outbox resends after a lost answer.
      const already = await q.findReceiptBySha256(db, spend.id, sha256);
      if (already) return { id: already.id, spendId: spend.id, contentType: already.contentType, sizeBytes: already.sizeBytes, sha256, createdAt: already.createdAt.toISOString() };
      const id = randomUUID();
      const storageKey = `${spend.id}/${id}`;
      // The file lands first; if the transaction then fails, an orphan file is harmless, a row without a file is not.
      await storage.put(storageKey, clean.bytes);
      return db.transaction(async (tx) => {
        const row = await q.insertReceipt(tx, { id, spendId: spend.id, storageKey, sha256, contentType: clean.contentType, sizeBytes: clean.bytes.length, originalName: file.filename?.slice(0, 200) ?? null, uploadedBy: actor.id, createdAt: clock.now() });
        await appendEvent(tx, { type: "receipt.added", actorId: actor.id, subjectType: "spend", subjectId: spend.id, data: { receiptId: id, sha256, contentType: clean.contentType, sizeBytes: clean.bytes.length } }, clock.now());
        return { id: row.id, spendId: spend.id, contentType: row.contentType, sizeBytes: row.sizeBytes, sha256: row.sha256, createdAt: row.createdAt.toISOString() };
      });
    },

    async download(actor: Actor, spendId: string, receiptId: string) {
      const spend = await spends.findVisible(actor, spendId);
      const row = await q.findReceipt(db, spend.id, receiptId);
      if (!row) throw new NotFoundError("Receipt");
      return { bytes: await storage.get(row.storageKey), contentType: row.contentType, sha256: row.sha256 };
    },

    /** "Receipt lost" stands in for a receipt: an honest gap, shown plainly, and a risk reason for audit. */
    async declareLost(actor: Actor, spendId: string, input: { description: string; reason: string }) {
      const spend = await spends.findVisible(actor, spendId);
      if (!canAddReceipt(actor, toSpendAccess(spend))) throw new ForbiddenError("Only the worker who logged this spend can declare its receipt lost.");
      return db.transaction(async (tx) => {
        const row = await q.insertLostDeclaration(tx, { spendId: spend.id, description: input.description, reason: input.reason, declaredBy: actor.id, createdAt: clock.now() });
        if (!row) {
          // The same declaration again (a phone's outbox resending after a lost answer) is the same declaration.
          const earlier = await q.findLostDeclaration(tx, spend.id);
          if (earlier && earlier.declaredBy === actor.id && earlier.description === input.description && earlier.reason === input.reason) {
            return { id: earlier.id, spendId: spend.id, description: earlier.description, reason: earlier.reason, declaredBy: actor.id, createdAt: earlier.createdAt.toISOString() };
          }
          throw new ConflictError("receipt-lost-exists", "Already declared", "A lost receipt was already declared for this spend.");
        }
        await appendEvent(tx, { type: "receipt.declared_lost", actorId: actor.id, subjectType: "spend", subjectId: spend.id, data: { declarationId: row.id } }, clock.now());
        return { id: row.id, spendId: spend.id, description: row.description, reason: row.reason, declaredBy: actor.id, createdAt: row.createdAt.toISOString() };
      });
    },
  };
}

export type ReceiptsService = ReturnType<typeof createReceiptsService>;
