import { describe, expect, it } from "vitest";
import { NO_EQUALITY_ANSWERS, equalityMonitoringInputSchema } from "./equality-monitoring.ts";
import { equityFigures } from "./equity.ts";

describe("equityFigures", () => {
  // Hand-computed: amounts 0, 0, 30, 70 of 100. Sorted, Σ(2i − n − 1)·xᵢ = 1·30 + 3·70 = 240;
  // G = 240 / (4 · 100) = 0.6. Lorenz corners (0,0), (0.5,0), (0.75,0.3), (1,1).
  const caseload = [
    { amount: 0, answers: NO_EQUALITY_ANSWERS },
    { amount: 70, answers: { ...NO_EQUALITY_ANSWERS, sex: "female" as const, ethnicGroup: "black" as const } },
    { amount: 30, answers: { ...NO_EQUALITY_ANSWERS, sex: "male" as const, ethnicGroup: "white" as const } },
    { amount: 0, answers: { ...NO_EQUALITY_ANSWERS, sex: "female" as const, ethnicGroup: "white" as const } },
  ];

  it("gives the Gini coefficient and Lorenz curve of spend per client, clients with nothing included", () => {
    const figures = equityFigures(caseload);
    expect(figures).toMatchObject({ clients: 4, clientsWithSpend: 2, amount: 100 });
    expect(figures.gini).toBeCloseTo(0.6, 12);
    expect(figures.lorenz).toEqual([
      [0, 0],
      [0.5, 0],
      [0.75, 0.3],
      [1, 1],
    ]);
  });

  it("gives each answer's share of the caseload beside its share of the spend, empty groups included", () => {
    const bySex = equityFigures(caseload).byGroup.filter((g) => g.dimension === "sex");
    expect(bySex).toEqual([
      { dimension: "sex", group: "female", label: "Female", clients: 2, amount: 70, caseloadShare: 0.5, spendShare: 0.7 },
      { dimension: "sex", group: "male", label: "Male", clients: 1, amount: 30, caseloadShare: 0.25, spendShare: 0.3 },
      { dimension: "sex", group: "prefer_not_to_say", label: "Prefer not to say", clients: 1, amount: 0, caseloadShare: 0.25, spendShare: 0 },
    ]);
    const asian = equityFigures(caseload).byGroup.find((g) => g.dimension === "ethnicGroup" && g.group === "asian");
    expect(asian).toMatchObject({ label: "Asian, Asian British or Asian Welsh", clients: 0, caseloadShare: 0, spendShare: 0 });
  });

  it("has no Gini, curve or shares for an empty caseload, and no spend shares when nothing was spent", () => {
    const empty = equityFigures([]);
    expect(empty).toMatchObject({ clients: 0, gini: null, lorenz: [] });
    expect(empty.byGroup.every((g) => g.caseloadShare === null && g.spendShare === null)).toBe(true);
    const unspent = equityFigures([{ amount: 0, answers: NO_EQUALITY_ANSWERS }]);
    expect(unspent.gini).toBeNull();
    expect(unspent.byGroup.find((g) => g.dimension === "disability" && g.group === "prefer_not_to_say")).toMatchObject({ clients: 1, caseloadShare: 1, spendShare: null });
  });
});

describe("equality-monitoring answers", () => {
  it("take the ONS 2021 high-level ethnic groups and refuse anything else, naming the field", () => {
    expect(equalityMonitoringInputSchema.parse({ ethnicGroup: "mixed" })).toEqual({ ethnicGroup: "mixed" });
    const bad = equalityMonitoringInputSchema.safeParse({ ethnicGroup: "martian", sex: "x" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["sex", "ethnicGroup"]);
    expect(equalityMonitoringInputSchema.safeParse({ religion: "none" }).success).toBe(false);
  });
});
