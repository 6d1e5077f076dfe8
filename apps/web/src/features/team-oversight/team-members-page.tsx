import { Link } from "../../lib/router.tsx";
import { formatMoney } from "@greentape/domain/money";
import type { TeamMember } from "@greentape/contract/supervision";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { useCurrentUser } from "../../lib/auth.tsx";
import { countOf, formatDay, formatPeriod } from "../../lib/format.ts";
import { useTeamMembers } from "./team-oversight-api.ts";
import "../../styles/office-components.scss";
import "./team-oversight.scss";

/** The supervisor's people: what each has used of their allowance, what they have open, whether they are paused or restricted. */
export function TeamMembersPage() {
  const user = useCurrentUser();
  const { state, reload } = useTeamMembers();
  usePageTitle("Your team's people");
  const data = state.status === "loaded" ? state.data : null;

  return (
    <>
      <Link className="govuk-back-link" to="/team">
        Team summary
      </Link>
      <span className="govuk-caption-l">{data?.team.name ?? user.teamName ?? "Your team"}</span>
      <h1 className="govuk-heading-l">Your team's people</h1>
      {state.status === "loading" ? <Loading label="Loading your team" /> : null}
      {state.status === "failed" ? <LoadFailed what="your team" error={state.error} onRetry={reload} /> : null}
      {data ? (
        <>
          <p className="govuk-body">
            Allowance used in {formatPeriod(data.period)}, and what each person has still to do today, {formatDay(data.today)}.
          </p>
          {data.members.length === 0 ? <p className="govuk-body">Nobody in your team logs spends yet.</p> : null}
          <ul className="gt-member-list" data-testid="team-members">
            {data.members.map((member) => (
              <MemberCard key={member.id} member={member} />
            ))}
          </ul>
          <p className="govuk-body">
            <Link className="govuk-link" to="/team/spends">
              See all the team's spends
            </Link>
          </p>
        </>
      ) : null}
    </>
  );
}

function MemberCard({ member }: { member: TeamMember }) {
  const headingId = `member-${member.id}`;
  return (
    <li className="gt-member" aria-labelledby={headingId} data-testid="team-member">
      <h2 className="govuk-heading-s gt-member__name" id={headingId}>
        <Link className="govuk-link" to={`/team/workers/${member.id}`}>
          {member.name}
        </Link>
        {member.role === "supervisor" ? <span className="gt-member__role"> (supervisor)</span> : null}
      </h2>
      <p className="govuk-body-s gt-member__state" data-testid="member-state">
        <MemberState member={member} />
      </p>
      <dl className="govuk-summary-list govuk-summary-list--no-border gt-member__facts">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Allowance used</dt>
          <dd className="govuk-summary-list__value" data-testid="member-allowance">
            {member.allowance.length === 0
              ? "No scheme applies"
              : member.allowance.map((a) => (
                  <span className="gt-member__allowance" key={a.schemeId}>
                    {formatMoney(a.used, a.currency)}
                    {a.limit === null ? " (no monthly cap)" : ` of ${formatMoney(a.limit, a.currency)}`}
                    {member.allowance.length > 1 ? ` under ${a.schemeName}` : ""}
                  </span>
                ))}
          </dd>
        </div>
        {member.restrictions.length > 0 ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Restricted</dt>
            <dd className="govuk-summary-list__value" data-testid="member-restrictions">
              <ul className="govuk-list govuk-!-margin-bottom-0">
                {member.restrictions.map((r) => (
                  <li key={r.id}>
                    {restrictionTerms(r)}, {r.until ? `until the end of ${formatDay(r.until)}` : "until lifted"}: {r.reason}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">To do</dt>
          <dd className="govuk-summary-list__value" data-testid="member-todos">
            {member.openTodos === 0 ? "Nothing open" : countOf(member.openTodos, "thing")}
            {member.overdueTodos > 0 ? <strong className="gt-member__overdue">, {member.overdueTodos} overdue</strong> : null}
          </dd>
        </div>
      </dl>
    </li>
  );
}

/** What a restriction does, in words; the lower of a lowered cap and the scheme's applies. */
function restrictionTerms(restriction: TeamMember["restrictions"][number]): string {
  if (restriction.kind === "suspend") return "Suspended";
  const caps = [
    restriction.perSpendCap === null ? null : `${formatMoney(restriction.perSpendCap)} a spend`,
    restriction.perWorkerMonthlyCap === null ? null : `${formatMoney(restriction.perWorkerMonthlyCap)} a month`,
  ].filter((c) => c !== null);
  return `Caps lowered to ${caps.join(" and ")}`;
}

function MemberState({ member }: { member: TeamMember }) {
  const { pause } = member;
  if (member.restrictions.some((r) => r.kind === "suspend")) {
    return (
      <>
        <strong className="govuk-tag govuk-tag--red">Suspended</strong> Cannot spend until the suspension ends or is lifted
      </>
    );
  }
  if (pause.paused) {
    return (
      <>
        <strong className="govuk-tag govuk-tag--red">Paused</strong> {countOf(pause.overdueJustifications, "justification")} overdue past the grace period
      </>
    );
  }
  if (pause.snoozedUntil) {
    return (
      <>
        <strong className="govuk-tag govuk-tag--yellow">Pause lifted</strong> until {formatDay(pause.snoozedUntil)}
      </>
    );
  }
  if (member.restrictions.length > 0) {
    return (
      <>
        <strong className="govuk-tag govuk-tag--yellow">Caps lowered</strong> Can spend, within lowered caps
      </>
    );
  }
  return <strong className="govuk-tag govuk-tag--green">Can spend</strong>;
}
