import { formatTimestamp } from "../lib/format.ts";

/** Says, quietly, when the draft was last saved on this phone. */
export function DraftStatus({ savedAt }: { savedAt: string | null }) {
  return (
    <p className="govuk-body-s gt-draft-status" role="status" data-testid="draft-status">
      {savedAt ? `Draft saved on this phone at ${formatTimestamp(savedAt).split(" at ")[1] ?? ""}.` : ""}
    </p>
  );
}
