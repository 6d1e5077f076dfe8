// Who must choose a new password before doing anything else: a user who signed in with a
// temporary password (an admin made or reset it). The login answer and GET /api/me say so with
// `mustChangePassword`; once they change it here, this session remembers, so they are not sent
// back before the next GET /api/me.
import { useSyncExternalStore } from "react";
import { useLocation } from "../../lib/router.tsx";
import { useAuth } from "../../lib/auth.tsx";
import type { CurrentUser } from "../../lib/auth.tsx";

export const CHANGE_PASSWORD_PATH = "/change-password";

const changedThisSession = new Set<string>();
const listeners = new Set<() => void>();
let version = 0;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called once the server has accepted the new password. */
export function markPasswordChanged(userId: string): void {
  changedThisSession.add(userId);
  version += 1;
  for (const listener of listeners) listener();
}

/** True while this user still has to replace a temporary password. */
export function mustChangePassword(user: CurrentUser): boolean {
  return user.mustChangePassword === true && !changedThisSession.has(user.id);
}

/** The signed-in user must replace a temporary password (false when signed out). */
export function useMustChangePassword(): boolean {
  const { state } = useAuth();
  useSyncExternalStore(subscribe, () => version);
  return state.status === "signed-in" && mustChangePassword(state.user);
}

/**
 * For the signed-in guard: where to send the user instead of the page they asked for, or null.
 * `<Navigate to={redirect} replace state={{ from }} />` keeps the page they wanted for afterwards.
 */
export function usePasswordChangeRedirect(): string | null {
  const must = useMustChangePassword();
  const { pathname } = useLocation();
  return must && pathname !== CHANGE_PASSWORD_PATH ? CHANGE_PASSWORD_PATH : null;
}
