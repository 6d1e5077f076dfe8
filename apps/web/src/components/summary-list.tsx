import type { ReactNode } from "react";

export interface SummaryRow {
  key: string;
  value: ReactNode;
}

/** GOV.UK summary list: key and value pairs, read-only. */
export function SummaryList({ rows, noBorder = false }: { rows: SummaryRow[]; noBorder?: boolean }) {
  return (
    <dl className={`govuk-summary-list${noBorder ? " govuk-summary-list--no-border" : ""}`}>
      {rows.map((row) => (
        <div className="govuk-summary-list__row" key={row.key}>
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
