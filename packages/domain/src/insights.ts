/**
 * The figures of "What it achieved", worked out from counts the database has already added up:
 * outcomes (helped out of reached, with its Wilson interval), cost per client helped, and the
 * public version of each figure with small numbers suppressed. See DESIGN.md "Learning and fairness".
 */
import { isSuppressedCount } from "./disclosure.ts";
import { describeRate, type WilsonInterval } from "./rates.ts";
import { FOLLOW_UP_OUTCOMES, type FollowUpOutcome } from "./workflow-input.ts";

export type OutcomeCounts = Record<FollowUpOutcome, number>;

/** What the database adds up for a group of live spends. */
export interface OutcomeTotals {
  spends: number;
  amount: number;
  /** Distinct clients the spends were for, and those of them with a "helped" follow-up. */
  clients: number;
  clientsHelped: number;
  outcomes: OutcomeCounts;
}

export interface OutcomeFigures extends OutcomeTotals {
  followUps: number;
  /** Follow-ups where the client was reached: all but could_not_contact. */
  reached: number;
  /** helped_a_lot + helped_a_little. */
  helped: number;
  /** Spends with no follow-up yet. */
  notFollowedUp: number;
  helpedRate: number | null;
  interval: WilsonInterval | null;
  /** Fewer reached than rates.ts's TOO_FEW_TO_TELL_BELOW: show the counts, not the rate. */
  tooFewToTell: boolean;
  /** amount / clientsHelped in minor units, rounded; null when nobody was helped. */
  costPerClientHelped: number | null;
}

export function emptyOutcomeCounts(): OutcomeCounts {
  return Object.fromEntries(FOLLOW_UP_OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
}

export function outcomeFigures(totals: OutcomeTotals): OutcomeFigures {
  const { outcomes } = totals;
  const followUps = FOLLOW_UP_OUTCOMES.reduce((sum, o) => sum + outcomes[o], 0);
  const reached = followUps - outcomes.could_not_contact;
  const helped = outcomes.helped_a_lot + outcomes.helped_a_little;
  const rate = describeRate(helped, reached);
  return {
    ...totals,
    followUps,
    reached,
    helped,
    notFollowedUp: totals.spends - followUps,
    helpedRate: rate.rate,
    interval: rate.interval,
    tooFewToTell: rate.tooFewToTell,
    costPerClientHelped: totals.clientsHelped === 0 ? null : Math.round(totals.amount / totals.clientsHelped),
  };
}

/**
 * Which cells of one breakdown (e.g. spends by category) to withhold: every count under
 * PUBLIC_MINIMUM_COUNT, and, when that leaves exactly one withheld cell beside a published total,
 * the smallest other non-zero cell too (complementary suppression), or the lone cell could be
 * worked out by subtraction.
 */
export function suppressedCells(counts: readonly number[]): boolean[] {
  const suppressed = counts.map(isSuppressedCount);
  if (suppressed.filter(Boolean).length !== 1 || counts.length < 2) return suppressed;
  let smallest = -1;
  counts.forEach((count, i) => {
    if (!suppressed[i] && count > 0 && (smallest < 0 || count < (counts[smallest] ?? 0))) smallest = i;
  });
  if (smallest >= 0) suppressed[smallest] = true;
  return suppressed;
}

/** A group's outcome figures as the public sees them. Null means withheld; `suppressed` names what was. */
export interface PublicOutcomeFigures {
  spends: number | null;
  amount: number | null;
  followUps: number | null;
  reached: number | null;
  helped: number | null;
  helpedRate: number | null;
  interval: WilsonInterval | null;
  suppressed: Array<"spends" | "amount" | "followUps" | "reached" | "helped" | "helpedRate">;
}

type PublicCount = "spends" | "followUps" | "reached" | "helped";
const PUBLIC_COUNTS: readonly PublicCount[] = ["spends", "followUps", "reached", "helped"];

/**
 * A breakdown's groups for the public: each count withheld by `suppressedCells` down its column, the
 * amount with its spends, and the rate and interval with either of their counts. A single group
 * (a total) gets only the under-5 rule.
 */
export function publicOutcomeBreakdown(groups: readonly OutcomeFigures[]): PublicOutcomeFigures[] {
  const withheld = Object.fromEntries(PUBLIC_COUNTS.map((c) => [c, suppressedCells(groups.map((g) => g[c]))])) as Record<PublicCount, boolean[]>;
  return groups.map((g, i) => {
    const hidden = (c: PublicCount) => withheld[c][i] === true;
    const suppressed: PublicOutcomeFigures["suppressed"] = [];
    for (const c of PUBLIC_COUNTS) if (hidden(c)) suppressed.push(c);
    if (hidden("spends")) suppressed.splice(1, 0, "amount");
    const rateHidden = hidden("reached") || hidden("helped");
    if (rateHidden) suppressed.push("helpedRate");
    return {
      spends: hidden("spends") ? null : g.spends,
      amount: hidden("spends") ? null : g.amount,
      followUps: hidden("followUps") ? null : g.followUps,
      reached: hidden("reached") ? null : g.reached,
      helped: hidden("helped") ? null : g.helped,
      helpedRate: rateHidden ? null : g.helpedRate,
      interval: rateHidden ? null : g.interval,
      suppressed,
    };
  });
}
