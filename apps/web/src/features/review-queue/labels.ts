import { FOLLOW_UP_OUTCOME_LABELS } from "@greentape/domain/workflow-input";
import type { FollowUpOutcome } from "@greentape/domain/workflow-input";

export interface TagLabel {
  text: string;
  /** A GOV.UK tag colour modifier, e.g. "govuk-tag--green". */
  colour: string;
}

const OUTCOME_COLOURS: Record<FollowUpOutcome, string> = {
  helped_a_lot: "govuk-tag--green",
  helped_a_little: "govuk-tag--turquoise",
  no_difference: "govuk-tag--grey",
  made_things_worse: "govuk-tag--red",
  could_not_contact: "govuk-tag--grey",
};

/** How the client said a spend went, or that nobody has asked them yet. */
export function outcomeTag(outcome: string | null): TagLabel {
  if (outcome !== null && Object.hasOwn(FOLLOW_UP_OUTCOME_LABELS, outcome)) {
    const known = outcome as FollowUpOutcome;
    return { text: FOLLOW_UP_OUTCOME_LABELS[known], colour: OUTCOME_COLOURS[known] };
  }
  return { text: "No follow-up yet", colour: "govuk-tag--grey" };
}

const JUSTIFICATION_TAGS: Record<string, TagLabel> = {
  due: { text: "Justification due", colour: "govuk-tag--grey" },
  submitted: { text: "Waiting for review", colour: "govuk-tag--blue" },
  queried: { text: "Question asked", colour: "govuk-tag--yellow" },
  endorsed: { text: "Endorsed", colour: "govuk-tag--green" },
  concern: { text: "Concern raised", colour: "govuk-tag--red" },
};

export function justificationTag(status: string): TagLabel {
  return JUSTIFICATION_TAGS[status] ?? { text: status, colour: "govuk-tag--grey" };
}
