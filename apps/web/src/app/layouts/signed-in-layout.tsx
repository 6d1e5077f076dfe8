import { useRef, useState } from "react";
import { Outlet, useNavigate } from "../../lib/router.tsx";
import { canLogSpend } from "@greentape/domain/permissions";
import { NotificationBanner } from "../../components/notification-banner.tsx";
import { SkipLink } from "../../components/skip-link.tsx";
import { useAuth, useCurrentUser } from "../../lib/auth.tsx";
import { NAVIGATION } from "../navigation.ts";
import { UpdateBanner } from "../update-banner.tsx";
import { useFocusMainOnNavigate } from "../use-focus-main-on-navigate.ts";
import { AppFooter } from "./app-footer.tsx";
import { AppHeader } from "./app-header.tsx";
import { OutboxSync } from "./outbox-sync.tsx";
import { ServiceNavigation } from "./service-navigation.tsx";

/** The signed-in shell: header with who is signed in, the role's menu, and the page. */
export function SignedInLayout() {
  const user = useCurrentUser();
  const { state, signOut } = useAuth();
  const openedOffline = state.status === "signed-in" && state.offline === true;
  const spender = canLogSpend({ id: user.id, role: user.role, teamId: user.teamId });
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);
  const main = useRef<HTMLElement>(null);
  useFocusMainOnNavigate(main);

  async function handleSignOut() {
    if (signingOut) return;
    setSigningOut(true);
    await signOut();
    navigate("/sign-in", { replace: true });
  }

  return (
    <div className="gt-app">
      {/* For the signed-in spender only; the outbox's own code loads when it has work. */}
      {spender ? <OutboxSync userId={user.id} /> : null}
      <SkipLink />
      <header className="govuk-template__header">
        <AppHeader user={user} onSignOut={() => void handleSignOut()} signingOut={signingOut} />
        <ServiceNavigation items={NAVIGATION[user.role]} />
      </header>
      <div className="govuk-width-container gt-app__body">
        <main className="govuk-main-wrapper gt-main" id="main-content" tabIndex={-1} ref={main}>
          <UpdateBanner />
          {openedOffline ? (
            <NotificationBanner role="region" title="No connection" testId="opened-offline" heading="Green Tape opened without reaching the server.">
              <p className="govuk-body">
                {spender
                  ? "You can still log a spend: it waits on this phone and is sent when the connection is back. Your spends and to-do list show what this phone last saw."
                  : "Lists and totals come back with the connection."}
              </p>
            </NotificationBanner>
          ) : null}
          <Outlet />
        </main>
      </div>
      <AppFooter />
    </div>
  );
}
