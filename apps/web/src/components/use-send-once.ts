import { useCallback, useState } from "react";

/**
 * Sends what a form asks for, one send at a time: a press while one is on its way does nothing
 * (the buttons are only aria-disabled, so they keep focus). A failure frees the form for another
 * try; success leaves it busy, because the page moves on and must not take a press on the way out.
 */
export function useSendOnce(startBusy = false) {
  const [busy, setBusy] = useState(startBusy);

  /** True when `work` succeeded; false when a send was already on its way or `work` failed (then `failed` has heard why). */
  async function send(work: () => Promise<unknown>, failed: (error: unknown) => void): Promise<boolean> {
    if (busy) return false;
    setBusy(true);
    try {
      await work();
      return true;
    } catch (error) {
      setBusy(false);
      failed(error);
      return false;
    }
  }

  /** Frees the form when what the send started ends some other way (a step sends the person back). */
  const release = useCallback(() => setBusy(false), []);

  return { busy, send, release };
}
