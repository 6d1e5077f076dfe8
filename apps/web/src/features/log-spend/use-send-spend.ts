import type { Dispatch } from "react";
import { useCurrentUser } from "../../lib/auth.tsx";
import type { OutboxSpend } from "../../lib/outbox.ts";
import { useNavigate } from "../../lib/router.tsx";
import { MAX_RECEIPT_BYTES, RECEIPT_TOO_BIG, checked, notSaved, refused } from "./log-spend-form.ts";
import type { LogSpendAction } from "./log-spend-form.ts";

/** What My spends shows after this page hands over (router state). */
interface LoggedState {
  logged?: { amount: number; currency: string; clientReference: string; spendId: string | null; queued: boolean; receiptProblem: string | null };
}

/**
 * The outbox and IndexedDB's wrapper: not needed before the form can be used (issue 18), they load
 * once the worker starts on it (and the service worker keeps them for use offline).
 */
export const loadOutbox = () => import("../../lib/outbox.ts");

/**
 * Sends a checked spend. It goes into the outbox first, so nothing typed is lost to a weak signal:
 * offline, or while the server cannot be reached, it waits there and My spends says so. Only the
 * server's refusal comes back to the form.
 */
export function useSendSpend(dispatch: Dispatch<LogSpendAction>, correcting: string | null) {
  const user = useCurrentUser();
  const navigate = useNavigate();

  return async function send(spend: OutboxSpend, file: File | null, label: { clientReference: string; currency: string }) {
    if (file && file.size > MAX_RECEIPT_BYTES) {
      dispatch(checked({ receipt: RECEIPT_TOO_BIG }));
      return;
    }
    const online = navigator.onLine !== false;
    let outbox, record;
    try {
      outbox = await loadOutbox();
      record = await outbox.addToOutbox({
        userId: user.id,
        spend,
        label,
        receipt: file ? { blob: file, name: file.name, type: file.type } : null,
        sendingNow: online,
      });
    } catch {
      dispatch(notSaved);
      return;
    }
    const { discardOutboxRecord, sendUntilSaved } = outbox;

    const handOver = async (spendId: string | null, queued: boolean, receiptProblem: string | null) => {
      // A corrected record is replaced by the one just logged.
      if (correcting) await discardOutboxRecord(user.id, correcting);
      const logged = { amount: spend.amount, currency: label.currency, clientReference: label.clientReference, spendId, queued, receiptProblem };
      navigate("/spends", { state: { logged } satisfies LoggedState });
    };

    if (!online) {
      await handOver(null, true, null);
      return;
    }
    const sent = await sendUntilSaved(user.id, record.key);
    if (sent.kind === "sent" || sent.kind === "saved") {
      await handOver(sent.spendId, false, sent.kind === "sent" ? sent.receiptProblem : null);
      return;
    }
    if (sent.kind === "waiting" || sent.kind === "gone") {
      await handOver(null, true, null);
      return;
    }
    // Refused: the form is the draft; keep it here, with the server's answer.
    await discardOutboxRecord(user.id, record.key);
    dispatch(refused(sent.problem));
  };
}
