/**
 * Who the freedom reaches across a caseload: how evenly spend falls on clients (Lorenz curve and
 * Gini, distribution.ts), and, for each equality-monitoring answer, that group's share of the
 * spend beside its share of the caseload. A group whose spend share sits well below its caseload
 * share is the question to ask; the figures do not say why.
 */
import { giniCoefficient, lorenzCurve } from "./distribution.ts";
import { EQUALITY_DIMENSION_KEYS, EQUALITY_DIMENSIONS, type EqualityDimension, type EqualityMonitoring } from "./equality-monitoring.ts";

export interface CaseloadClient {
  /** Live spend on the client in the span, minor units (0 for none). */
  amount: number;
  answers: EqualityMonitoring;
}

export interface EquityGroup {
  dimension: EqualityDimension;
  group: string;
  label: string;
  clients: number;
  amount: number;
  /** clients / caseload; null for an empty caseload. */
  caseloadShare: number | null;
  /** amount / all spend; null when nothing was spent. */
  spendShare: number | null;
}

export interface EquityFigures {
  clients: number;
  clientsWithSpend: number;
  amount: number;
  gini: number | null;
  lorenz: Array<[number, number]>;
  /** Every answer of every dimension, in the order the options are listed, empty groups included. */
  byGroup: EquityGroup[];
}

export function equityFigures(caseload: readonly CaseloadClient[]): EquityFigures {
  const amounts = caseload.map((c) => c.amount);
  const total = amounts.reduce((sum, a) => sum + a, 0);
  const byGroup = EQUALITY_DIMENSION_KEYS.flatMap((dimension) =>
    Object.entries(EQUALITY_DIMENSIONS[dimension].options).map(([group, label]): EquityGroup => {
      const members = caseload.filter((c) => c.answers[dimension] === group);
      const amount = members.reduce((sum, c) => sum + c.amount, 0);
      return {
        dimension,
        group,
        label,
        clients: members.length,
        amount,
        caseloadShare: caseload.length === 0 ? null : members.length / caseload.length,
        spendShare: total === 0 ? null : amount / total,
      };
    }),
  );
  return {
    clients: caseload.length,
    clientsWithSpend: amounts.filter((a) => a > 0).length,
    amount: total,
    gini: giniCoefficient(amounts),
    lorenz: lorenzCurve(amounts),
    byGroup,
  };
}
