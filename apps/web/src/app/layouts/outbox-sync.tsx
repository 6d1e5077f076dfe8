import { useOutboxSync } from "../../lib/outbox.ts";

/** Keeps the offline outbox moving from any page (app start, `online`, a timer) for this spender. */
export function OutboxSync({ userId }: { userId: string }) {
  useOutboxSync(userId);
  return null;
}
