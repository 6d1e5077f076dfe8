// Turning the insights answers into what people read: rates in words with their intervals,
// "too few to tell" where a rate would mislead, and the comparison of two groups. Pure, so the
// rules are unit-tested apart from the pages (figures.test.ts).
import { compareRates, TOO_FEW_TO_TELL_BELOW } from "@greentape/domain/rates";
import { formatShare } from "../../lib/format.ts";
import type { OutcomeGroup, WilsonInterval } from "@greentape/contract/insights";

/** A difference between two rates in percentage points: 0.12 → "12 points", −0.034 → "−3.4 points". */
export function formatPoints(difference: number): string {
  const text = formatShare(Math.abs(difference)).replace("%", "");
  const sign = difference < 0 && text !== "0" ? "−" : "";
  return `${sign}${text} ${text === "1" ? "point" : "points"}`;
}

/** A difference's interval in percentage points: "−3.4 to 27 points". */
export function formatPointsInterval(interval: { lower: number; upper: number }): string {
  return `${formatPoints(interval.lower).replace(/ points?$/, "")} to ${formatPoints(interval.upper)}`;
}

/** "49% to 94%". */
export function formatInterval(interval: Pick<WilsonInterval, "lower" | "upper">): string {
  return `${formatShare(interval.lower)} to ${formatShare(interval.upper)}`;
}

/** The helped rate as a sentence fragment: "80% (95% interval 49% to 94%)", or why there is none. */
export function describeHelpedRate(group: Pick<OutcomeGroup, "reached" | "helped" | "helpedRate" | "interval" | "tooFewToTell">): string {
  if (group.reached === 0 || group.helpedRate === null || group.interval === null) return "No client reached yet";
  if (group.tooFewToTell) return `Too few to tell (${group.helped} of ${group.reached})`;
  return `${formatShare(group.helpedRate)} (${formatInterval(group.interval)})`;
}

/** One dot-and-whisker per group for the chart; groups too few to tell are left to the table. */
export interface RatePoint {
  label: string;
  rate: number;
  lower: number;
  upper: number;
}

export function ratePoints(groups: readonly OutcomeGroup[]): RatePoint[] {
  const points: RatePoint[] = [];
  for (const group of groups) {
    if (group.tooFewToTell || group.helpedRate === null || group.interval === null) continue;
    points.push({ label: group.label, rate: group.helpedRate, lower: group.interval.lower, upper: group.interval.upper });
  }
  return points;
}

/** How the follow-ups of each group came out, with spends not yet followed up as their own part. */
export interface OutcomeSlice {
  label: string;
  part: string;
  count: number;
}

export const OUTCOME_PARTS = [
  ["helped_a_lot", "Helped a lot"],
  ["helped_a_little", "Helped a little"],
  ["no_difference", "Made no difference"],
  ["made_things_worse", "Made things worse"],
  ["could_not_contact", "Could not contact"],
  ["not_yet", "Not followed up yet"],
] as const;

export function outcomeSlices(groups: readonly OutcomeGroup[]): OutcomeSlice[] {
  return groups.flatMap((group) =>
    OUTCOME_PARTS.map(([part, name]) => ({
      label: group.label,
      part: name,
      count: part === "not_yet" ? group.notFollowedUp : group.outcomes[part],
    })),
  );
}

export interface Comparison {
  first: OutcomeGroup;
  second: OutcomeGroup;
  /** first − second, as a share; null when either group reached nobody. */
  difference: number | null;
  interval: { lower: number; upper: number } | null;
  tooFewToTell: boolean;
  /** The comparison in one plain sentence. */
  sentence: string;
}

/** Two groups' helped rates side by side: the difference and its Newcombe interval, in words. */
export function compareGroups(first: OutcomeGroup, second: OutcomeGroup): Comparison {
  const result = compareRates({ successes: first.helped, trials: first.reached }, { successes: second.helped, trials: second.reached });
  const base = { first, second, difference: result.difference, interval: result.interval, tooFewToTell: result.tooFewToTell };
  if (result.difference === null || result.interval === null) {
    const empty = first.reached === 0 ? first : second;
    return { ...base, sentence: `No client of ${empty.label} has been reached yet, so the two cannot be compared.` };
  }
  if (result.tooFewToTell) {
    return { ...base, sentence: `Too few to tell: fewer than ${TOO_FEW_TO_TELL_BELOW} clients were reached in ${first.tooFewToTell ? first.label : second.label}.` };
  }
  const { difference, interval } = result;
  const direction = difference === 0 ? "the same as" : difference > 0 ? `${formatPoints(difference)} higher than` : `${formatPoints(-difference)} lower than`;
  const verdict =
    interval.lower > 0 || interval.upper < 0
      ? "The interval leaves out no difference, so the gap is unlikely to be chance alone."
      : "The interval includes no difference, so these figures cannot tell the two apart.";
  return { ...base, sentence: `${first.label}: helped rate ${direction} ${second.label} (95% interval ${formatPointsInterval(interval)}). ${verdict}` };
}

/**
 * The Lorenz curve read at every tenth of clients, for the table beside the chart: "the 50% of
 * clients with the least spend had 12% of it". Points between the curve's corners are on straight lines.
 */
export function lorenzDeciles(lorenz: readonly (readonly [number, number])[]): { clients: number; spend: number }[] {
  const points = [...lorenz].sort((a, b) => a[0] - b[0]);
  if (points.length === 0) return [];
  const at = (x: number): number => {
    let previous: readonly [number, number] = [0, 0];
    for (const point of points) {
      if (point[0] >= x) {
        const run = point[0] - previous[0];
        return run === 0 ? point[1] : previous[1] + ((point[1] - previous[1]) * (x - previous[0])) / run;
      }
      previous = point;
    }
    return previous[1];
  };
  return Array.from({ length: 10 }, (_, i) => {
    const clients = (i + 1) / 10;
    return { clients, spend: at(clients) };
  });
}
