import { describe, expect, it } from "vitest";
import type { Client } from "../../lib/client-schema.ts";
import type { OutboxProblem, OutboxSpend } from "../../lib/outbox.ts";
import type { Scheme } from "../../lib/spend-reference-api.ts";
import {
  checkSpend,
  checked,
  clientAdded,
  edited,
  errorSummary,
  initialForm,
  logSpendForm,
  notSaved,
  receiptChosen,
  receiptProblem,
  receiptRefused,
  receiptRemoved,
  receiptShrunk,
  receiptTooBig,
  refused,
  restored,
  schemeChosen,
  typedAmount,
  valuesFromSpend,
} from "./log-spend-form.ts";
import type { ChosenReceipt, FormValues, LogSpendFormState } from "./log-spend-form.ts";

const SCHEME_ID = "6f1c2b7e-8a3d-4c5e-9f10-1a2b3c4d5e6f";
const OTHER_SCHEME_ID = "0b8e2a51-3c4d-4e6f-8a9b-0c1d2e3f4a5b";
const CLIENT_ID = "9d2c4b6a-1e3f-4a5b-8c7d-6e5f4a3b2c1d";
const TODAY = "2026-03-31";

const scheme = { id: SCHEME_ID, name: "Winter warmth", currency: "GBP", categories: ["Food", "Travel"], perClientWindowDays: 30 } as Scheme;
const otherScheme = { ...scheme, id: OTHER_SCHEME_ID, name: "Getting to work" } as Scheme;
const client = (id: string, reference: string): Client => ({ id, reference, displayName: null, teamId: "team", lastSpentAt: null });
const receipt = (name: string, type = "image/jpeg", size = 1000): ChosenReceipt => ({ file: new File([new Uint8Array(size)], name, { type }), previewUrl: null });

const empty = (schemes: Scheme[] = [scheme]) => initialForm(schemes, [client(CLIENT_ID, "C-1")], "voucher", TODAY);
const run = (state: LogSpendFormState, ...actions: Parameters<typeof logSpendForm>[1][]) => actions.reduce(logSpendForm, state);

/** A form filled in as someone would: everything the server needs, nothing optional. */
function filled(changes: Partial<FormValues> = {}): LogSpendFormState {
  return run(empty(), edited({ amount: "12.50", clientId: CLIENT_ID, category: "Food", payee: "Go North East", paymentMethod: "voucher", ...changes }));
}

function problem(changes: Partial<OutboxProblem>): OutboxProblem {
  return { status: 422, type: "https://greentape.example/problems/invalid", title: "Check the spend", detail: null, errors: [], cap: null, overdueSpends: [], ...changes };
}

describe("the log-a-spend form's start", () => {
  it("chooses the scheme only when the team has just one, and starts on today and the last payment method", () => {
    expect(empty().values).toMatchObject({ schemeId: SCHEME_ID, spentOn: TODAY, paymentMethod: "voucher", amount: "", payeeType: "" });
    expect(empty([scheme, otherScheme]).values.schemeId).toBe("");
    expect(empty([]).values.schemeId).toBe("");
    expect(empty()).toMatchObject({ errors: {}, general: null, paused: null, sending: false, receipt: null, correctingProblem: null });
  });
});

