import { ROLES, type Role } from "@greentape/domain/roles";
import { adminNavigation } from "./routes/admin-routes.tsx";
import { auditNavigation } from "./routes/audit-routes.tsx";
import { financeNavigation } from "./routes/finance-routes.tsx";
import { insightsNavigation } from "./routes/insights-routes.tsx";
import { reviewNavigation } from "./routes/review-routes.tsx";
import { workerNavigation } from "./routes/worker-routes.tsx";

export interface NavItem {
  label: string;
  to: string;
}

export type AreaNavigation = Partial<Record<Role, readonly NavItem[]>>;

const HOME: NavItem = { label: "Home", to: "/" };
const AREAS: AreaNavigation[] = [workerNavigation, reviewNavigation, auditNavigation, financeNavigation, adminNavigation, insightsNavigation];

/**
 * The menu for each role: Home, then what each area (app/routes/*-routes.tsx) adds for that role.
 * Adding a page to a role's menu is one line in its area's file, e.g. `{ label: "Log a spend", to: "/spends/new" }`.
 */
export const NAVIGATION = {} as Record<Role, readonly NavItem[]>;
for (const role of ROLES) NAVIGATION[role] = [HOME, ...AREAS.flatMap((area) => area[role] ?? [])];

function matches(item: NavItem, pathname: string): boolean {
  if (item.to === "/") return pathname === "/";
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}

/** The item for this page: the most specific match, so /spends/new marks "Log a spend", not "My spends". */
export function currentItem(items: readonly NavItem[], pathname: string): NavItem | undefined {
  return items.filter((item) => matches(item, pathname)).sort((a, b) => b.to.length - a.to.length)[0];
}
