import { describe, expect, it } from "vitest";
import { ConflictError } from "./errors.ts";
import {
  AUDIT_EVENTS,
  AUDIT_STATES,
  FOLLOW_UP_EVENTS,
  FOLLOW_UP_STATES,
  IllegalTransitionError,
  JUSTIFICATION_EVENTS,
  JUSTIFICATION_STATES,
  JUSTIFICATION_TRANSITIONS,
  OWED_JUSTIFICATION_STATES,
  canTransition,
  followUpOverdue,
  isJustificationOwed,
  justificationOverdue,
  nextState,
  workerMayReviseJustification,
  type Track,
} from "./tracks.ts";

// The intended machines, written out independently of the tables in tracks.ts.
const LEGAL: Record<Track, Record<string, string>> = {
  justification: {
    "due submit": "submitted",
    "queried submit": "submitted",
    "submitted submit": "submitted",
    "submitted endorse": "endorsed",
    "submitted query": "queried",
    "submitted raise_concern": "concern",
  },
  followUp: {
    "pending record": "done",
    "done record": "done",
  },
  audit: {
    "not_sampled sample": "sampled",
    "sampled record_finding": "finding_recorded",
    "finding_recorded record_finding": "finding_recorded",
  },
};

const UNIVERSE: Record<Track, { states: readonly string[]; events: readonly string[] }> = {
  justification: { states: JUSTIFICATION_STATES, events: JUSTIFICATION_EVENTS },
  followUp: { states: FOLLOW_UP_STATES, events: FOLLOW_UP_EVENTS },
  audit: { states: AUDIT_STATES, events: AUDIT_EVENTS },
};

const EXPECTED_STATES: Record<Track, string[]> = {
  justification: ["due", "submitted", "queried", "endorsed", "concern"],
  followUp: ["pending", "done"],
  audit: ["not_sampled", "sampled", "finding_recorded"],
};

const EXPECTED_EVENTS: Record<Track, string[]> = {
  justification: ["submit", "endorse", "query", "raise_concern"],
  followUp: ["record"],
  audit: ["sample", "record_finding"],
};

const allPairs = (Object.keys(UNIVERSE) as Track[]).flatMap((track) =>
  UNIVERSE[track].states.flatMap((from) => UNIVERSE[track].events.map((event) => [track, from, event] as const)),
);

// The typed API is for callers; these tests deliberately walk it with plain strings.
const step = nextState as (track: string, from: string, event: string) => string;
const allowed = canTransition as (track: string, from: string, event: string) => boolean;

describe("track tables", () => {
  it.each(Object.keys(UNIVERSE) as Track[])("%s has exactly the documented states and events", (track) => {
    expect([...UNIVERSE[track].states].sort()).toEqual([...EXPECTED_STATES[track]].sort());
    expect([...UNIVERSE[track].events].sort()).toEqual([...EXPECTED_EVENTS[track]].sort());
  });

  it("walks every (state, event) pair of every track", () => {
    expect(allPairs).toHaveLength(5 * 4 + 2 * 1 + 3 * 2);
  });

  it.each(allPairs)("%s: %s + %s", (track, from, event) => {
    const expected = LEGAL[track][`${from} ${event}`];
    if (expected === undefined) {
      expect(() => step(track, from, event)).toThrow(IllegalTransitionError);
      expect(allowed(track, from, event)).toBe(false);
    } else {
      expect(step(track, from, event)).toBe(expected);
      expect(allowed(track, from, event)).toBe(true);
    }
  });

  it("every legal transition listed above is reachable through the table", () => {
    for (const [track, rows] of Object.entries(LEGAL) as [Track, Record<string, string>][]) {
      for (const [pair, to] of Object.entries(rows)) {
        const [from = "", event = ""] = pair.split(" ");
        expect(step(track, from, event)).toBe(to);
      }
    }
  });
});

