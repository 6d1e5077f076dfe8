import { useState } from "react";
import type { FormEvent } from "react";
import { Link, useSearchParams } from "../../lib/router.tsx";
import { isValidIsoDate } from "@greentape/domain/dates";
import { formatMoney } from "@greentape/domain/money";
import type { TeamSpend, TeamSpends } from "@greentape/contract/supervision";
import { ErrorSummary } from "../../components/error-summary.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { useCurrentUser } from "../../lib/auth.tsx";
import { countOf, formatDay } from "../../lib/format.ts";
import { describeApiError } from "../../lib/use-api-data.ts";
import { FILTER_KEYS, TRACK_FILTERS, downloadTeamSpends, fetchTeamSpends, useFilterChoices, useTeamMembers, useTeamSpends } from "./team-oversight-api.ts";
import type { FilterKey, TeamSpendFilter } from "./team-oversight-api.ts";
import "../../styles/office-components.scss";
import "./team-oversight.scss";
import type { FieldErrors } from "../../lib/field-errors.ts";

function filterFrom(params: URLSearchParams): TeamSpendFilter {
  return Object.fromEntries(FILTER_KEYS.flatMap((key) => (params.get(key) ? [[key, params.get(key) ?? ""]] : [])));
}

/** Every spend of the supervisor's team, filtered by person, client, category, track and dates, with a CSV of the same. */
export function TeamSpendsPage() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const filtered = Object.keys(filter).length > 0;
  const [errors, setErrors] = useState<FieldErrors<FilterKey>>({});
  usePageTitle(filtered ? "Team spends (filtered)" : "Team spends", Object.keys(errors).length > 0);

  function apply(next: TeamSpendFilter) {
    const found: FieldErrors<FilterKey> = {};
    if (next.from && !isValidIsoDate(next.from)) found.from = "Enter the first day as a real date";
    if (next.to && !isValidIsoDate(next.to)) found.to = "Enter the last day as a real date";
    if (!found.from && !found.to && next.from && next.to && next.from > next.to) found.to = "The last day must be on or after the first day";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setParams(new URLSearchParams(Object.entries(next).filter(([, value]) => value) as [string, string][]));
  }

  return (
    <>
      <Link className="govuk-back-link" to="/team">
        Team summary
      </Link>
      <span className="govuk-caption-l">{user.teamName ?? "Your team"}</span>
      <h1 className="govuk-heading-l">Team spends</h1>
      <ErrorSummary errors={FILTER_KEYS.flatMap((key) => (errors[key] ? [{ fieldId: `filter-${key}`, message: errors[key] }] : []))} />
      <FilterForm key={params.toString()} initial={filter} errors={errors} onApply={apply} />
      <Results filter={filter} />
    </>
  );
}

interface FilterFormProps {
  initial: TeamSpendFilter;
  errors: FieldErrors<FilterKey>;
  onApply(filter: TeamSpendFilter): void;
}

function FilterForm({ initial, errors, onApply }: FilterFormProps) {
  const [values, setValues] = useState<TeamSpendFilter>(initial);
  const members = useTeamMembers();
  const choices = useFilterChoices();
  const people = members.state.status === "loaded" ? members.state.data.members : [];
  const clients = choices.state.status === "loaded" ? choices.state.data.clients : [];
  const categories = choices.state.status === "loaded" ? choices.state.data.categories : [];
  const set = (key: FilterKey) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(Object.fromEntries(Object.entries(values).map(([key, value]) => [key, (value ?? "").trim()])));
  }

  const applied = describeFilter(initial, { people, clients });
  // On a phone the open form would push the spends off the screen: once a filter is applied it
  // folds away, and its summary says what it shows.
  return (
    <>
      {applied.length > 0 ? (
        <p className="govuk-body gt-filter__applied" data-testid="filter-applied">
          <strong>Showing:</strong> {applied.join("; ")}
        </p>
      ) : null}
      <details className="govuk-details gt-filter" open={applied.length === 0 || Object.keys(errors).length > 0}>
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">{applied.length === 0 ? "Filter the spends" : "Change the filter"}</span>
        </summary>
        <form className="govuk-details__text" noValidate onSubmit={submit} role="search" aria-label="Filter the team's spends">
          <div className="gt-filter__fields">
            <Select id="filter-workerId" label="Person" value={values.workerId ?? ""} onChange={set("workerId")} any="Everyone" options={people.map((p) => ({ value: p.id, label: p.name }))} />
            <Select id="filter-clientId" label="Client" value={values.clientId ?? ""} onChange={set("clientId")} any="Every client" options={clients.map((c) => ({ value: c.id, label: c.reference }))} />
            <Select id="filter-category" label="Category" value={values.category ?? ""} onChange={set("category")} any="Every category" options={categories.map((c) => ({ value: c, label: c }))} />
            <Select id="filter-track" label="What is open" value={values.track ?? ""} onChange={set("track")} any="Anything" options={TRACK_FILTERS} />
            <TextInput id="filter-from" label="Spent on or after" type="date" value={values.from ?? ""} onChange={(e) => set("from")(e.target.value)} error={errors.from} />
            <TextInput id="filter-to" label="Spent on or before" type="date" value={values.to ?? ""} onChange={(e) => set("to")(e.target.value)} error={errors.to} />
          </div>
          <div className="govuk-button-group govuk-!-margin-bottom-0">
            <button type="submit" className="govuk-button">
              Show spends
            </button>
            <Link className="govuk-link" to="/team/spends">
              Clear the filter
            </Link>
          </div>
        </form>
      </details>
    </>
  );
}

