// Who is signed in. The access token is held in memory only.
//
// On page load, if this phone remembers someone signed in, the app quietly asks for a new access
// token with the httpOnly refresh cookie, so a reload keeps you signed in (a phone that remembers
// nobody does not ask: a refused refresh on every signed-out visit would only fill the console); until that answers the app shows a loading state rather
// than flashing the sign-in form. With no signal at all, a phone that was signed in opens as
// that person from what it remembers (no token, nothing fetched), so a spend can still be put in
// the outbox; when the signal comes back the session is checked with the server again. So does
// one whose signal is too weak for the check to answer within a few seconds.
//
// Only the server refusing the refresh (401) ends a session here. No signal, a lost reply or a
// server in trouble (5xx, 503 with Retry-After while its database is away) keeps the person
// signed in, and the check is tried again: on `online` and after a backoff.
//
// Signing out with no signal is remembered on the phone (api-client.ts) and sent before anything
// else: on open, the app shows the sign-in page without trying the old cookie, and sends the
// sign-out as soon as it can; a new sign-in sends it first.

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { ReactNode } from "react";
import { z } from "zod/mini";
import type { Role } from "@greentape/domain/roles";
import { loginAnswerSchema, type SessionAnswer, sessionAnswerSchema } from "@greentape/contract/auth";
import { meSchema } from "@greentape/contract/users";
import {
  apiGet,
  apiPost,
  endSession,
  onSessionEnded,
  refreshAccessToken,
  sendPendingSignOut,
  setAccessToken,
  signOutPending,
  waitBeforeRetry,
} from "./api-client.ts";
import { clearLocalData } from "./local-data.ts";
import { backoffDelay } from "./backoff.ts";

export const ROLE_LABELS: Record<Role, string> = {
  worker: "Worker",
  supervisor: "Supervisor",
  auditor: "Auditor",
  finance: "Finance",
  admin: "Admin",
};

/**
 * The signed-in user, as `GET /api/me` answers, or as this phone remembers them: an older version
 * kept neither flag, and the sign-in answer has no `secondFactorEnrolmentPending`.
 */
const currentUserSchema = z.partial(meSchema, { mustChangePassword: true, secondFactorEnrolmentPending: true });
export type CurrentUser = z.infer<typeof currentUserSchema>;

/** The password was right and the account has a second factor: the sign-in waits for it. */
export interface SecondFactorStep {
  mfaToken: string;
}

/** `offline`: opened with no signal on a phone where nobody is signed in. */
export type SignedOutReason = "signed-out" | "expired" | "offline";

export type AuthState =
  | { status: "restoring" }
  /** `signOutPending`: signed out here, and the server is still to be told (no signal so far). */
  | { status: "signed-out"; reason?: SignedOutReason; signOutPending?: boolean }
  /** `offline`: opened from this phone's memory (no signal, or a slow one); the server has not confirmed the session yet. */
  | { status: "signed-in"; user: CurrentUser; offline?: boolean };