describe("the form's actions", () => {
  it("edited: changes the field and clears its error, and only its error", () => {
    const state = run(empty(), checked({ amount: "Enter the amount, like 12.50", payee: "Enter who was paid, like the shop or bus company" }), edited({ amount: "3" }));
    expect(state.values.amount).toBe("3");
    expect(state.errors).toEqual({ payee: "Enter who was paid, like the shop or bus company" });
  });

  it("schemeChosen: a category chosen under the old scheme goes, with its error", () => {
    const state = run(empty([scheme, otherScheme]), edited({ category: "Food" }), checked({ category: "Choose a category", schemeId: "Choose a scheme" }), schemeChosen(OTHER_SCHEME_ID));
    expect(state.values).toMatchObject({ schemeId: OTHER_SCHEME_ID, category: "" });
    expect(state.errors).toEqual({});
  });

  it("restored: the record's spend comes back as typed, with why it was refused; a receipt is kept unless the record has one", () => {
    const kept = receipt("kept.jpg");
    const values = valuesFromSpend({ schemeId: SCHEME_ID, clientId: CLIENT_ID, amount: 1250, category: "Food", payee: "Tesco", paymentMethod: "voucher", spentOn: "2026-03-02", note: "" });
    const refusal = problem({ title: "Over the cap" });
    const withoutReceipt = run(empty(), receiptChosen(kept), restored(values, null, refusal));
    expect(withoutReceipt).toMatchObject({ values: { amount: "12.50", payee: "Tesco" }, receipt: kept, correctingProblem: refusal });
    const other = receipt("record.pdf", "application/pdf");
    expect(run(empty(), receiptChosen(kept), restored(values, other, null)).receipt).toBe(other);
  });

  it("clientAdded: the new client comes first, and only once", () => {
    const state = run(empty(), clientAdded(client("c2", "C-2")), clientAdded(client(CLIENT_ID, "C-1 renamed")));
    expect(state.clients.map((c) => c.reference)).toEqual(["C-1 renamed", "C-2"]);
  });

  it("receiptChosen: takes the file and clears the receipt's error", () => {
    const photo = receipt("photo.jpg");
    const state = run(empty(), receiptRefused("The receipt must be a photo (JPEG, PNG or WebP) or a PDF"), receiptChosen(photo));
    expect(state.receipt).toBe(photo);
    expect(state.errors.receipt).toBeUndefined();
  });

  it("receiptRefused: says why, and what was chosen before stays chosen", () => {
    const photo = receipt("photo.jpg");
    const state = run(empty(), receiptChosen(photo), receiptRefused("The receipt must be 10 MB or smaller"));
    expect(state.receipt).toBe(photo);
    expect(state.errors).toEqual({ receipt: "The receipt must be 10 MB or smaller" });
  });

  it("receiptShrunk and receiptRemoved change the file and nothing else", () => {
    const small = receipt("small.jpg", "image/jpeg", 10);
    const refusedBefore = run(empty(), receiptChosen(receipt("big.jpg")), receiptRefused("The receipt must be a photo (JPEG, PNG or WebP) or a PDF"));
    const shrunk = run(refusedBefore, receiptShrunk(small));
    expect(shrunk.receipt).toBe(small);
    expect(shrunk.errors).toEqual(refusedBefore.errors);
    const removed = run(shrunk, receiptRemoved);
    expect(removed.receipt).toBeNull();
    expect(removed.errors).toEqual(refusedBefore.errors);
  });

  it("receiptTooBig: the photo is taken off and the form says why", () => {
    const state = run(empty(), checked({ payee: "Enter who was paid, like the shop or bus company" }), receiptChosen(receipt("huge.jpg")), receiptTooBig);
    expect(state.receipt).toBeNull();
    expect(state.errors).toEqual({ payee: "Enter who was paid, like the shop or bus company", receipt: "The receipt must be 10 MB or smaller" });
  });

  it("checked: errors keep the spend here; none sends it; either way what the last try said goes", () => {
    const afterTry = run(empty(), notSaved, refused(problem({ type: "https://greentape.example/problems/allowance-paused", title: "Paused" })));
    const invalid = run(afterTry, checked({ amount: "Enter the amount, like 12.50" }));
    expect(invalid).toMatchObject({ sending: false, general: null, paused: null, errors: { amount: "Enter the amount, like 12.50" } });
    const sending = run(invalid, checked({}));
    expect(sending).toMatchObject({ sending: true, errors: {} });
  });

  it("notSaved: the phone could not keep the spend, so it says so and the form can be sent again", () => {
    const state = run(filled(), checked({}), notSaved);
    expect(state.sending).toBe(false);
    expect(state.general).toBe("This phone could not save the spend. Check it has free storage space, then try again.");
  });

  it("refused: a pause is a banner, not a field's error", () => {
    const paused = problem({ type: "https://greentape.example/problems/allowance-paused", title: "Your spending is paused" });
    const state = run(filled(), checked({}), refused(paused));
    expect(state).toMatchObject({ sending: false, paused, errors: {}, general: null });
  });

  it("refused: over a cap is the amount's error, in the server's words", () => {
    const state = run(filled(), checked({}), refused(problem({ type: "https://greentape.example/problems/cap-exceeded", title: "Over a cap", detail: "That is £20.00 over the cap for one spend." })));
    expect(state.errors).toEqual({ amount: "That is £20.00 over the cap for one spend." });
    expect(state.sending).toBe(false);
  });

  it("refused: the server's messages go on the fields they name, the first for each; others on none", () => {
    const state = run(
      filled(),
      checked({}),
      refused(
        problem({
          errors: [
            { path: "body.payee", message: "Payee is too long" },
            { path: "/payee", message: "Payee is second" },
            { path: "/irrecoverableVat", message: "Irrecoverable VAT cannot be more than the amount" },
            { path: "body.somethingElse", message: "Not a field here" },
          ],
        }),
      ),
    );
    expect(state.errors).toEqual({ payee: "Payee is too long", irrecoverableVat: "Irrecoverable VAT cannot be more than the amount" });
    expect(state.general).toBeNull();
  });

  it("refused: with no field to name, the server's detail (or title) is said above the form", () => {
    expect(run(filled(), refused(problem({ title: "Try again", detail: "The server is busy" }))).general).toBe("The server is busy");
    expect(run(filled(), refused(problem({ title: "Try again", errors: [{ path: "body.other", message: "x" }] }))).general).toBe("Try again");
  });
});

