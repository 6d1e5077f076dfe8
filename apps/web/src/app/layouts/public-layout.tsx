import { useRef } from "react";
import type { ReactNode } from "react";
import { Outlet } from "../../lib/router.tsx";
import { SkipLink } from "../../components/skip-link.tsx";
import { AppFooter } from "./app-footer.tsx";
import { AppHeader } from "./app-header.tsx";
import { UpdateBanner } from "../update-banner.tsx";
import { useFocusMainOnNavigate } from "../use-focus-main-on-navigate.ts";

/** The frame for pages seen while signed out (sign-in) and while the session is being restored. */
export function PublicLayout({ children }: { children?: ReactNode }) {
  const main = useRef<HTMLElement>(null);
  useFocusMainOnNavigate(main);
  return (
    <div className="gt-app">
      <SkipLink />
      <header className="govuk-template__header">
        <AppHeader />
      </header>
      <div className="govuk-width-container gt-app__body">
        <main className="govuk-main-wrapper gt-main" id="main-content" tabIndex={-1} ref={main}>
          <UpdateBanner />
          {children ?? <Outlet />}
        </main>
      </div>
      <AppFooter />
    </div>
  );
}
