import { useEffect } from "react";
import type { Dispatch } from "react";
import { restored, valuesFromSpend } from "./log-spend-form.ts";
import type { LogSpendAction } from "./log-spend-form.ts";
import { chosenReceipt } from "./use-receipt.ts";
import { loadOutbox } from "./use-send-spend.ts";

/** A record that needs attention, opened here to be corrected (`?from=` its key): the form starts from what it said. */
export function useCorrecting(userId: string, correcting: string | null, dispatch: Dispatch<LogSpendAction>) {
  useEffect(() => {
    if (!correcting) return;
    let cancelled = false;
    void loadOutbox()
      .then(({ getOutboxRecord }) => getOutboxRecord(userId, correcting))
      .then((record) => {
        if (cancelled || !record) return;
        const kept = record.receipt;
        const receipt = kept ? chosenReceipt(new File([kept.blob], kept.name || "receipt", { type: kept.type })) : null;
        dispatch(restored(valuesFromSpend(record.spend), receipt, record.problem));
      });
    return () => {
      cancelled = true;
    };
  }, [correcting, userId, dispatch]);
}
