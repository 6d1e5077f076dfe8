import { useId, useState, useSyncExternalStore } from "react";
import { Link, useLocation } from "../../lib/router.tsx";
import { currentItem } from "../navigation.ts";
import type { NavItem } from "../navigation.ts";

// GOV.UK's tablet breakpoint (40.0625em): below it a long menu folds behind a "Menu" button.
const TABLET_UP = "(min-width: 40.0625em)";

function subscribeToWidth(onChange: () => void): () => void {
  const query = window.matchMedia(TABLET_UP);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

function useIsTabletUp(): boolean {
  return useSyncExternalStore(subscribeToWidth, () => window.matchMedia(TABLET_UP).matches);
}

/** GOV.UK service navigation: the role's menu, with the current page marked. */
export function ServiceNavigation({ items }: { items: readonly NavItem[] }) {
  const { pathname } = useLocation();
  const tabletUp = useIsTabletUp();
  // The folded menu is open for the page it was opened on; choosing another page closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const listId = useId();

  const collapsible = !tabletUp && items.length > 1;
  const active = currentItem(items, pathname);
  const showList = !collapsible || open;

  return (
    <div className="govuk-service-navigation">
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
            {collapsible ? (
              <button
                type="button"
                className="govuk-service-navigation__toggle"
                aria-controls={listId}
                aria-expanded={open}
                onClick={() => setOpenOn(open ? null : pathname)}
              >
                Menu
              </button>
            ) : null}
            <ul className="govuk-service-navigation__list" id={listId} hidden={!showList}>
              {items.map((item) => {
                const current = item === active;
                return (
                  <li
                    key={item.to}
                    className={`govuk-service-navigation__item${current ? " govuk-service-navigation__item--active" : ""}`}
                  >
                    <Link className="govuk-service-navigation__link" to={item.to} aria-current={current ? "page" : undefined}>
                      {current ? <strong className="govuk-service-navigation__active-fallback">{item.label}</strong> : item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        </div>
      </div>
    </div>
  );
}