describe("money on the form", () => {
  it("is typed in pounds and pence and checked in whole pence, never through a float", () => {
    expect(typedAmount(filled({ amount: "0.29" }).values)).toBe(29);
    expect(typedAmount(filled({ amount: "£1,234.5" }).values)).toBe(123450);
    expect(typedAmount(filled({ amount: "12.345" }).values)).toBeNull();
  });

  it("comes back from the outbox as it was typed", () => {
    const spend: OutboxSpend = { schemeId: SCHEME_ID, clientId: CLIENT_ID, amount: 7, category: "Food", payee: "Tesco", payeeType: "organisation", paymentMethod: "voucher", spentOn: "2026-03-02", note: "milk", irrecoverableVat: 208 };
    expect(valuesFromSpend(spend)).toEqual({ ...spend, amount: "0.07", irrecoverableVat: "2.08" });
    expect(valuesFromSpend({ ...spend, payeeType: undefined, irrecoverableVat: undefined })).toMatchObject({ payeeType: "", irrecoverableVat: "" });
  });
});

describe("checking the spend", () => {
  it("gives the body POST /api/spends takes: money in pence, optional answers left out rather than empty", () => {
    const result = checkSpend(filled({ amount: "12.50", payee: "  Go North East " }), scheme, TODAY);
    expect(result).toEqual({
      body: { schemeId: SCHEME_ID, clientId: CLIENT_ID, amount: 1250, category: "Food", payee: "Go North East", paymentMethod: "voucher", spentOn: TODAY, note: "" },
    });
    expect(Object.keys("body" in result ? result.body : {})).not.toContain("irrecoverableVat");
  });

  it("keeps the payee type and the VAT when they are given", () => {
    const result = checkSpend(filled({ payeeType: "individual", irrecoverableVat: "2.08" }), scheme, TODAY);
    expect(result).toMatchObject({ body: { payeeType: "individual", irrecoverableVat: 208, amount: 1250 } });
  });

  it.each([
    ["", "Enter the amount, like 12.50"],
    ["  ", "Enter the amount, like 12.50"],
    ["12.345", "Enter the amount in pounds and pence, like 12.50"],
    ["twelve", "Enter the amount in pounds and pence, like 12.50"],
    ["0", "The amount must be more than zero"],
  ])("names the amount when it is %j", (amount, message) => {
    expect(checkSpend(filled({ amount }), scheme, TODAY)).toEqual({ errors: { amount: message } });
  });

  it("names each missing choice in words a worker knows", () => {
    const result = checkSpend(run(empty([scheme, otherScheme]), edited({ amount: "5", paymentMethod: "" })), null, TODAY);
    expect(result).toEqual({
      errors: {
        schemeId: "Choose a scheme",
        clientId: "Choose the client the money was spent for",
        category: "Choose a category",
        payee: "Enter who was paid, like the shop or bus company",
        paymentMethod: "Choose how it was paid",
      },
    });
  });

  it("names the VAT when it is not money, or more than the amount", () => {
    expect(checkSpend(filled({ irrecoverableVat: "two" }), scheme, TODAY)).toEqual({ errors: { irrecoverableVat: "Enter the VAT in pounds and pence, like 2.08, or leave it empty" } });
    expect(checkSpend(filled({ amount: "1.00", irrecoverableVat: "1.01" }), scheme, TODAY)).toEqual({ errors: { irrecoverableVat: "Irrecoverable VAT cannot be more than the amount" } });
  });

  it("names the date when it is missing or after today", () => {
    expect(checkSpend(filled({ spentOn: "" }), scheme, TODAY)).toMatchObject({ errors: { spentOn: "Date spent must be a real date like 2026-03-31" } });
    expect(checkSpend(filled({ spentOn: "2026-04-01" }), scheme, TODAY)).toEqual({ errors: { spentOn: "The date spent cannot be in the future" } });
    expect(checkSpend(filled({ spentOn: TODAY }), scheme, TODAY)).toHaveProperty("body");
  });

  it("names a category the scheme does not have", () => {
    expect(checkSpend(filled({ category: "Holidays" }), scheme, TODAY)).toEqual({ errors: { category: "Choose one of the scheme's categories" } });
  });

  it("keeps a receipt the form has refused from being sent", () => {
    expect(checkSpend(run(filled(), receiptRefused("The receipt must be 10 MB or smaller")), scheme, TODAY)).toEqual({ errors: { receipt: "The receipt must be 10 MB or smaller" } });
  });
});

