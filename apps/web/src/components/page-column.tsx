import type { ReactNode } from "react";
import { Link } from "../lib/router.tsx";

/** The GOV.UK two-thirds column most pages sit in, led by a back link when the page has a parent. */
export function PageColumn({ back, children }: { back?: { to: string; label: string }; children: ReactNode }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {back ? (
          <Link className="govuk-back-link" to={back.to}>
            {back.label}
          </Link>
        ) : null}
        {children}
      </div>
    </div>
  );
}
