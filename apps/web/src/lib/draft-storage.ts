// Where drafts live in localStorage, apart from the form hooks (drafts.ts): the outbox, loaded
// on every signed-in page, removes a draft once the server has its text, without pulling the
// forms' code into the first load.
const PREFIX = "green-tape:draft:";

export function storageKey(kind: string, userId: string, subjectId: string): string {
  return `${PREFIX}${kind}:${userId}:${subjectId}`;
}

export function removeDraft(kind: string, userId: string, subjectId: string): void {
  try {
    localStorage.removeItem(storageKey(kind, userId, subjectId));
  } catch {
    // Storage unavailable: nothing was kept.
  }
}
