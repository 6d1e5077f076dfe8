import { Navigate, Outlet, useLocation } from "../lib/router.tsx";
import { Loading } from "../components/loading.tsx";
import { usePasswordChangeRedirect } from "../features/change-password/must-change-password.ts";
import { useAuth } from "../lib/auth.tsx";
import { SECOND_FACTOR_PATH } from "../features/second-factor/second-factor-path.ts";
import type { Role } from "@greentape/domain/roles";
import { PublicLayout } from "./layouts/public-layout.tsx";

export interface FromState {
  from?: string;
}

/** Waits for the session to be restored before showing any page, so the sign-in form never flashes. */
export function SessionGate() {
  const { state } = useAuth();
  if (state.status === "restoring") {
    return (
      <PublicLayout>
        <Loading label="Checking you are signed in" />
      </PublicLayout>
    );
  }
  return <Outlet />;
}

/** Pages for signed-in people only; others go to sign-in and come back here afterwards. */
export function RequireSignedIn() {
  const { state } = useAuth();
  const location = useLocation();
  // Someone signed in with a temporary password may do nothing else until they choose their own.
  const passwordChangeRedirect = usePasswordChangeRedirect();
  if (state.status !== "signed-in") {
    const signedOutOnPurpose = state.status === "signed-out" && state.reason === "signed-out";
    const from = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to="/sign-in" replace state={signedOutOnPurpose ? undefined : ({ from } satisfies FromState)} />;
  }
  if (passwordChangeRedirect) {
    return <Navigate to={passwordChangeRedirect} replace state={{ from: `${location.pathname}${location.search}` } satisfies FromState} />;
  }
  // Someone whose role needs a second factor, signed in with a password alone, sets one up first.
  if (state.user.secondFactorEnrolmentPending === true && location.pathname !== SECOND_FACTOR_PATH) {
    return <Navigate to={SECOND_FACTOR_PATH} replace state={{ from: `${location.pathname}${location.search}` } satisfies FromState} />;
  }
  return <Outlet />;
}

/** Pages for some roles only (later features use this); anyone else is sent home. */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const { state } = useAuth();
  if (state.status !== "signed-in" || !roles.includes(state.user.role)) return <Navigate to="/" replace />;
  return <Outlet />;
}
