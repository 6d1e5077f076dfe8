import type { Db } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { NotFoundError } from "@greentape/domain/errors";
import type { Actor } from "../../plugins/access.ts";
import type { Clock } from "../../lib/clock.ts";
import { deleteLedgerCode, listLedgerCodes, lockLedgerCode, upsertLedgerCode, type LedgerCodeRow } from "./ledger-codes.queries.ts";

/** What admin sets for a category: its ledger code, that account's name, and what a card payment in it is published as. */
export interface LedgerCodeMapping {
  glCode: string;
  accountName: string | null;
  merchantCategory: string | null;
}

export interface LedgerCodeView extends LedgerCodeMapping {
  category: string;
  updatedAt: string;
}

const mappingOf = (row: LedgerCodeRow): LedgerCodeMapping => ({ glCode: row.glCode, accountName: row.accountName, merchantCategory: row.merchantCategory });
const toView = (row: LedgerCodeRow): LedgerCodeView => ({ category: row.category, ...mappingOf(row), updatedAt: row.updatedAt.toISOString() });

/** The spend category -> general ledger code map that finance's exports use. */
export function createLedgerCodesService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  return {
    async list(): Promise<LedgerCodeView[]> {
      return (await listLedgerCodes(db)).map(toView);
    },

    async set(actor: Actor, category: string, mapping: LedgerCodeMapping): Promise<LedgerCodeView> {
      return db.transaction(async (tx) => {
        const before = await lockLedgerCode(tx, category);
        const saved = await upsertLedgerCode(tx, { category, ...mapping, updatedAt: clock.now() });
        await appendEvent(
          tx,
          { type: "ledger_code.set", actorId: actor.id, subjectType: "ledger_code", subjectId: category, data: { before: before ? mappingOf(before) : null, after: mappingOf(saved) } },
          clock.now(),
        );
        return toView(saved);
      });
    },

    async remove(actor: Actor, category: string): Promise<void> {
      await db.transaction(async (tx) => {
        const removed = await deleteLedgerCode(tx, category);
        if (!removed) throw new NotFoundError(`A ledger code for ${category}`);
        await appendEvent(
          tx,
          { type: "ledger_code.removed", actorId: actor.id, subjectType: "ledger_code", subjectId: category, data: { before: mappingOf(removed), after: null } },
          clock.now(),
        );
      });
    },
  };
}

export type LedgerCodesService = ReturnType<typeof createLedgerCodesService>;
