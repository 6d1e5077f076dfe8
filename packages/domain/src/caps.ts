/**
 * Cap arithmetic for explaining answers to people ("you have £12.50 left this month"). The
 * database enforces the caps inside the spend's transaction; this module only describes them,
 * so it must never be used as the check itself.
 */
import { addDays } from "./dates.ts";
import { formatMoney } from "./money.ts";

export type CapName = "perSpend" | "perClient" | "perWorkerMonthly" | "teamMonthly";

/** The order caps are checked and reported in: the narrowest first. */
export const CAP_ORDER: readonly CapName[] = ["perSpend", "perClient", "perWorkerMonthly", "teamMonthly"];

export interface CapUsage {
  cap: CapName;
  /** Null means the scheme has no such cap. */
  limit: number | null;
  /** Already spent against this cap (0 for perSpend). */
  used: number;
}

export interface ExceededCap {
  cap: CapName;
  limit: number;
  remaining: number;
}

/** What is left under a cap, never below 0; null when there is no cap. */
export function remaining(limit: number | null, used: number): number | null {
  if (limit === null) return null;
  return Math.max(0, limit - used);
}

/**
 * The first cap, in CAP_ORDER whatever order `caps` comes in, that `amount` would take past its
 * limit, with what remained under it; null if the amount fits every cap. Spending exactly the
 * remainder fits.
 */
export function firstExceeded(amount: number, caps: readonly CapUsage[]): ExceededCap | null {
  for (const name of CAP_ORDER) {
    for (const usage of caps) {
      if (usage.cap !== name || usage.limit === null) continue;
      const left = remaining(usage.limit, usage.used) ?? 0;
      if (amount > left) return { cap: name, limit: usage.limit, remaining: left };
    }
  }
  return null;
}

/**
 * A plain-English sentence for the worker about a cap their spend would pass. For the
 * per-spend cap it points to the council's normal approval route, because a bigger spend is
 * not forbidden, it is just outside green tape.
 */
export function capMessage(cap: CapName, limit: number, remainingAmount: number, currency = "GBP"): string {
  const money = (minor: number) => formatMoney(minor, currency);
  switch (cap) {
    case "perSpend":
      return `A single spend under this scheme can be at most ${money(limit)}. For more than that, use the council's normal approval route.`;
    case "perClient":
      return remainingAmount > 0
        ? `You can spend up to ${money(remainingAmount)} more on this client for now (the limit is ${money(limit)} per client over the scheme's time window).`
        : `This client has reached the limit of ${money(limit)} for the scheme's time window, so nothing more can be spent on them for now.`;
    case "perWorkerMonthly":
      return remainingAmount > 0
        ? `You have ${money(remainingAmount)} left of your ${money(limit)} allowance this month.`
        : `You have used all of your ${money(limit)} allowance this month.`;
    case "teamMonthly":
      return remainingAmount > 0
        ? `Your team has ${money(remainingAmount)} left of its ${money(limit)} budget this month.`
        : `Your team has used all of its ${money(limit)} budget this month.`;
  }
}

/**
 * The most a client would have had spent on them in any rolling window of `windowDays` that
 * contains `spentOn`, counting `existing` spends (a backdated spend can push a later window over).
 * Windows are few (one per start day) and a client's spends fewer, so every window is summed.
 */
export function rollingWindowPeak(existing: readonly { amount: number; spentOn: string }[], spentOn: string, windowDays: number, amount = 0): number {
  let peak = 0;
  for (let offset = windowDays - 1; offset >= 0; offset -= 1) {
    const start = addDays(spentOn, -offset);
    const end = addDays(start, windowDays - 1);
    const total = existing.filter((s) => s.spentOn >= start && s.spentOn <= end).reduce((sum, s) => sum + s.amount, amount);
    peak = Math.max(peak, total);
  }
  return peak;
}
