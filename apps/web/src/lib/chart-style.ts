// What every chart in the area shares: GOV.UK colours, and room for the group names on the left.

export const CHART_COLOURS = {
  /** The service's brand green (GOV.UK green, shade 25), as the page's own bars use. */
  brand: "#0b5c3e",
  /** A second series beside the first, e.g. share of caseload beside share of spend. */
  second: "#1d70b8",
  text: "#0b0c0c",
  /** Helped a lot → not followed up yet: greens for helped, grey for no difference, red for worse, greys for the rest. */
  outcomes: ["#0b5c3e", "#66b08f", "#b1b4b6", "#d4351c", "#505a5f", "#e8f1ed"],
} as const;

/** Pixels per character of the 14px axis labels, and the most of the width the names may take. */
const CHARACTER_WIDTH = 7.5;
const MOST_OF_WIDTH = 0.4;

/** A left margin wide enough for the longest group name, but never more than 40% of the chart. */
export function labelMargin(labels: readonly string[], width: number): number {
  const longest = labels.reduce((most, label) => Math.max(most, label.length), 0);
  return Math.round(Math.min(width * MOST_OF_WIDTH, Math.max(40, longest * CHARACTER_WIDTH + 12)));
}
