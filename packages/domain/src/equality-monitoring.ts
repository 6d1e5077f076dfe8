/**
 * Optional equality-monitoring answers about a client, so a council can see who its discretion
 * reaches and who it misses. Every answer defaults to "prefer not to say". These are special
 * category data: they are used only in aggregate (the equity figures) and never go into an
 * export, a notification or the event log.
 */
import { z } from "zod/mini";

export const PREFER_NOT_TO_SAY = "prefer_not_to_say";

/** Each dimension's answers with their labels, "prefer not to say" last. */
export const EQUALITY_DIMENSIONS = {
  ageBand: {
    label: "Age band",
    options: {
      under_18: "Under 18",
      "18_24": "18 to 24",
      "25_34": "25 to 34",
      "35_49": "35 to 49",
      "50_64": "50 to 64",
      "65_74": "65 to 74",
      "75_and_over": "75 and over",
      prefer_not_to_say: "Prefer not to say",
    },
  },
  sex: {
    label: "Sex",
    options: { female: "Female", male: "Male", prefer_not_to_say: "Prefer not to say" },
  },
  /** The ONS 2021 Census harmonised standard's five high-level ethnic groups (England and Wales). */
  ethnicGroup: {
    label: "Ethnic group",
    options: {
      asian: "Asian, Asian British or Asian Welsh",
      black: "Black, Black British, Black Welsh, Caribbean or African",
      mixed: "Mixed or Multiple ethnic groups",
      white: "White",
      other: "Other ethnic group",
      prefer_not_to_say: "Prefer not to say",
    },
  },
  /** The Equality Act 2010 sense, as the ONS 2021 harmonised question asks it (limited a lot or a little). */
  disability: {
    label: "Disability",
    options: { yes: "Disabled", no: "Not disabled", prefer_not_to_say: "Prefer not to say" },
  },
} as const;

export type EqualityDimension = keyof typeof EQUALITY_DIMENSIONS;
export const EQUALITY_DIMENSION_KEYS = Object.keys(EQUALITY_DIMENSIONS) as EqualityDimension[];

export type EqualityAnswer<D extends EqualityDimension> = keyof (typeof EQUALITY_DIMENSIONS)[D]["options"] & string;
export type EqualityMonitoring = { [D in EqualityDimension]: EqualityAnswer<D> };

export const NO_EQUALITY_ANSWERS: EqualityMonitoring = {
  ageBand: PREFER_NOT_TO_SAY,
  sex: PREFER_NOT_TO_SAY,
  ethnicGroup: PREFER_NOT_TO_SAY,
  disability: PREFER_NOT_TO_SAY,
};

function answerSchema<D extends EqualityDimension>(dimension: D) {
  const codes = Object.keys(EQUALITY_DIMENSIONS[dimension].options) as [EqualityAnswer<D>, ...EqualityAnswer<D>[]];
  return z.enum(codes, { message: `${EQUALITY_DIMENSIONS[dimension].label} must be one of ${codes.join(", ")}` });
}

/** A change to some or all answers; anything left out stays as it is. */
export const equalityMonitoringInputSchema = z.strictObject({
    ageBand: z.optional(answerSchema("ageBand")),
    sex: z.optional(answerSchema("sex")),
    ethnicGroup: z.optional(answerSchema("ethnicGroup")),
    disability: z.optional(answerSchema("disability")),
  });
export type EqualityMonitoringInput = z.infer<typeof equalityMonitoringInputSchema>;

/** The whole set of answers, as the API returns it. */
export const equalityMonitoringSchema = z.object({
  ageBand: answerSchema("ageBand"),
  sex: answerSchema("sex"),
  ethnicGroup: answerSchema("ethnicGroup"),
  disability: answerSchema("disability"),
});
