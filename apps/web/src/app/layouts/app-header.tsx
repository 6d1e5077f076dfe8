import { Link } from "../../lib/router.tsx";
import { NotificationsBadge } from "../../features/notifications/notifications-badge.tsx";
import { ROLE_LABELS } from "../../lib/auth.tsx";
import type { CurrentUser } from "../../lib/auth.tsx";

interface AppHeaderProps {
  user?: CurrentUser;
  onSignOut?: () => void;
  signingOut?: boolean;
}

/** The service's header: its name (no crown: this is a council service, not GOV.UK), who is signed in, and "Sign out". */
export function AppHeader({ user, onSignOut, signingOut = false }: AppHeaderProps) {
  return (
    <div className="gt-header">
      <div className="govuk-width-container gt-header__container">
        <Link to="/" className="gt-header__service">
          <img className="gt-header__logo" src="/icons/icon.svg" alt="" width="32" height="32" />
          Green Tape
        </Link>
        {user ? (
          <>
            <p className="gt-header__who" data-testid="signed-in-user">
              <span className="govuk-visually-hidden">Signed in as </span>
              {user.name}
              <span aria-hidden="true"> · </span>
              <span className="govuk-visually-hidden">, role: </span>
              <span className="gt-header__role">{ROLE_LABELS[user.role]}</span>
            </p>
            <NotificationsBadge />
            <button type="button" className="gt-header__sign-out" onClick={onSignOut} disabled={signingOut}>
              {signingOut ? "Signing out…" : "Sign out"}
            </button>
          </>
        ) : null}
      </div>
    </div>
  );
}
