import { describe, expect, it } from "vitest";
import { EVENT_TYPES, EVENT_TYPE_LABELS, isEventType } from "./event-types.ts";

describe("event types", () => {
  it("are each a subject and an act in lower snake case, with a label in words", () => {
    for (const type of EVENT_TYPES) {
      expect(type).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(EVENT_TYPE_LABELS[type]).toMatch(/^[A-Z][A-Za-z -]+$/);
    }
  });

  it("knows only the declared kinds, not an object's own machinery", () => {
    expect(isEventType("spend.logged")).toBe(true);
    expect(isEventType("spend.deleted")).toBe(false);
    expect(isEventType("toString")).toBe(false);
    expect(isEventType("__proto__")).toBe(false);
  });
});
