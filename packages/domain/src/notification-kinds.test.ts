import { describe, expect, it } from "vitest";
import { NOTIFICATION_KINDS, restrictionNotificationKind, reviewNotificationKind } from "./notification-kinds.ts";
import { REVIEW_DECISIONS } from "./workflow-input.ts";

describe("notification kinds", () => {
  it("name every review decision and restriction change once, and nothing twice", () => {
    const derived = [...REVIEW_DECISIONS.map(reviewNotificationKind), restrictionNotificationKind("set"), restrictionNotificationKind("lifted")];
    for (const kind of derived) expect(NOTIFICATION_KINDS).toContain(kind);
    expect(new Set(derived).size).toBe(derived.length);
    expect(new Set(NOTIFICATION_KINDS).size).toBe(NOTIFICATION_KINDS.length);
  });

  it("words a query as the kind the web sends the worker to answer", () => {
    expect(reviewNotificationKind("query")).toBe("justification.query");
  });
});
