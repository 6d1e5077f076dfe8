import { useState } from "react";
import { Link, useNavigate } from "../../lib/router.tsx";
import type { NotificationList, NotificationView } from "@greentape/contract/notifications";
import { Loading } from "../../components/loading.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { NetworkError } from "../../lib/api-client.ts";
import { loadedData, useLoad } from "../../lib/use-api-data.ts";
import { fetchNotifications, markAllRead, markRead } from "./notifications-api.ts";
import { formatTimestamp } from "../../lib/format.ts";
import { ListUnavailable } from "../../components/list-unavailable.tsx";

/** Where a notification takes you: the page where its work is done. */
function linkFor(notification: NotificationView): { to: string; label: string } | null {
  if (!notification.spendId) return null;
  const spend = `/spends/${notification.spendId}`;
  switch (notification.kind) {
    case "justification.query":
    case "justification.due_soon":
      return { to: `${spend}/justify`, label: notification.kind === "justification.query" ? "Answer the question" : "Write the justification" };
    default:
      return { to: spend, label: "Open the spend" };
  }
}

export function NotificationsPage() {
  usePageTitle("Notifications");
  const navigate = useNavigate();
  const [generation, setGeneration] = useState(0);
  const list = useLoad(`notifications:${generation}`, (signal) => fetchNotifications(null, signal), { keepPrevious: true });
  const [older, setOlder] = useState<{ items: NotificationView[]; nextCursor: string | null; forKey: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");

  const data: NotificationList | undefined = loadedData(list.state);
  const listKey = data ? `${data.items[0]?.id ?? ""}:${data.unreadCount}` : "";
  const extra = older && older.forKey === listKey ? older : null;
  const items = data ? [...data.items, ...(extra?.items ?? [])] : [];
  const nextCursor = extra ? extra.nextCursor : (data?.nextCursor ?? null);

  async function readAll() {
    if (busy) return;
    setBusy(true);
    try {
      await markAllRead();
      setStatus("All notifications marked as read.");
      setGeneration((g) => g + 1);
    } catch (error) {
      setStatus(error instanceof NetworkError ? "You seem to be offline. Try again when you have a signal." : "That did not work. Try again.");
    } finally {
      setBusy(false);
    }
  }

  async function open(notification: NotificationView, to: string) {
    if (!notification.readAt) await markRead(notification.id).catch(() => undefined);
    navigate(to);
  }

  async function loadOlder() {
    if (!nextCursor || busy) return;
    setBusy(true);
    try {
      const page = await fetchNotifications(nextCursor);
      setOlder({ items: [...(extra?.items ?? []), ...page.items], nextCursor: page.nextCursor ?? null, forKey: listKey });
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageColumn>
      <h1 className="govuk-heading-l">Notifications</h1>
      <p className="govuk-body">
        <Link className="govuk-link" to="/settings/reminders">
          Reminder settings: email, push on this device, quiet hours
        </Link>
      </p>
      <p className="govuk-body" role="status" aria-live="polite" data-testid="notifications-status">
        {status ||
          (data ? (data.unreadCount === 0 ? "You have no unread notifications." : `You have ${data.unreadCount} unread ${data.unreadCount === 1 ? "notification" : "notifications"}.`) : "")}
      </p>
      {data && data.unreadCount > 0 ? (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void readAll()} aria-disabled={busy || undefined}>
          Mark all as read
        </button>
      ) : null}

      {list.state.status === "loading" ? (
        <Loading label="Getting your notifications" />
      ) : list.state.status === "failed" ? (
        <ListUnavailable
          error={list.state.error}
          offline="You seem to be offline, so your notifications cannot be shown now."
          failed="Your notifications could not be loaded."
          onRetry={list.reload}
        />
      ) : items.length === 0 ? (
        <p className="govuk-body">Nothing yet. You will hear here when your supervisor reads your justifications, and before one is due.</p>
      ) : (
        <>
          <ul className="gt-spend-list" data-testid="notifications">
            {items.map((notification) => {
              const link = linkFor(notification);
              return (
                <li key={notification.id} className={`gt-spend-card${notification.readAt ? " gt-spend-card--voided" : " gt-notification--unread"}`}>
                  <p className="govuk-body-s gt-spend-card__meta">
                    {notification.readAt ? null : (
                      <>
                        <strong className="govuk-tag govuk-tag--blue">New</strong>{" "}
                      </>
                    )}
                    {formatTimestamp(notification.createdAt)}
                  </p>
                  <p className="govuk-body">{notification.message}</p>
                  {link ? (
                    <p className="govuk-body">
                      <Link
                        className="govuk-link"
                        to={link.to}
                        onClick={(event) => {
                          event.preventDefault();
                          void open(notification, link.to);
                        }}
                      >
                        {link.label}
                      </Link>
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
          {nextCursor ? (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void loadOlder()} aria-disabled={busy || undefined}>
              Show older notifications
            </button>
          ) : null}
        </>
      )}
    </PageColumn>
  );
}
