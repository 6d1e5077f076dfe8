// The spend case: one spend as every area reads it, the words and tags its values are shown in,
// and what the pages that act on one spend (justify, follow up) share.
export { CommentForm } from "./comment-form.tsx";
export { FOLLOW_UP_METHOD_LABELS, flagDescription, flagLabel, outcomeLabel, paymentMethodLabel } from "./labels.ts";
export { SpendActionNotAllowed } from "./spend-action-not-allowed.tsx";
export { fetchSpend } from "./spend-api.ts";
export { SpendCase } from "./spend-case.tsx";
export { SpendFormLayout } from "./spend-form-layout.tsx";
export { SpendFormPage } from "./spend-form-page.tsx";
export { Tag, followUpTag, justificationTag } from "./tracks.tsx";
export type { TagInfo } from "./tracks.tsx";
export { useSpendDraftSubmit } from "./use-spend-draft-submit.ts";
export type { Checked } from "./use-spend-draft-submit.ts";
