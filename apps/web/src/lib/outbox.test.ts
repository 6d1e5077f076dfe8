// The outbox's rules, without IndexedDB (fake-indexeddb is not installed): which failures are
// retried and which need the worker, and which records the timer may send, and how a justification or follow-up written with no signal is sent. Storage
// and sending are covered by tests/e2e/log-spend.test.ts and tests/e2e/write-offline.test.ts.
import { describe, expect, it } from "vitest";
import { ApiError, NetworkError } from "./api-client.ts";
import { classifyFailure, dueForSending, problemFrom, supersededWrites, writeRequest } from "./outbox.ts";
import type { OutboxRecord, OutboxWrite } from "./outbox.ts";

const problem = (status: number, type = "/problems/x", extra: Record<string, unknown> = {}) =>
  new ApiError({ type, title: "Refused", status, detail: "Because", ...extra });

describe("classifyFailure", () => {
  it("retries what may work later: no answer, server trouble, rate limits, a session to renew", () => {
    expect(classifyFailure(new NetworkError(new TypeError("Failed to fetch")))).toBe("retry");
    for (const status of [500, 502, 503, 504, 408, 429, 401]) expect(classifyFailure(problem(status))).toBe("retry");
    expect(classifyFailure(new Error("a bug"))).toBe("retry");
  });

  it("does not retry a refusal: caps, the pause, bad input, conflicts, no access", () => {
    for (const status of [400, 403, 404, 409, 413, 415, 422]) expect(classifyFailure(problem(status))).toBe("refused");
  });
});

describe("problemFrom", () => {
  it("keeps what the worker needs to see: the message, the cap, the overdue spends", () => {
    const capped = problemFrom(problem(422, "/problems/cap-exceeded", { cap: "perClient", limit: 20000, remaining: 500 }));
    expect(capped).toMatchObject({ status: 422, type: "/problems/cap-exceeded", detail: "Because", cap: "perClient", overdueSpends: [] });

    const paused = problemFrom(
      problem(422, "/problems/allowance-paused", { overdueSpends: [{ id: "s1", payee: "Bus", amount: 250 }, { nope: true }] }),
    );
    expect(paused.overdueSpends).toEqual([{ id: "s1", payee: "Bus", amount: 250 }]);

    const invalid = problemFrom(new ApiError({ type: "/problems/validation", title: "Bad", status: 400, errors: [{ path: "payee", message: "Payee is required" }] }));
    expect(invalid.errors).toEqual([{ path: "payee", message: "Payee is required" }]);
    expect(invalid.detail).toBeNull();
  });
});

describe("dueForSending", () => {
  const record = (over: Partial<OutboxRecord>): OutboxRecord => ({
    key: "k",
    userId: "me",
    spend: { schemeId: "s", clientId: "c", amount: 100, category: "Travel", payee: "Bus", payeeType: "organisation", paymentMethod: "petty_cash", spentOn: "2026-03-01", note: "" },
    label: { clientReference: "C-1", currency: "GBP" },
    receipt: null,
    state: "waiting",
    frozen: false,
    attempts: 0,
    nextAttemptAt: 0,
    createdAt: "2026-03-01T10:00:00.000Z",
    lastTriedAt: null,
    spendId: null,
    problem: null,
    queued: true,
    ...over,
  });

  it("sends only this user's waiting records whose wait is over", () => {
    const now = 1_000_000;
    const records = [
      record({ key: "due" }),
      record({ key: "later", nextAttemptAt: now + 1 }),
      record({ key: "just-due", nextAttemptAt: now }),
      record({ key: "someone-else", userId: "other" }),
      record({ key: "refused", state: "needs-attention" }),
      record({ key: "in-flight", state: "sending" }),
    ];
    expect(dueForSending(records, "me", now).map((r) => r.key)).toEqual(["due", "just-due"]);
  });
});

describe("writes about a spend", () => {
  const write = (over: Partial<OutboxWrite>): OutboxWrite => ({
    key: "w",
    userId: "me",
    spendId: "spend-1",
    kind: "justification",
    body: { narrative: "Bus fare to the interview she had prepared for all month.", intendedOutcome: "She attends" },
    state: "waiting",
    attempts: 0,
    nextAttemptAt: 0,
    createdAt: "2026-03-01T10:00:00.000Z",
    problem: null,
    ...over,
  });

  it("PUTs the whole text to the spend's justification or follow-up, with the record's key", () => {
    expect(writeRequest(write({ key: "k-1" }))).toEqual({
      method: "PUT",
      path: "/api/spends/spend-1/justification",
      body: { narrative: "Bus fare to the interview she had prepared for all month.", intendedOutcome: "She attends" },
      headers: { "Idempotency-Key": "k-1" },
    });
    expect(writeRequest(write({ kind: "follow-up", spendId: "a/b" })).path).toBe("/api/spends/a%2Fb/follow-up");
  });

  it("POSTs a lost-receipt declaration, which the server takes again as the same one", () => {
    const request = writeRequest(write({ kind: "receipt-lost", body: { description: "Bus tickets", reason: "The driver gave none" } }));
    expect(request).toMatchObject({ method: "POST", path: "/api/spends/spend-1/receipt-lost", body: { description: "Bus tickets", reason: "The driver gave none" } });
  });

  it("replaces an older waiting or refused text for the same spend and form, never one being sent", () => {
    const writes = [
      write({ key: "waiting" }),
      write({ key: "refused", state: "needs-attention" }),
      write({ key: "in-flight", state: "sending" }),
      write({ key: "other-form", kind: "follow-up" }),
      write({ key: "other-spend", spendId: "spend-2" }),
      write({ key: "other-user", userId: "other" }),
    ];
    expect(supersededWrites(writes, { userId: "me", spendId: "spend-1", kind: "justification" }).map((w) => w.key)).toEqual(["waiting", "refused"]);
  });

  it("never replaces a receipt added on the spend's page: each is another receipt", () => {
    const receipt = { blob: new Blob(["%PDF-1.4"]), name: "r.pdf", type: "application/pdf" };
    const writes = [write({ key: "first", kind: "receipt", body: {}, receipt }), write({ key: "refused", kind: "receipt", body: {}, receipt, state: "needs-attention" })];
    expect(supersededWrites(writes, { userId: "me", spendId: "spend-1", kind: "receipt" })).toEqual([]);
  });

  it("are sent by the timer only when waiting and due, like spends", () => {
    const now = 5_000;
    const writes = [write({ key: "due" }), write({ key: "later", nextAttemptAt: now + 1 }), write({ key: "refused", state: "needs-attention" })];
    expect(dueForSending(writes, "me", now).map((w) => w.key)).toEqual(["due"]);
  });
});
