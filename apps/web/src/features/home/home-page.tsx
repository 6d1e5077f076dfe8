import { canLogSpend } from "@greentape/domain/permissions";
import { PageColumn } from "../../components/page-column.tsx";
import { SummaryList } from "../../components/summary-list.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { ROLE_LABELS, useCurrentUser } from "../../lib/auth.tsx";
import { HOME_CONTENT } from "./home-content.ts";
import { MyRecord } from "./my-record.tsx";
import { ReviewWaiting } from "./review-waiting.tsx";
import { SpendingNow } from "./spending-now.tsx";

/** Each role's home: for those who spend, where they stand now; for all, who they are signed in as and what their role does. */
export function HomePage() {
  const user = useCurrentUser();
  const content = HOME_CONTENT[user.role];
  usePageTitle(content.heading);
  const team = user.teamName ?? (user.teamId === null ? "All teams" : "Your team");
  // Team members see their team above the heading; people who work across teams see their role.
  const caption = user.teamId === null ? ROLE_LABELS[user.role] : team;

  return (
    <PageColumn>
      <span className="govuk-caption-l">{caption}</span>
      <h1 className="govuk-heading-l">{content.heading}</h1>
      <p className="govuk-body-l" data-testid="role-summary">
        {content.summary}
      </p>

      {user.role === "supervisor" ? <ReviewWaiting /> : null}
      {canLogSpend(user) ? <SpendingNow userId={user.id} teamId={user.teamId} /> : null}
      {canLogSpend(user) ? <MyRecord userId={user.id} /> : null}

      <h2 className="govuk-heading-m">Signed in as</h2>
      <SummaryList
        rows={[
          { key: "Name", value: user.name },
          { key: "Role", value: <span data-testid="role">{ROLE_LABELS[user.role]}</span> },
          { key: "Team", value: team },
          { key: "Email", value: user.email },
        ]}
      />

      <h2 className="govuk-heading-m">What you do here</h2>
      <ul className="govuk-list govuk-list--bullet">
        {content.jobs.map((job) => (
          <li key={job}>{job}</li>
        ))}
      </ul>

      {user.role === "worker" ? (
        <div className="govuk-inset-text">
          Add Green Tape to your phone's home screen. It then opens quickly with poor signal, and your phone keeps what
          you have not sent yet.
        </div>
      ) : null}
    </PageColumn>
  );
}