describe("IllegalTransitionError", () => {
  it("names the track, state and event", () => {
    let caught: unknown;
    try {
      nextState("justification", "endorsed", "submit");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IllegalTransitionError);
    expect(caught).toBeInstanceOf(Error);
    const error = caught as IllegalTransitionError;
    expect(error.track).toBe("justification");
    expect(error.from).toBe("endorsed");
    expect(error.event).toBe("submit");
    expect(error.name).toBe("IllegalTransitionError");
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.status).toBe(409);
    expect(error.slug).toBe("illegal-transition");
    expect(error.extensions).toEqual({ track: "justification", from: "endorsed", event: "submit" });
    expect(error.message).toBe("Cannot submit when the justification track is endorsed");
  });

  it.each([
    ["justification", "toString", "submit"],
    ["justification", "due", "constructor"],
    ["justification", "__proto__", "submit"],
    ["nonsense", "due", "submit"],
    ["followUp", "overdue", "record"],
    ["audit", "sampled", "sample"],
  ])("refuses unknown or inherited names: %s %s %s", (track, from, event) => {
    expect(() => step(track, from, event)).toThrow(IllegalTransitionError);
  });
});

describe("workerMayReviseJustification", () => {
  it.each([
    ["due", true],
    ["submitted", true],
    ["queried", true],
    ["endorsed", false],
    ["concern", false],
  ] as const)("%s → %s", (status, expected) => {
    expect(workerMayReviseJustification(status)).toBe(expected);
  });
});

describe("justificationOverdue", () => {
  const dueOn = "2026-03-10";

  it.each([
    ["due", "2026-03-11", true],
    ["queried", "2026-03-11", true],
    ["due", "2026-03-10", false],
    ["due", "2026-03-09", false],
    ["queried", "2026-03-10", false],
    ["submitted", "2026-04-01", false],
    ["endorsed", "2026-04-01", false],
    ["concern", "2026-04-01", false],
  ] as const)("%s on %s → %s", (status, today, expected) => {
    expect(justificationOverdue({ status, dueOn }, today)).toBe(expected);
  });

  it("is never overdue without a due date", () => {
    expect(justificationOverdue({ status: "due", dueOn: null }, "2099-01-01")).toBe(false);
  });

  it("compares as dates across months and years", () => {
    expect(justificationOverdue({ status: "due", dueOn: "2025-12-31" }, "2026-01-01")).toBe(true);
    expect(justificationOverdue({ status: "due", dueOn: "2026-01-31" }, "2026-02-01")).toBe(true);
  });

  it("refuses malformed dates rather than comparing them as text", () => {
    expect(() => justificationOverdue({ status: "due", dueOn: "2026-3-10" }, "2026-03-11")).toThrow(RangeError);
    expect(() => justificationOverdue({ status: "due", dueOn }, "11/03/2026")).toThrow(RangeError);
  });
});

describe("an owed justification", () => {
  it("is one whose only way on is the worker's submit: nobody else has a move to make", () => {
    const workersMoveOnly = JUSTIFICATION_STATES.filter((status) => {
      const events = Object.keys(JUSTIFICATION_TRANSITIONS[status]);
      return events.length === 1 && events[0] === "submit";
    });
    expect([...OWED_JUSTIFICATION_STATES].sort()).toEqual(workersMoveOnly.sort());
  });

  it.each([
    ["due", true],
    ["queried", true],
    ["submitted", false],
    ["endorsed", false],
    ["concern", false],
  ] as const)("%s → %s", (status, owed) => {
    expect(isJustificationOwed(status)).toBe(owed);
  });
});

describe("followUpOverdue", () => {
  it.each([
    ["pending", "2026-03-21", true],
    ["pending", "2026-03-20", false],
    ["pending", "2026-03-01", false],
    ["done", "2026-05-01", false],
  ] as const)("%s on %s → %s", (status, today, expected) => {
    expect(followUpOverdue({ status, dueOn: "2026-03-20" }, today)).toBe(expected);
  });

  it("is never overdue without a due date", () => {
    expect(followUpOverdue({ status: "pending", dueOn: null }, "2099-01-01")).toBe(false);
  });
});
