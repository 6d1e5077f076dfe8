import { lazy, Suspense, useEffect, useState } from "react";
import { outboxHasWork, subscribeToOutbox } from "../../lib/outbox-watch.ts";

/** The outbox's sending (lib/outbox.ts, with IndexedDB's wrapper), loaded once it has work. */
const OutboxSender = lazy(() =>
  import("../../lib/outbox.ts").then(({ useOutboxSync }) => ({
    default: function OutboxSender({ userId }: { userId: string }) {
      useOutboxSync(userId);
      return null;
    },
  })),
);

/**
 * Keeps the offline outbox moving from any page (app start, `online`, a timer) for this spender.
 * An empty outbox, the usual case, is seen without loading its code, which then comes only once
 * something is put in it, here or in another tab: log-a-spend is usable before it (issue 18).
 */
export function OutboxSync({ userId }: { userId: string }) {
  const [hasWork, setHasWork] = useState(false);
  useEffect(() => {
    if (hasWork) return;
    let live = true;
    const start = () => {
      if (live) setHasWork(true);
    };
    const unsubscribe = subscribeToOutbox(start);
    // Unreadable here: the outbox itself will say what it can.
    outboxHasWork(userId).then((work) => (work ? start() : undefined), start);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [userId, hasWork]);
  return hasWork ? (
    <Suspense fallback={null}>
      <OutboxSender userId={userId} />
    </Suspense>
  ) : null;
}
