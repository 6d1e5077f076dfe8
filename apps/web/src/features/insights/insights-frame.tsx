import { useId, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { Link, useLocation, useSearchParams } from "../../lib/router.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { useCurrentUser } from "../../lib/auth.tsx";
import { currentPeriod, formatPeriod } from "../../lib/format.ts";
import { monthChoices, readSpan } from "./span.ts";
import type { Span } from "./span.ts";
import "../../styles/office-components.scss";
import "./insights.scss";

/** The area's pages, in the order of its own menu. */
const PAGES = [
  { to: "/achieved", label: "Outcomes" },
  { to: "/achieved/equity", label: "Equity" },
  { to: "/achieved/value", label: "Value and speed" },
  { to: "/achieved/uptake", label: "Uptake" },
] as const;

interface InsightsFrameProps {
  title: string;
  /** What the page covers, under the heading: the team, or every team. */
  children: ReactNode;
}

/**
 * Every page of "What it achieved": the caption and heading, the area's own menu, and the page.
 * The span is in the address (?from=&to=), so the menu keeps it from page to page.
 */
export function InsightsFrame({ title, children }: InsightsFrameProps) {
  const user = useCurrentUser();
  const { pathname, search } = useLocation();
  usePageTitle(`${title}: what it achieved`);
  const scope = user.role === "supervisor" ? (user.teamName ?? "Your team") : "All teams";
  return (
    <>
      <span className="govuk-caption-l">What it achieved · {scope}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <nav className="gt-subnav" aria-label="What it achieved">
        <ul className="gt-subnav__list">
          {PAGES.map((page) => {
            const current = page.to === pathname;
            return (
              <li className={`gt-subnav__item${current ? " gt-subnav__item--current" : ""}`} key={page.to}>
                <Link className="govuk-link govuk-link--no-visited-state gt-subnav__link" to={`${page.to}${search}`} aria-current={current ? "page" : undefined}>
                  {page.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {children}
    </>
  );
}

/** The span the address asks for (the last twelve months unless it says otherwise). */
export function useSpan(): Span {
  const [params] = useSearchParams();
  return readSpan(params, currentPeriod());
}

interface SpanFormProps {
  span: Span;
  /** More choices beside the months, e.g. how to group the outcomes. */
  extra?: ReactNode;
  /** Extra values the form keeps in the address beside from and to. */
  extraValues?(form: FormData): Record<string, string>;
}

/** Chooses the months a page covers; the choice goes into the address, so the view can be shared. */
export function SpanForm({ span, extra, extraValues }: SpanFormProps) {
  const [, setParams] = useSearchParams();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const months = monthChoices(currentPeriod(), span);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = String(form.get("from"));
    const to = String(form.get("to"));
    if (to < from) {
      setError("The last month must be the same as the first month or later");
      return;
    }
    setError(null);
    setParams({ from, to, ...(extraValues ? extraValues(form) : {}) });
  }

  const select = (name: "from" | "to", label: string) => (
    <div className={`govuk-form-group gt-span-form__field${error && name === "to" ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={`${id}-${name}`}>
        {label}
      </label>
      {error && name === "to" ? (
        <p id={`${id}-to-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <select
        className={`govuk-select${error && name === "to" ? " govuk-select--error" : ""}`}
        id={`${id}-${name}`}
        name={name}
        defaultValue={span[name]}
        key={span[name]}
        aria-describedby={error && name === "to" ? `${id}-to-error` : undefined}
      >
        {months.map((month) => (
          <option value={month} key={month}>
            {formatPeriod(month)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <form className="gt-span-form" onSubmit={submit} noValidate>
      {select("from", "From")}
      {select("to", "To")}
      {extra}
      <button type="submit" className="govuk-button govuk-button--secondary gt-span-form__button" data-module="govuk-button">
        Show
      </button>
    </form>
  );
}

/** "January 2026 to June 2026", or one month's name. */
export function describeSpan(span: Span): string {
  return span.from === span.to ? formatPeriod(span.from) : `${formatPeriod(span.from)} to ${formatPeriod(span.to)}`;
}
