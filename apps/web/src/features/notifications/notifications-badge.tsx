import { useEffect, useState } from "react";
import { Link, useLocation } from "../../lib/router.tsx";
import { NOTIFICATIONS_CHANGED, fetchNotifications } from "./notifications-api.ts";
import "./notifications-badge.css";

const POLL_MS = 60_000;

/**
 * "Notifications" with the unread count, for the header. Checks on each page change, every
 * minute, when the app comes back to the front, and when this tab marks something read.
 * Offline it keeps the last count it had.
 */
export function NotificationsBadge({ className = "" }: { className?: string }) {
  const [unread, setUnread] = useState<number | null>(null);
  const { pathname } = useLocation();

  useEffect(() => {
    const controller = new AbortController();
    const check = () => {
      fetchNotifications(null, controller.signal, 1).then(
        (answer) => setUnread(answer.unreadCount),
        () => undefined,
      );
    };
    check();
    const timer = window.setInterval(check, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible") check();
    };
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener(NOTIFICATIONS_CHANGED, check);
    return () => {
      controller.abort();
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener(NOTIFICATIONS_CHANGED, check);
    };
  }, [pathname]);

  const count = unread ?? 0;
  return (
    <Link className={`gt-notifications-badge ${className}`.trim()} to="/notifications" data-testid="notifications-badge">
      Notifications
      {count > 0 ? (
        <span className="gt-notifications-badge__count">
          {count > 99 ? "99+" : count}
          <span className="govuk-visually-hidden"> unread</span>
        </span>
      ) : null}
    </Link>
  );
}
