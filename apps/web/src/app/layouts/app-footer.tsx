import { Link } from "../../lib/router.tsx";

/** A plain footer: no crown and no Crown copyright, as this is a council's own service. */
export function AppFooter() {
  return (
    <footer className="gt-footer">
      <div className="govuk-width-container">
        <p className="govuk-body-s gt-footer__text">
          <strong>Green Tape</strong>: spend first for the people you support, explain afterwards.
        </p>
        <p className="govuk-body-s gt-footer__text">
          <Link className="govuk-link" to="/public/summary">
            What the freedom to spend achieved: the public summary
          </Link>
        </p>
      </div>
    </footer>
  );
}