const REMEMBERED_USER_KEY = "green-tape:signed-in-user";
/** Set while the session came from the council account: signing out then ends the provider's session too. */
const COUNCIL_ACCOUNT_KEY = "green-tape:council-account";
const END_PROVIDER_SESSION = "/api/auth/oidc/end-session";
/** How long a slow session check may keep a person the phone remembers waiting. */
const SLOW_RESTORE_MS = 4_000;

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
    const parsed = currentUserSchema.safeParse(JSON.parse(localStorage.getItem(REMEMBERED_USER_KEY) ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

interface AuthContextValue {
  state: AuthState;
  /**
   * Throws ApiError (401 bad credentials, 429 rate limited, 400 invalid) or NetworkError. Answers
   * the second-factor step instead of a user when the account has one.
   */
  signIn(email: string, password: string): Promise<CurrentUser | SecondFactorStep>;
  /** Finishes a sign-in with an answer from the second-factor step (a code, or a passkey). */
  completeSignIn(path: string, body: unknown): Promise<CurrentUser>;
  /** Asks the server who is signed in again (after setting up a second factor). */
  reloadUser(): Promise<void>;
  /** Back from the council account's sign-in, which set the refresh cookie: the session starts here. */
  resumeCouncilSession(): Promise<void>;
  /** Revokes the session on the server (later, if it cannot be told now), forgets it here and clears all local data. */
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: "restoring" });
  /** Set once someone signs in with the form: the restore's retries then have nothing left to do. */
  const signedInWithForm = useRef(false);

  // Restore the session from the refresh cookie. With no signal, a lost reply or a server in
  // trouble, a phone that was signed in opens from its memory (so does one whose answer is slow
  // to come) and tries again; the answer, when it comes, still decides.
  useEffect(() => {
    let cancelled = false;
    let failures = 0;
    let retryTimer: number | undefined;
    const stopRetrying = () => {
      window.removeEventListener("online", retry);
      window.clearTimeout(retryTimer);
    };
    const restore = async () => {
      stopRetrying();
      if (signOutPending()) {
        // Never as the person who signed out: the old cookie is not tried until the server has heard.
        setState({ status: "signed-out", reason: "signed-out", signOutPending: true });
        return;
      }
      const remembered = rememberedUser();
      if (!remembered) {
        // Nobody has signed in on this phone (or they signed out, or the session ended): there is no
        // cookie worth trying, and asking would only put a refused request in the console on every visit.
        setState({ status: "signed-out", reason: navigator.onLine ? undefined : "offline" });
        return;
      }
      const openAnyway = window.setTimeout(() => {
        if (!cancelled) setState((current) => (current.status === "restoring" ? { status: "signed-in", user: remembered, offline: true } : current));
      }, SLOW_RESTORE_MS);
      try {
        const refreshed = await refreshAccessToken();
        if (!refreshed) forgetUser();
        const next: AuthState = refreshed
          ? { status: "signed-in", user: await fetchMe() }
          : { status: "signed-out", signOutPending: signOutPending() || undefined };
        if (next.status === "signed-in") rememberUser(next.user);
        if (!cancelled && !signedInWithForm.current) setState(next);
      } catch (error) {
        if (cancelled || signedInWithForm.current) return;
        setAccessToken(null);
        setState((current) => (current.status === "signed-in" && !current.offline ? current : { status: "signed-in", user: remembered, offline: true }));
        failures += 1;
        window.addEventListener("online", retry);
        retryTimer = window.setTimeout(retry, waitBeforeRetry(error, backoffDelay(failures)));
      } finally {
        window.clearTimeout(openAnyway);
      }
    };
    const retry = () => {
      if (!cancelled && !signedInWithForm.current) void restore();
    };
    void restore();
    return () => {
      cancelled = true;
      stopRetrying();
    };
  }, []);

  // A sign-out the server has not heard yet goes as soon as it can: now, on `online`, and after a backoff.
  const owesSignOut = state.status === "signed-out" && state.signOutPending === true;
  useEffect(() => {
    if (!owesSignOut) return;
    let stopped = false;
    let failures = 0;
    let retryTimer: number | undefined;
    const send = async () => {
      window.clearTimeout(retryTimer);
      try {
        await sendPendingSignOut();
        if (!stopped) setState((current) => (current.status === "signed-out" ? { ...current, signOutPending: false } : current));
      } catch (error) {
        if (stopped) return;
        failures += 1;
        retryTimer = window.setTimeout(() => void send(), waitBeforeRetry(error, backoffDelay(failures)));
      }
    };
    const onOnline = () => void send();
    window.addEventListener("online", onOnline);
    void send();
    return () => {
      stopped = true;
      window.removeEventListener("online", onOnline);
      window.clearTimeout(retryTimer);
    };
  }, [owesSignOut]);

  // A request found the session over (the refresh was refused): back to sign-in.
  useEffect(() => {
    onSessionEnded(() => {
      setAccessToken(null);
      forgetUser();
      setState({ status: "signed-out", reason: "expired", signOutPending: signOutPending() || undefined });
    });
    return () => onSessionEnded(null);
  }, []);

  const startSession = useCallback(async (answer: SessionAnswer) => {
    signedInWithForm.current = true;
    setAccessToken(answer.accessToken);
    let user: CurrentUser;
    try {
      user = await fetchMe();
    } catch {
      // The login answer has all but the team's name; do not fail the sign-in over it.
      user = { ...answer.user, teamName: null };
    }
    rememberUser(user);
    setState({ status: "signed-in", user });
    return user;
  }, []);

  const signIn = useCallback(
    async (email: string, password: string) => {
      // The session this phone signed out of ends on the server before a new one starts here.
      await sendPendingSignOut();
      const answer = loginAnswerSchema.parse(await apiPost<unknown>("/api/auth/login", { email, password }, { auth: false }));
      return "mfaToken" in answer ? { mfaToken: answer.mfaToken } : startSession(answer);
    },
    [startSession],
  );

  const completeSignIn = useCallback(
    async (path: string, body: unknown) => startSession(sessionAnswerSchema.parse(await apiPost<unknown>(path, body, { auth: false }))),
    [startSession],
  );

  const reloadUser = useCallback(async () => {
    const user = await fetchMe();
    rememberUser(user);
    setState({ status: "signed-in", user });
  }, []);

  const resumeCouncilSession = useCallback(async () => {
    signedInWithForm.current = true;
    if (!(await refreshAccessToken())) throw new Error("The council account sign-in left no session");
    localStorage.setItem(COUNCIL_ACCOUNT_KEY, "1");
    await reloadUser();
  }, [reloadUser]);

  const signOut = useCallback(async () => {
    let serverTold = false;
    try {
      // This device stops hearing reminders first, while the session can still say so.
      // push.ts loads here, not with the sign-in page that never needs it (issue 18).
      await import("./push.ts").then((push) => push.stopPush()).catch(() => undefined);
      serverTold = await endSession();
    } finally {
      // Signed out here whatever the server said; a sign-out it has not heard is sent later.
      setAccessToken(null);
      const councilAccount = localStorage.getItem(COUNCIL_ACCOUNT_KEY) !== null;
      await clearLocalData();
      setState({ status: "signed-out", reason: "signed-out", signOutPending: !serverTold || undefined });
      // Signed in with the council account: its provider's session ends too, and it sends the browser back to sign-in.
      if (councilAccount && serverTold) window.location.assign(END_PROVIDER_SESSION);
    }
  }, []);

  const value = useMemo(
    () => ({ state, signIn, completeSignIn, reloadUser, resumeCouncilSession, signOut }),
    [state, signIn, completeSignIn, reloadUser, resumeCouncilSession, signOut],
  );
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
  return meSchema.parse(await apiGet<unknown>("/api/me"));
}
