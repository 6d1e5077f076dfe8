// Drafts of what a person is writing (a justification, a follow-up), kept on this device so
// that going offline, closing the app or reloading never loses them. Keyed by user and subject;
// removed once the server has accepted the text, and cleared with all local data at sign-out
// (they live in localStorage, which local-data.ts clears).
import { useCallback, useEffect, useRef, useState } from "react";
import { removeDraft, storageKey } from "./draft-storage.ts";


export function readDraft<T>(kind: string, userId: string, subjectId: string): (T & { savedAt: string }) | null {
  try {
    const text = localStorage.getItem(storageKey(kind, userId, subjectId));
    return text ? (JSON.parse(text) as T & { savedAt: string }) : null;
  } catch {
    return null;
  }
}

export function writeDraft<T extends object>(kind: string, userId: string, subjectId: string, value: T): string | null {
  const savedAt = new Date().toISOString();
  try {
    localStorage.setItem(storageKey(kind, userId, subjectId), JSON.stringify({ ...value, savedAt }));
    return savedAt;
  } catch {
    return null;
  }
}


/**
 * A form's values with a draft behind them: starts from the saved draft if there is one (else
 * `initial()`), and saves every change a moment after typing stops.
 */
export function useDraft<T extends object>(kind: string, userId: string, subjectId: string, initial: () => T) {
  const [state, setState] = useState(() => {
    const saved = readDraft<T>(kind, userId, subjectId);
    if (saved) {
      const { savedAt, ...values } = saved;
      return { values: { ...initial(), ...(values as T) }, savedAt: savedAt as string | null, restored: true };
    }
    return { values: initial(), savedAt: null as string | null, restored: false };
  });
  const dirty = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(state.values);

  const save = useCallback(() => {
    window.clearTimeout(timer.current);
    if (!dirty.current) return;
    dirty.current = false;
    const savedAt = writeDraft(kind, userId, subjectId, latest.current);
    if (savedAt) setState((s) => ({ ...s, savedAt }));
  }, [kind, userId, subjectId]);

  const change = useCallback(
    (patch: Partial<T>) => {
      setState((s) => {
        const values = { ...s.values, ...patch };
        latest.current = values;
        return { ...s, values };
      });
      dirty.current = true;
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(save, 400);
    },
    [save],
  );

  const discard = useCallback(() => {
    window.clearTimeout(timer.current);
    dirty.current = false;
    removeDraft(kind, userId, subjectId);
    setState((s) => ({ ...s, savedAt: null }));
  }, [kind, userId, subjectId]);

  // Save at once when the page is hidden or left.
  useEffect(() => {
    const onHide = () => save();
    window.addEventListener("pagehide", onHide);
    document.addEventListener("visibilitychange", onHide);
    return () => {
      window.removeEventListener("pagehide", onHide);
      document.removeEventListener("visibilitychange", onHide);
      save();
    };
  }, [save]);

  return { values: state.values, savedAt: state.savedAt, restored: state.restored, change, save, discard };
}
