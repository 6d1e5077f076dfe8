import type { ReactNode } from "react";

export interface TableColumn {
  header: ReactNode;
  /** Right-aligned, as GOV.UK tables set figures. */
  numeric?: boolean;
  className?: string;
}

interface ScrollTableProps {
  /** Names the table (and its scrolling region) for screen readers; not shown. */
  caption: string;
  columns: (string | TableColumn)[];
  testId?: string;
  /** The body's rows. */
  children: ReactNode;
}

/**
 * A GOV.UK table that scrolls sideways on a phone rather than squeezing its columns. The region
 * can take focus, so a keyboard user can scroll it too.
 */
export function ScrollTable({ caption, columns, testId, children }: ScrollTableProps) {
  return (
    <div className="gt-table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="govuk-table govuk-table--small-text-until-tablet" data-testid={testId}>
        <caption className="govuk-table__caption govuk-visually-hidden">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {columns.map((column, i) => {
              const { header, numeric, className } = typeof column === "string" ? { header: column } : column;
              const classes = ["govuk-table__header", numeric ? "govuk-table__header--numeric" : "", className ?? ""].filter(Boolean).join(" ");
              return (
                <th scope="col" className={classes} key={i}>
                  {header}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="govuk-table__body">{children}</tbody>
      </table>
    </div>
  );
}
