import { useEffect, useRef } from "react";
import type { Dispatch } from "react";
import { shrinkReceipt } from "../../lib/shrink-receipt.ts";
import { MAX_RECEIPT_BYTES, receiptChosen, receiptProblem, receiptRefused, receiptRemoved, receiptShrunk, receiptTooBig } from "./log-spend-form.ts";
import type { ChosenReceipt, LogSpendAction } from "./log-spend-form.ts";

export function chosenReceipt(file: File): ChosenReceipt {
  return { file, previewUrl: file.type.startsWith("image/") ? URL.createObjectURL(file) : null };
}

/**
 * Choosing the receipt: a photo is shown at once and shrunk in the background, so a phone on a weak
 * signal sends it small. The spend waits for the shrinking only if it is sent before it is ready.
 */
export function useReceipt(receipt: ChosenReceipt | null, dispatch: Dispatch<LogSpendAction>) {
  const shrinking = useRef<Promise<File> | null>(null);

  // The preview is let go when another is chosen or the page closes.
  const previewUrl = receipt?.previewUrl ?? null;
  useEffect(() => {
    if (!previewUrl) return;
    return () => URL.revokeObjectURL(previewUrl);
  }, [previewUrl]);

  function choose(file: File | null) {
    const problem = file && receiptProblem(file);
    if (problem) {
      dispatch(receiptRefused(problem));
      return;
    }
    shrinking.current = null;
    dispatch(receiptChosen(file && chosenReceipt(file)));
    if (!file || file.type === "application/pdf") return;
    const pending = shrinkReceipt(file);
    shrinking.current = pending;
    void pending.then((shrunk) => {
      if (shrinking.current !== pending) return;
      if (shrunk.size > MAX_RECEIPT_BYTES) {
        shrinking.current = null;
        dispatch(receiptTooBig);
      } else if (shrunk !== file) {
        shrinking.current = null;
        dispatch(receiptShrunk(chosenReceipt(shrunk)));
      }
    });
  }

  function remove() {
    shrinking.current = null;
    dispatch(receiptRemoved);
  }

  /** The file to send: the outbox keeps what is sent, so a photo still being shrunk is waited for. */
  async function ready(): Promise<File | null> {
    return receipt ? ((await shrinking.current) ?? receipt.file) : null;
  }

  return { choose, remove, ready };
}