/** The applied filter in words, e.g. "Wren Walker; receipt missing; spent from 1 March 2026". */
function describeFilter(filter: TeamSpendFilter, names: { people: { id: string; name: string }[]; clients: { id: string; reference: string }[] }): string[] {
  const parts: string[] = [];
  if (filter.workerId) parts.push(names.people.find((p) => p.id === filter.workerId)?.name ?? "one person");
  if (filter.clientId) parts.push(`client ${names.clients.find((c) => c.id === filter.clientId)?.reference ?? ""}`.trim());
  if (filter.category) parts.push(filter.category);
  const track = TRACK_FILTERS.find((t) => t.value === filter.track);
  if (track) parts.push(track.label.toLowerCase());
  if (filter.from && filter.to) parts.push(`spent ${formatDay(filter.from)} to ${formatDay(filter.to)}`);
  else if (filter.from) parts.push(`spent from ${formatDay(filter.from)}`);
  else if (filter.to) parts.push(`spent up to ${formatDay(filter.to)}`);
  return parts;
}

interface SelectProps {
  id: string;
  label: string;
  value: string;
  any: string;
  options: readonly { value: string; label: string }[];
  onChange(value: string): void;
}

function Select({ id, label, value, any, options, onChange }: SelectProps) {
  return (
    <div className="govuk-form-group">
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="govuk-select" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Results({ filter }: { filter: TeamSpendFilter }) {
  const { state, reload } = useTeamSpends(filter);
  const [more, setMore] = useState<{ key: string; pages: TeamSpends[] }>({ key: "", pages: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const [download, setDownload] = useState<{ state: "working" | "done" | "failed"; message: string } | null>(null);
  const key = JSON.stringify(filter);
  if (state.status === "loading") return <Loading label="Loading the team's spends" />;
  if (state.status === "failed") return <LoadFailed what="the team's spends" error={state.error} onRetry={reload} />;
  const extra = more.key === key ? more.pages : [];
  const items = [state.data, ...extra].flatMap((p) => p.items);
  const cursor = (extra.at(-1) ?? state.data).nextCursor;
  const { count, liveTotal } = state.data;

  async function loadMore() {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await fetchTeamSpends(filter, cursor);
      setMore({ key, pages: [...extra, page] });
    } finally {
      setLoadingMore(false);
    }
  }

  async function saveCsv() {
    setDownload({ state: "working", message: "Preparing the CSV…" });
    try {
      setDownload({ state: "done", message: `Downloaded ${await downloadTeamSpends(filter)}` });
    } catch (error) {
      setDownload({ state: "failed", message: `The CSV could not be downloaded. ${describeApiError(error)}` });
    }
  }

  return (
    <section aria-labelledby="team-spends-results">
      <h2 className="govuk-heading-m" id="team-spends-results" data-testid="team-spends-count">
        {count === 0 ? "No spends match" : `${countOf(count, "spend")}, ${formatMoney(liveTotal)}`}
      </h2>
      {count > 0 ? <p className="govuk-body-s">The total leaves out voided spends.</p> : null}
      {count > 0 ? (
        <>
          <button type="button" className="govuk-button govuk-button--secondary" aria-disabled={download?.state === "working" || undefined} onClick={() => void saveCsv()}>
            Download these spends (CSV)
          </button>
          <div aria-live="polite" data-testid="team-spends-download">
            {download ? <p className={download.state === "failed" ? "govuk-error-message" : "govuk-body"}>{download.message}</p> : null}
          </div>
        </>
      ) : null}
      <ul className="gt-spend-list" data-testid="team-spends">
        {items.map((spend) => (
          <SpendCard key={spend.id} spend={spend} />
        ))}
      </ul>
      {cursor ? (
        <button type="button" className="govuk-button govuk-button--secondary" aria-disabled={loadingMore || undefined} onClick={() => void loadMore()}>
          {loadingMore ? "Loading…" : "Show more spends"}
        </button>
      ) : null}
    </section>
  );
}

function statusTags(spend: TeamSpend): { label: string; colour: string }[] {
  if (spend.voided) return [{ label: "Voided", colour: "grey" }];
  const tags: { label: string; colour: string }[] = [];
  if (spend.justificationStatus === "due") tags.push({ label: spend.justificationOverdue ? "Justification overdue" : "Not yet justified", colour: spend.justificationOverdue ? "red" : "blue" });
  if (spend.justificationStatus === "queried") tags.push({ label: "Question waiting", colour: "yellow" });
  if (spend.justificationStatus === "concern") tags.push({ label: "Concern raised", colour: "red" });
  if (spend.followUpStatus === "pending" && spend.followUpOverdue) tags.push({ label: "Follow-up overdue", colour: "red" });
  if (spend.receipt === "missing") tags.push({ label: "Receipt missing", colour: "orange" });
  if (spend.receipt === "declared_lost") tags.push({ label: "Receipt lost", colour: "grey" });
  return tags;
}

function SpendCard({ spend }: { spend: TeamSpend }) {
  const tags = statusTags(spend);
  return (
    <li className={`gt-spend-card${spend.voided ? " gt-spend-card--voided" : ""}`} data-testid="team-spend">
      <h3 className="govuk-heading-s gt-spend-card__title">
        <Link className="govuk-link" to={`/spends/${spend.id}`}>
          {formatMoney(spend.amount, spend.currency)} for {spend.clientReference}
        </Link>
      </h3>
      <p className="govuk-body-s gt-spend-card__meta">
        {spend.workerName} · {spend.category} · {spend.payee} · spent {formatDay(spend.spentOn)}
      </p>
      {tags.length > 0 ? (
        <ul className="gt-tags">
          {tags.map((tag) => (
            <li key={tag.label}>
              <strong className={`govuk-tag govuk-tag--${tag.colour}`}>{tag.label}</strong>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
