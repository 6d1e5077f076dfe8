// Who is signed in, held in memory only.
//
// On page load the app quietly asks for a new access token with the httpOnly refresh cookie,
// so a reload keeps you signed in; until that answers the app shows a loading state rather
// than flashing the sign-in form.

import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import type { Role } from "@greentape/domain/roles";
import {
  ApiError,
  NetworkError,
  apiGet,
  apiPost,
  onSessionEnded,
  refreshAccessToken,
  setAccessToken,
} from "./api-client.ts";
import { clearLocalData } from "./local-data.ts";

export const ROLE_LABELS: Record<Role, string> = {
  worker: "Worker",
  supervisor: "Supervisor",
  auditor: "Auditor",
  finance: "Finance",
  admin: "Admin",
};

/** The signed-in user, as `GET /api/me` answers. */
export interface CurrentUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  teamId: string | null;
  teamName: string | null;
}

interface LoginAnswer {
  accessToken: string;
  user: { id: string; name: string; email: string; role: Role; teamId: string | null };
}

export type SignedOutReason = "signed-out" | "expired" | "offline";

export type AuthState =
  | { status: "restoring" }
  | { status: "signed-out"; reason?: SignedOutReason }
  | { status: "signed-in"; user: CurrentUser };

interface AuthContextValue {
  state: AuthState;
  /** Throws ApiError (401 bad credentials, 429 rate limited, 400 invalid) or NetworkError. */
  signIn(email: string, password: string): Promise<CurrentUser>;
  /** Revokes the session on the server, forgets it here and clears all local data. */
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: "restoring" });

  // Restore the session from the refresh cookie.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const refreshed = await refreshAccessToken();
        const next: AuthState = refreshed ? { status: "signed-in", user: await fetchMe() } : { status: "signed-out" };
        if (!cancelled) setState(next);
      } catch (error) {
        setAccessToken(null);
        if (!cancelled) setState({ status: "signed-out", reason: error instanceof NetworkError ? "offline" : undefined });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  // A request found the session over (the refresh was refused): back to sign-in.
  useEffect(() => {
    onSessionEnded(() => {
      setAccessToken(null);
      setState({ status: "signed-out", reason: "expired" });
    });
    return () => onSessionEnded(null);
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const answer = await apiPost<LoginAnswer>("/api/auth/login", { email, password }, { auth: false });
    setAccessToken(answer.accessToken);
    let user: CurrentUser;
    try {
      user = await fetchMe();
    } catch {
      // The login answer has all but the team's name; do not fail the sign-in over it.
      user = { ...answer.user, teamId: answer.user.teamId ?? null, teamName: null };
    }
    setState({ status: "signed-in", user });
    return user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await apiPost<void>("/api/auth/logout", undefined, { refreshOn401: false });
    } catch (error) {
      // Signing out here must work even if the server cannot be told (offline, already expired).
      if (!(error instanceof ApiError) && !(error instanceof NetworkError)) throw error;
    } finally {
      setAccessToken(null);
      await clearLocalData();
      setState({ status: "signed-out", reason: "signed-out" });
    }
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (value === null) throw new Error("useAuth must be used inside <AuthProvider>");
  return value;
}

/** The signed-in user; only for pages behind the signed-in guard. */
export function useCurrentUser(): CurrentUser {
  const { state } = useAuth();
  if (state.status !== "signed-in") throw new Error("useCurrentUser needs a signed-in user");
  return state.user;
}

async function fetchMe(): Promise<CurrentUser> {
  const me = await apiGet<CurrentUser>("/api/me");
  return { ...me, teamId: me.teamId ?? null, teamName: me.teamName ?? null };
}
