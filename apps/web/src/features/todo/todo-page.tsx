import { Link } from "../../lib/router.tsx";
import { formatMoney } from "@greentape/domain/money";
import type { TodoItem } from "@greentape/contract/worklists";
import { Loading } from "../../components/loading.tsx";
import { OutboxStatus } from "../../components/outbox-status.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { WarningText } from "../../components/warning-text.tsx";
import { useReloadWhenOnline } from "../../lib/use-api-data.ts";
import { LastSeenNote } from "../../components/last-seen-note.tsx";
import { useCurrentUser } from "../../lib/auth.tsx";
import { useTodoPage } from "./todo-api.ts";
import type { TodoPageData } from "./todo-api.ts";
import { formatDay } from "../../lib/format.ts";
import { ListUnavailable } from "../../components/list-unavailable.tsx";

const GROUPS: { need: string; heading: string; action: string; path: string }[] = [
  { need: "answer_query", heading: "Questions to answer", action: "Answer the question", path: "/justify" },
  { need: "justify", heading: "Justifications to write", action: "Write the justification", path: "/justify" },
  { need: "follow_up", heading: "Follow-ups to record", action: "Record the follow-up", path: "/follow-up" },
  // The receipt form is on the spend's own page.
  { need: "add_receipt", heading: "Receipts to add", action: "Add the receipt", path: "#add-receipt" },
];

export function TodoPage() {
  const user = useCurrentUser();
  const page = useTodoPage(user.id);
  useReloadWhenOnline(page.reload);
  usePageTitle("To do");

  return (
    <PageColumn>
      <h1 className="govuk-heading-l">To do</h1>

      <OutboxStatus userId={user.id} />

      {page.state.status === "loading" ? (
        <Loading label="Getting your to-do list" />
      ) : page.state.status === "failed" ? (
        <ListUnavailable
          error={page.state.error}
          offline="You seem to be offline, so your to-do list cannot be shown now."
          failed="Your to-do list could not be loaded."
          onRetry={page.reload}
        />
      ) : (
        <>
          {page.state.data.lastSeenAt ? <LastSeenNote at={page.state.data.lastSeenAt} /> : null}
          <TodoLists data={page.state.data} />
        </>
      )}
    </PageColumn>
  );
}

function TodoLists({ data }: { data: TodoPageData }) {
  const { todo, clientReferences, unreadNotifications } = data;
  const overdue = todo.items.filter((i) => i.overdue).length;
  return (
    <>
      {unreadNotifications !== null ? (
        <p className="govuk-body" data-testid="unread-notifications">
          {unreadNotifications === 0 ? (
            "You have no unread notifications."
          ) : (
            <Link className="govuk-link" to="/notifications">
              You have {unreadNotifications} unread {unreadNotifications === 1 ? "notification" : "notifications"}
            </Link>
          )}
        </p>
      ) : null}
      {todo.items.length === 0 ? (
        <div className="govuk-inset-text" data-testid="up-to-date">
          <strong>You are up to date.</strong> Nothing needs you right now.
        </div>
      ) : overdue > 0 ? (
        <WarningText testId="overdue-warning">
          {overdue === 1 ? "1 thing is" : `${overdue} things are`} overdue. If a justification stays overdue past the grace
          period, new spends pause until you catch up.
        </WarningText>
      ) : null}
      {GROUPS.map((group) => {
        const items = todo.items.filter((i) => i.need === group.need);
        if (items.length === 0) return null;
        return (
          <section key={group.need} aria-labelledby={`todo-${group.need}`}>
            <h2 className="govuk-heading-m" id={`todo-${group.need}`}>
              {group.heading} ({items.length})
            </h2>
            <ul className="gt-spend-list" data-testid={`todo-${group.need}`}>
              {items.map((item) => (
                <TodoCard key={`${item.need}:${item.spend.id}`} item={item} action={group.action} path={group.path} clientReference={clientReferences.get(item.spend.clientId)} />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

function TodoCard({ item, action, path, clientReference }: { item: TodoItem; action: string; path: string; clientReference: string | undefined }) {
  const spend = item.spend;
  return (
    <li className={`gt-spend-card${item.overdue ? " gt-spend-card--attention" : ""}`}>
      <h3 className="govuk-heading-s gt-spend-card__title">
        <Link className="govuk-link" to={`/spends/${spend.id}`}>
          {formatMoney(spend.amount, spend.currency)}
          {clientReference ? ` for ${clientReference}` : ""}
        </Link>
      </h3>
      <p className="govuk-body-s gt-spend-card__meta">
        {spend.payee} · {spend.category} · spent {formatDay(spend.spentOn)}
      </p>
      <ul className="gt-tags">
        <li>
          {item.need === "add_receipt" ? (
            <strong className="govuk-tag govuk-tag--grey">No receipt yet</strong>
          ) : item.overdue ? (
            <strong className="govuk-tag govuk-tag--red">Overdue: was due {formatDay(item.dueOn)}</strong>
          ) : (
            <strong className="govuk-tag govuk-tag--blue">Due by {formatDay(item.dueOn)}</strong>
          )}
        </li>
      </ul>
      <Link className="govuk-button govuk-button--secondary" to={`/spends/${spend.id}${path}`}>
        {action}
        <span className="govuk-visually-hidden">
          {" "}
          for {formatMoney(spend.amount, spend.currency)} paid to {spend.payee}
        </span>
      </Link>
    </li>
  );
}
