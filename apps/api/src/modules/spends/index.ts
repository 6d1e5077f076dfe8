/** The spends module's front door: what other modules may use. */
export { toSpendAccess } from "./spend-access.ts";
export { userNames } from "./spend-detail.queries.ts";
export { toSpendView } from "./spend-view.ts";
export { clientSpendsBetween, counterUsed, lockSpend, type SpendRow } from "./spends.queries.ts";
export type { SpendsService } from "./spends.service.ts";
