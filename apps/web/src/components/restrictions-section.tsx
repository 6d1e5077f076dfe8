import { Link } from "../lib/router.tsx";
import { describeRestriction } from "@greentape/domain/restrictions";
import { LoadFailed } from "./load-failed.tsx";
import { Loading } from "./loading.tsx";
import { formatDay, formatTimestamp } from "../lib/format.ts";
import { useRestrictionPaths, useRestrictions, type Restriction } from "../lib/restrictions-api.ts";

function terms(restriction: Restriction): string {
  return describeRestriction({ kind: restriction.kind, untilOn: restriction.until, perSpendCap: restriction.perSpendCap, perWorkerMonthlyCap: restriction.perWorkerMonthlyCap });
}

/**
 * A person's restrictions on their supervisor's page of them, or an admin's: what is in force, with its
 * reason and a way to lift it, a way to set a new one, and what was set and lifted before.
 */
export function RestrictionsSection({ workerId, name }: { workerId: string; name: string }) {
  const { state, reload } = useRestrictions(workerId);
  const paths = useRestrictionPaths();
  const inForce = state.status === "loaded" ? state.data.items.filter((r) => r.inForce) : [];
  const past = state.status === "loaded" ? state.data.items.filter((r) => !r.inForce) : [];
  return (
    <section aria-labelledby="restrictions-heading" data-testid="restrictions">
      <h2 className="govuk-heading-m" id="restrictions-heading">
        Restrictions
      </h2>
      <p className="govuk-body">
        If something has gone wrong, you can suspend {name}&rsquo;s freedom to spend or lower their caps, with a reason, until a day or until you lift it. They are
        told at once, with the reason. Nobody else in the team is affected. It is recorded in the event log.
      </p>
      {state.status === "loading" ? <Loading label="Loading their restrictions" /> : null}
      {state.status === "failed" ? <LoadFailed what="their restrictions" error={state.error} onRetry={reload} /> : null}
      {state.status === "loaded" && inForce.length === 0 ? <p className="govuk-body">No restriction is in force: {name} may spend as the scheme allows.</p> : null}
      {inForce.map((restriction) => (
        <div className="govuk-summary-card" key={restriction.id} data-testid="restriction-in-force">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">{restriction.kind === "suspend" ? "Spending suspended" : "Caps lowered"}</h3>
            <ul className="govuk-summary-card__actions">
              <li className="govuk-summary-card__action">
                <Link className="govuk-link" to={paths.lift(workerId, restriction.id)}>
                  Lift<span className="govuk-visually-hidden"> this restriction</span>
                </Link>
              </li>
            </ul>
          </div>
          <div className="govuk-summary-card__content">
            <p className="govuk-body">{terms(restriction)}</p>
            <p className="govuk-body govuk-!-margin-bottom-0">
              Reason: {restriction.reason} (set {formatTimestamp(restriction.createdAt)})
            </p>
          </div>
        </div>
      ))}
      {state.status === "loaded" ? (
        <Link className="govuk-button govuk-button--warning" to={paths.restrict(workerId)}>
          Suspend or lower caps
        </Link>
      ) : null}
      {past.length > 0 ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Earlier restrictions ({past.length})</span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list">
              {past.map((restriction) => (
                <li key={restriction.id}>
                  {terms(restriction)} Reason: {restriction.reason}.{" "}
                  {restriction.liftedAt
                    ? `Lifted ${formatTimestamp(restriction.liftedAt)}${restriction.liftReason ? `: ${restriction.liftReason}` : ""}.`
                    : `Ended after ${formatDay(restriction.until)}.`}
                </li>
              ))}
            </ul>
          </div>
        </details>
      ) : null}
    </section>
  );
}