describe("a chosen receipt", () => {
  const file = (type: string, size = 100) => new File([new Uint8Array(size)], "r", { type });
  it("may be any photo or a PDF up to 10 MB; a photo's size is checked once it is shrunk", () => {
    expect(receiptProblem(file("image/heic"))).toBeNull();
    expect(receiptProblem(file("application/pdf"))).toBeNull();
    expect(receiptProblem(file("image/jpeg", 10 * 1024 * 1024 + 1))).toBeNull();
    expect(receiptProblem(file("application/pdf", 10 * 1024 * 1024))).toBeNull();
    expect(receiptProblem(file("application/pdf", 10 * 1024 * 1024 + 1))).toBe("The receipt must be 10 MB or smaller");
    expect(receiptProblem(file("text/plain"))).toBe("The receipt must be a photo (JPEG, PNG or WebP) or a PDF");
    expect(receiptProblem(file(""))).toBe("The receipt must be a photo (JPEG, PNG or WebP) or a PDF");
  });
});

describe("the error summary", () => {
  it("lists the general problem first, then the fields in the page's order, each linked to what takes focus", () => {
    const state = run(empty(), checked({ note: "Note is too long", clientId: "Choose the client the money was spent for", schemeId: "Choose a scheme", category: "Choose a category", paymentMethod: "Choose how it was paid", receipt: "The receipt must be 10 MB or smaller" }), notSaved);
    expect(errorSummary(state, 1)).toEqual([
      { message: "This phone could not save the spend. Check it has free storage space, then try again." },
      { fieldId: "amount", message: "Choose a scheme" },
      { fieldId: "client-search", message: "Choose the client the money was spent for" },
      { fieldId: "category-0", message: "Choose a category" },
      { fieldId: "paymentMethod-0", message: "Choose how it was paid" },
      { fieldId: "note", message: "Note is too long" },
      { fieldId: "receipt", message: "The receipt must be 10 MB or smaller" },
    ]);
    expect(errorSummary(state, 2)[1]).toEqual({ fieldId: "schemeId-0", message: "Choose a scheme" });
  });
});
