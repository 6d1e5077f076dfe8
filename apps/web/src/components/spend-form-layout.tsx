import type { ReactNode } from "react";
import { Link } from "../lib/router.tsx";
import { formatMoney } from "@greentape/domain/money";
import type { SpendDetail } from "@greentape/contract/spends";
import { ErrorSummary } from "./error-summary.tsx";
import type { SummaryError } from "./error-summary.tsx";
import { OfflineNotice } from "./offline-notice.tsx";
import { SummaryList } from "./summary-list.tsx";
import { formatDay } from "../lib/format.ts";

interface SpendFormLayoutProps {
  spend: SpendDetail;
  heading: string;
  /** When what the form records is due, e.g. "Due by". */
  deadline: { key: string; dueOn: string | null | undefined; overdue: boolean };
  errors: SummaryError[];
  /** What was written waits in the outbox for a signal. */
  offline: boolean;
  /** The rest of the page, the form among it. */
  children: ReactNode;
}

/** A form about one spend, sent from a draft: what went wrong, the way back, which spend it is and when the form is due. */
export function SpendFormLayout({ spend, heading, deadline, errors, offline, children }: SpendFormLayoutProps) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {offline ? <OfflineNotice /> : null}
        <Link className="govuk-back-link" to={`/spends/${spend.id}`}>
          Back to the spend
        </Link>
        <span className="govuk-caption-l">
          {formatMoney(spend.amount, spend.currency)} for {spend.client.reference}
        </span>
        <h1 className="govuk-heading-l">{heading}</h1>
        <SummaryList
          rows={[
            { key: "Paid to", value: spend.payee },
            { key: "Category", value: spend.category },
            { key: "Date spent", value: formatDay(spend.spentOn) },
            { key: deadline.key, value: `${formatDay(deadline.dueOn)}${deadline.overdue ? " (overdue)" : ""}` },
          ]}
        />
        {children}
      </div>
    </div>
  );
}
