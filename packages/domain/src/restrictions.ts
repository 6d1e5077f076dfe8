/**
 * The individual response: when one person misuses the freedom, it is taken from that person, not
 * from everyone. A restriction suspends their spending or lowers their caps, with a reason, until a
 * day or until lifted. What is in force is worked out from the restrictions themselves, never
 * stored, so lifting one or passing its last day restores the person at once.
 */
import { z } from "zod/mini";
import { isValidIsoDate } from "./dates.ts";
import { formatMoney } from "./money.ts";
import { isoDate, prose } from "./text.ts";

export const RESTRICTION_KINDS = ["suspend", "lower_caps"] as const;
export type RestrictionKind = (typeof RESTRICTION_KINDS)[number];

const loweredCap = (label: string) =>
  z.optional(z.number({ message: `${label} must be a whole number of pence` }).check(z.int(`${label} must be a whole number of pence`), z.positive(`${label} must be more than zero (to stop all spending, suspend instead)`), z.lte(100_000_000_000, `${label} is too large`)));

export const restrictionInputSchema = z.object({
    kind: z.enum(RESTRICTION_KINDS, { message: `Kind must be one of ${RESTRICTION_KINDS.join(", ")}` }),
    reason: prose(10, 1000, "Reason"),
    /** The last day it applies (inclusive); absent: until lifted. */
    until: z.optional(isoDate("Until").check(z.refine(isValidIsoDate, "Until must be a real date"))),
    perSpendCap: loweredCap("Per-spend cap"),
    perWorkerMonthlyCap: loweredCap("Per-worker monthly cap"),
  }).check(z.superRefine((input, ctx) => {
    const hasCap = input.perSpendCap !== undefined || input.perWorkerMonthlyCap !== undefined;
    if (input.kind === "lower_caps" && !hasCap) ctx.addIssue({ code: "custom", path: ["perSpendCap"], message: "Give at least one lowered cap: per-spend or per-worker monthly" });
    if (input.kind === "suspend" && hasCap) ctx.addIssue({ code: "custom", path: ["kind"], message: "A suspension stops all spending: give no caps, or choose lower_caps" });
  }));
export type RestrictionInput = z.infer<typeof restrictionInputSchema>;

/** A restriction as the API answers with it, and the web reads it. */
export const liftRestrictionInputSchema = z.object({ reason: prose(10, 1000, "Reason") });

export interface RestrictionTerms {
  kind: RestrictionKind;
  reason: string;
  untilOn: string | null;
  perSpendCap: number | null;
  perWorkerMonthlyCap: number | null;
  liftedAt: Date | null;
}

/** In force on `today`: not lifted, and `today` is not past its last day. */
export function isInForce(restriction: Pick<RestrictionTerms, "untilOn" | "liftedAt">, today: string): boolean {
  return restriction.liftedAt === null && (restriction.untilOn === null || today <= restriction.untilOn);
}

export interface RestrictionInForce<R extends RestrictionTerms = RestrictionTerms> {
  /** The suspension in force (the one lasting longest if several are), or null. */
  suspension: R | null;
  /** The lowest of the lowered caps in force; null where none lowers it. */
  perSpendCap: number | null;
  perWorkerMonthlyCap: number | null;
  /** Every restriction in force, for showing to the person. */
  restrictions: R[];
}

function lowest(values: readonly (number | null)[]): number | null {
  const given = values.filter((v): v is number => v !== null);
  return given.length === 0 ? null : Math.min(...given);
}

/** What several restrictions of one person amount to on `today`: the strictest of each. */
export function inForce<R extends RestrictionTerms>(restrictions: readonly R[], today: string): RestrictionInForce<R> {
  const active = restrictions.filter((r) => isInForce(r, today));
  const suspensions = active.filter((r) => r.kind === "suspend");
  // Until lifted outlasts any day; otherwise the latest last day.
  const suspension = suspensions.find((r) => r.untilOn === null) ?? [...suspensions].sort((a, b) => ((a.untilOn ?? "") < (b.untilOn ?? "") ? 1 : -1))[0] ?? null;
  const lowered = active.filter((r) => r.kind === "lower_caps");
  return {
    suspension,
    perSpendCap: lowest(lowered.map((r) => r.perSpendCap)),
    perWorkerMonthlyCap: lowest(lowered.map((r) => r.perWorkerMonthlyCap)),
    restrictions: active,
  };
}

export interface PersonalCaps {
  perSpendCap: number | null;
  perWorkerMonthlyCap: number | null;
}

/** A scheme's caps for one person: the scheme's own, or a lowered one where that is smaller. */
export function lowerCaps<C extends PersonalCaps>(scheme: C, restriction: Pick<RestrictionInForce, "perSpendCap" | "perWorkerMonthlyCap">): C {
  return {
    ...scheme,
    perSpendCap: lowest([scheme.perSpendCap, restriction.perSpendCap]),
    perWorkerMonthlyCap: lowest([scheme.perWorkerMonthlyCap, restriction.perWorkerMonthlyCap]),
  };
}

/** What a restriction does, in a sentence for the person and their supervisor (not the reason). */
export function describeRestriction(r: Pick<RestrictionTerms, "kind" | "untilOn" | "perSpendCap" | "perWorkerMonthlyCap">, currency = "GBP"): string {
  const until = r.untilOn === null ? "until it is lifted" : `until the end of ${r.untilOn}`;
  if (r.kind === "suspend") return `New spends are suspended ${until}.`;
  const caps = [
    ...(r.perSpendCap === null ? [] : [`${formatMoney(r.perSpendCap, currency)} a spend`]),
    ...(r.perWorkerMonthlyCap === null ? [] : [`${formatMoney(r.perWorkerMonthlyCap, currency)} a month`]),
  ];
  return `Caps are lowered to at most ${caps.join(" and ")} ${until}.`;
}
