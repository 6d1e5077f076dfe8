import type { SpendDetail } from "@greentape/contract/spends";
import { findingResultLabel } from "@greentape/domain/audit-report";
import { EVENT_TYPE_LABELS, isEventType } from "@greentape/domain/event-types";
import { outcomeLabel } from "./labels.ts";

/** One event of a spend's timeline in words, with what its data adds (a reason, a revision, an outcome). */
export function describeEvent(event: SpendDetail["timeline"][number]): string {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  // A kind this version does not know yet (a newer server) still reads as words.
  const label = isEventType(event.type) ? EVENT_TYPE_LABELS[event.type] : event.type.replaceAll(/[._]/g, " ");
  switch (event.type) {
    case "spend.voided":
      return data.reason ? `${label}: ${text(data.reason)}` : label;
    case "justification.submitted":
      return typeof data.revision === "number" && data.revision > 1 ? `Justification revised (revision ${data.revision})` : label;
    case "justification.reviewed": {
      const decision = text(data.decision);
      const said = decision === "endorse" ? "Justification endorsed" : decision === "query" ? "Question asked" : decision === "concern" ? "Concern raised" : label;
      return typeof data.revision === "number" ? `${said} (revision ${data.revision})` : said;
    }
    case "follow_up.recorded":
      return data.outcome ? `${label}: ${outcomeLabel(text(data.outcome))}` : label;
    case "comment.added":
      return data.visibility === "reviewers" ? "Reviewer note added" : label;
    case "audit.finding_recorded":
      return data.result ? `${label}: ${findingResultLabel(text(data.result))}` : label;
    default:
      return label;
  }
}
