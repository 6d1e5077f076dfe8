import type { Role } from "@greentape/domain/roles";

export interface NavItem {
  label: string;
  to: string;
}

/**
 * The menu for each role, in order. Adding a page to a role's menu is one line here
 * (plus its route in router.tsx), e.g. `{ label: "Log a spend", to: "/spends/new" }`.
 */
export const NAVIGATION: Record<Role, readonly NavItem[]> = {
  worker: [{ label: "Home", to: "/" }],
  supervisor: [{ label: "Home", to: "/" }],
  auditor: [{ label: "Home", to: "/" }],
  finance: [{ label: "Home", to: "/" }],
  admin: [{ label: "Home", to: "/" }],
};

export function isCurrent(item: NavItem, pathname: string): boolean {
  if (item.to === "/") return pathname === "/";
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}
