// Who is signed in. The access token is held in memory only.
//
// On page load the app quietly asks for a new access token with the httpOnly refresh cookie,
// so a reload keeps you signed in; until that answers the app shows a loading state rather
// than flashing the sign-in form. With no signal at all, a phone that was signed in opens as
// that person from what it remembers (no token, nothing fetched), so a spend can still be put in
// the outbox; when the signal comes back the session is checked with the server again. So does
// one whose signal is too weak for the check to answer within a few seconds.

import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { z } from "zod";
import { ROLES, type Role } from "@greentape/domain/roles";
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
  /** `offline`: opened from this phone's memory (no signal, or a slow one); the server has not confirmed the session yet. */
  | { status: "signed-in"; user: CurrentUser; offline?: boolean };

const REMEMBERED_USER_KEY = "green-tape:signed-in-user";
/** How long a slow session check may keep a person the phone remembers waiting. */
const SLOW_RESTORE_MS = 4_000;
const rememberedUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
});

/** Kept in Web Storage, which sign-out clears with everything else the app keeps on the phone. */
function rememberUser(user: CurrentUser): void {
  try {
    localStorage.setItem(REMEMBERED_USER_KEY, JSON.stringify(user));
  } catch {
    // Storage unavailable: the app simply cannot open offline.
  }
}

function forgetUser(): void {
  try {
    localStorage.removeItem(REMEMBERED_USER_KEY);
  } catch {
    // Nothing was kept.
  }
}

function rememberedUser(): CurrentUser | null {
  try {
    const parsed = rememberedUserSchema.safeParse(JSON.parse(localStorage.getItem(REMEMBERED_USER_KEY) ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

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

  // Restore the session from the refresh cookie. With no signal, or one so weak that the answer
  // is slow to come, a phone that was signed in opens from its memory; the answer, when it
  // comes (on the `online` event for no signal), still decides.
  useEffect(() => {
    let cancelled = false;
    const restore = async () => {
      window.removeEventListener("online", restore);
      const remembered = rememberedUser();
      const openAnyway = remembered
        ? window.setTimeout(() => {
            if (!cancelled) setState((current) => (current.status === "restoring" ? { status: "signed-in", user: remembered, offline: true } : current));
          }, SLOW_RESTORE_MS)
        : undefined;
      try {
        const refreshed = await refreshAccessToken();
        if (!refreshed) forgetUser();
        const next: AuthState = refreshed ? { status: "signed-in", user: await fetchMe() } : { status: "signed-out" };
        if (next.status === "signed-in") rememberUser(next.user);
        if (!cancelled) setState(next);
      } catch (error) {
        setAccessToken(null);
        const offline = error instanceof NetworkError;
        if (cancelled) return;
        if (offline && remembered) {
          setState({ status: "signed-in", user: remembered, offline: true });
          window.addEventListener("online", restore);
        } else {
          setState({ status: "signed-out", reason: offline ? "offline" : undefined });
        }
      } finally {
        window.clearTimeout(openAnyway);
      }
    };
    void restore();
    return () => {
      cancelled = true;
      window.removeEventListener("online", restore);
    };
  }, []);

  // A request found the session over (the refresh was refused): back to sign-in.
  useEffect(() => {
    onSessionEnded(() => {
      setAccessToken(null);
      forgetUser();
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
    rememberUser(user);
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
