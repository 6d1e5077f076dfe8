import { useEffect, useRef, useState } from "react";
import type { FormEvent, RefObject } from "react";
import { Link, useNavigate, useSearchParams } from "../../lib/router.tsx";
import { todayIn } from "@greentape/domain/dates";
import { formatMoney, parseMoney, toDecimalString } from "@greentape/domain/money";
import { PAYMENT_METHODS, PAYMENT_METHOD_LABELS, spendInputSchema, type PayeeType } from "@greentape/domain/spend-input";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { Radios, Textarea } from "../../components/form-fields.tsx";
import type { RadioOption } from "../../components/form-fields.tsx";
import { LabelledFormGroup } from "../../components/form-group.tsx";
import { Loading } from "../../components/loading.tsx";
import { NotificationBanner } from "../../components/notification-banner.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { useCurrentUser } from "../../lib/auth.tsx";
import { addToOutbox, discardOutboxRecord, getOutboxRecord, sendUntilSaved } from "../../lib/outbox.ts";
import type { OutboxProblem, OutboxSpend } from "../../lib/outbox.ts";
import { AllowancePanel } from "./allowance-panel.tsx";
import { ChipRadios } from "./chip-radios.tsx";
import { ClientPicker } from "./client-picker.tsx";
import { shrinkReceipt } from "../../lib/shrink-receipt.ts";
import { rememberClient, useAllowance, useReferenceData } from "../../lib/spend-reference-api.ts";
import type { ReferenceData } from "../../lib/spend-reference-api.ts";
import { loadedData } from "../../lib/use-api-data.ts";
import { formatDay } from "../../lib/format.ts";
import type { Client } from "../../lib/client-schema.ts";
import { councilTimeZone } from "../../lib/council-settings.ts";
import type { FieldErrors } from "../../lib/field-errors.ts";

/** What My spends shows after this page hands over (router state). */
export interface LoggedState {
  logged?: { amount: number; currency: string; clientReference: string; spendId: string | null; queued: boolean; receiptProblem: string | null };
}

const RECEIPT_TYPES = ["image/jpeg", "image/png", "image/webp", "application/pdf"];
const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;
const TOO_BIG = "The receipt must be 10 MB or smaller";
const FIELD_ORDER = ["schemeId", "amount", "clientId", "category", "payee", "payeeType", "paymentMethod", "irrecoverableVat", "spentOn", "note", "receipt"] as const;
type Field = (typeof FIELD_ORDER)[number];

// Neither is chosen to begin with: a name is published only when someone says it is an organisation's.
const PAYEE_TYPE_OPTIONS: readonly RadioOption<PayeeType>[] = [
  { value: "organisation", label: "An organisation", hint: "A shop, company, charity or council. Its name is published." },
  { value: "individual", label: "A private individual", hint: "A person paid directly, like a landlord or a neighbour. Their name is never published." },
];

/** Where the error summary sends focus for each field. */
function fieldTarget(field: Field, schemeCount: number): string {
  switch (field) {
    case "schemeId":
      return schemeCount > 1 ? "schemeId-0" : "amount";
    case "clientId":
      return "client-search";
    case "category":
      return "category-0";
    case "paymentMethod":
      return "paymentMethod-0";
    case "payeeType":
      return "payeeType";
    default:
      return field;
  }
}

const FRIENDLY: Partial<Record<Field, string>> = {
  schemeId: "Choose a scheme",
  clientId: "Choose the client the money was spent for",
  category: "Choose a category",
  payee: "Enter who was paid, like the shop or bus company",
  paymentMethod: "Choose how it was paid",
};

interface FormValues {
  schemeId: string;
  amountText: string;
  clientId: string;
  category: string;
  payee: string;
  /** Unanswered until the person says: only a positive "organisation" lets the name be published. */
  payeeType: PayeeType | "";
  paymentMethod: string;
  /** Empty: none recorded. */
  vatText: string;
  spentOn: string;
  note: string;
}

const lastMethodKey = (userId: string) => `green-tape:log-spend:last-method:${userId}`;

function lastPaymentMethod(userId: string): string {
  try {
    return localStorage.getItem(lastMethodKey(userId)) ?? "";
  } catch {
    return "";
  }
}

function localToday(): string {
  return todayIn(councilTimeZone(), new Date());
}

export function LogSpendPage() {
  const user = useCurrentUser();
  const reference = useReferenceData(user.id, user.teamId);

  usePageTitle("Log a spend");

  if (reference.state.status === "loading") {
    return (
      <>
        <h1 className="govuk-heading-l">Log a spend</h1>
        <Loading label="Getting your schemes and clients" holdsPage />
      </>
    );
  }
  if (reference.state.status === "failed") {
    return (
      <>
        <h1 className="govuk-heading-l">Log a spend</h1>
        <div className="govuk-error-summary" role="alert">
          <h2 className="govuk-error-summary__title">Green Tape could not get your schemes and clients</h2>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">
              This phone has not kept them yet, and the server could not be reached. Open this page once with a signal and it
              will work offline after that.
            </p>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={reference.reload}>
              Try again
            </button>
          </div>
        </div>
      </>
    );
  }
  return <LogSpendForm data={reference.state.data} />;
}

function LogSpendForm({ data }: { data: ReferenceData }) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const correcting = searchParams.get("from");

  const [clients, setClients] = useState<Client[]>(data.clients);
  const [values, setValues] = useState<FormValues>(() => ({
    schemeId: data.schemes.length === 1 ? (data.schemes[0]?.id ?? "") : "",
    amountText: "",
    clientId: "",
    category: "",
    payee: "",
    payeeType: "",
    paymentMethod: lastPaymentMethod(user.id),
    vatText: "",
    spentOn: localToday(),
    note: "",
  }));
  const [chosen, setChosen] = useState<{ file: File; previewUrl: string | null } | null>(null);
  const receipt = chosen?.file ?? null;
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [refusal, setRefusal] = useState<OutboxProblem | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [correctingProblem, setCorrectingProblem] = useState<OutboxProblem | null>(null);
  const pausedRef = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  /** The chosen photo being shrunk: the spend waits for it only if it is sent before it is ready. */
  const shrinking = useRef<Promise<File> | null>(null);

  const scheme = data.schemes.find((s) => s.id === values.schemeId) ?? null;
  const allowance = useAllowance(values.schemeId || null, values.clientId || null);
  const today = loadedData(allowance.state)?.today ?? localToday();
  const amount = parseMoney(values.amountText);
  const client = clients.find((c) => c.id === values.clientId) ?? null;
  const currency = scheme?.currency ?? "GBP";

  // A record that needs attention, opened here to be corrected: start from what it said.
  useEffect(() => {
    if (!correcting) return;
    let cancelled = false;
    void getOutboxRecord(user.id, correcting).then((record) => {
      if (cancelled || !record) return;
      const s = record.spend;
      setValues({
        schemeId: s.schemeId,
        amountText: toDecimalString(s.amount),
        clientId: s.clientId,
        category: s.category,
        payee: s.payee,
        payeeType: s.payeeType ?? "",
        paymentMethod: s.paymentMethod,
        vatText: s.irrecoverableVat === undefined ? "" : toDecimalString(s.irrecoverableVat),
        spentOn: s.spentOn,
        note: s.note,
      });
      if (record.receipt) {
        const file = new File([record.receipt.blob], record.receipt.name || "receipt", { type: record.receipt.type });
        setChosen({ file, previewUrl: file.type.startsWith("image/") ? URL.createObjectURL(file) : null });
      }
      setCorrectingProblem(record.problem);
    });
    return () => {
      cancelled = true;
    };
  }, [correcting, user.id]);

  // The preview of the chosen receipt photo is let go when another is chosen or the page closes.
  const previewUrl = chosen?.previewUrl ?? null;
  useEffect(() => {
    if (!previewUrl) return;
    return () => URL.revokeObjectURL(previewUrl);
  }, [previewUrl]);

  function takeReceipt(file: File | null) {
    shrinking.current = null;
    setChosen(file ? { file, previewUrl: file.type.startsWith("image/") ? URL.createObjectURL(file) : null } : null);
  }

  useEffect(() => {
    if (refusal?.type.endsWith("/allowance-paused")) pausedRef.current?.focus();
  }, [refusal]);

  // Changing a field clears its error: the summary then lists only what still needs fixing.
  const set = (patch: Partial<FormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    const cleared = Object.keys(patch).map((k) => (k === "amountText" ? "amount" : k === "vatText" ? "irrecoverableVat" : k)) as Field[];
    if (cleared.some((f) => errors[f])) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([f]) => !cleared.includes(f as Field))) as FieldErrors<Field>);
  };

  const summary: SummaryError[] = [
    ...(general ? [{ message: general }] : []),
    ...FIELD_ORDER.flatMap((field) => (errors[field] ? [{ fieldId: fieldTarget(field, data.schemes.length), message: errors[field] as string }] : [])),
  ];
  usePageTitle("Log a spend", summary.length > 0);

  function chooseReceipt(file: File | null) {
    setErrors((e) => ({ ...e, receipt: undefined }));
    if (file && !RECEIPT_TYPES.includes(file.type) && !file.type.startsWith("image/")) {
      setErrors((e) => ({ ...e, receipt: "The receipt must be a photo (JPEG, PNG or WebP) or a PDF" }));
      return;
    }
    if (file && file.type === "application/pdf" && file.size > MAX_RECEIPT_BYTES) {
      setErrors((e) => ({ ...e, receipt: TOO_BIG }));
      return;
    }
    takeReceipt(file);
    if (!file || file.type === "application/pdf") return;
    const pending = shrinkReceipt(file);
    shrinking.current = pending;
    void pending.then((shrunk) => {
      if (shrinking.current !== pending) return;
      if (shrunk.size > MAX_RECEIPT_BYTES) {
        takeReceipt(null);
        setErrors((e) => ({ ...e, receipt: TOO_BIG }));
      } else if (shrunk !== file) {
        takeReceipt(shrunk);
      }
    });
  }

  function validate(): { body: OutboxSpend } | { errors: FieldErrors<Field> } {
    const found: FieldErrors<Field> = {};
    if (values.amountText.trim() === "") found.amount = "Enter the amount, like 12.50";
    else if (amount === null) found.amount = "Enter the amount in pounds and pence, like 12.50";
    else if (amount === 0) found.amount = "The amount must be more than zero";
    const vat = values.vatText.trim() === "" ? undefined : parseMoney(values.vatText);
    if (vat === null) found.irrecoverableVat = "Enter the VAT in pounds and pence, like 2.08, or leave it empty";
    const body = {
      schemeId: values.schemeId,
      clientId: values.clientId,
      amount: amount ?? 0,
      category: values.category,
      payee: values.payee,
      payeeType: values.payeeType || undefined,
      paymentMethod: values.paymentMethod,
      ...(vat === undefined || vat === null ? {} : { irrecoverableVat: vat }),
      spentOn: values.spentOn,
      note: values.note,
    };
    const parsed = spendInputSchema.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "") as Field;
        if (!FIELD_ORDER.includes(field) || found[field]) continue;
        found[field] = FRIENDLY[field] ?? issue.message;
      }
    }
    if (!found.spentOn) {
      if (values.spentOn === "") found.spentOn = "Enter the date the money was spent";
      else if (values.spentOn > today) found.spentOn = "The date spent cannot be in the future";
    }
    if (scheme && values.category && !scheme.categories.includes(values.category)) found.category = "Choose one of the scheme's categories";
    if (errors.receipt) found.receipt = errors.receipt;
    if (Object.keys(found).length > 0 || !parsed.success) return { errors: found };
    const d = parsed.data;
    return {
      body: {
        schemeId: d.schemeId,
        clientId: d.clientId,
        amount: d.amount,
        category: d.category,
        payee: d.payee,
        ...(d.payeeType ? { payeeType: d.payeeType } : {}),
        paymentMethod: d.paymentMethod,
        ...(d.irrecoverableVat === undefined ? {} : { irrecoverableVat: d.irrecoverableVat }),
        spentOn: d.spentOn,
        note: d.note,
      },
    };
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setGeneral(null);
    setRefusal(null);
    const result = validate();
    if ("errors" in result) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      localStorage.setItem(lastMethodKey(user.id), result.body.paymentMethod);
    } catch {
      // Only a convenience.
    }

    // A photo still being shrunk is waited for: the outbox keeps what is sent, and it is sent small.
    const file = receipt ? ((await shrinking.current) ?? receipt) : null;
    if (file && file.size > MAX_RECEIPT_BYTES) {
      setErrors({ receipt: TOO_BIG });
      setSubmitting(false);
      return;
    }
    const online = navigator.onLine !== false;
    const clientReference = client?.reference ?? "";
    let record;
    try {
      record = await addToOutbox({
        userId: user.id,
        spend: result.body,
        label: { clientReference, currency },
        receipt: file ? { blob: file, name: file.name, type: file.type } : null,
        sendingNow: online,
      });
    } catch {
      setGeneral("This phone could not save the spend. Check it has free storage space, then try again.");
      setSubmitting(false);
      return;
    }

    const handOver = async (state: LoggedState["logged"]) => {
      if (correcting) await discardOutboxRecord(user.id, correcting);
      navigate("/spends", { state: { logged: state } satisfies LoggedState });
    };

    if (!online) {
      await handOver({ amount: result.body.amount, currency, clientReference, spendId: null, queued: true, receiptProblem: null });
      return;
    }

    const sent = await sendUntilSaved(user.id, record.key);
    if (sent.kind === "sent" || sent.kind === "saved") {
      await handOver({ amount: result.body.amount, currency, clientReference, spendId: sent.spendId, queued: false, receiptProblem: sent.kind === "sent" ? sent.receiptProblem : null });
      return;
    }
    if (sent.kind === "waiting" || sent.kind === "gone") {
      await handOver({ amount: result.body.amount, currency, clientReference, spendId: null, queued: true, receiptProblem: null });
      return;
    }
    // Refused: the form is the draft; keep it here, with the server's answer.
    await discardOutboxRecord(user.id, record.key);
    setSubmitting(false);
    showRefusal(sent.problem);
  }

  function showRefusal(problem: OutboxProblem) {
    if (problem.type.endsWith("/allowance-paused")) {
      setRefusal(problem);
      return;
    }
    if (problem.type.endsWith("/cap-exceeded")) {
      setErrors({ amount: problem.detail ?? problem.title });
      return;
    }
    const found: FieldErrors<Field> = {};
    for (const e of problem.errors) {
      const field = e.path.replace(/^\/?(body\.)?/, "").split(/[./]/)[0] as Field;
      if (FIELD_ORDER.includes(field) && !found[field]) found[field] = e.message;
    }
    if (Object.keys(found).length > 0) setErrors(found);
    else setGeneral(problem.detail ?? problem.title);
  }

  const categoryOptions = (scheme?.categories ?? []).map((c) => ({ value: c, label: c }));
  const methodOptions = PAYMENT_METHODS.map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS[m] }));

  return (
    <PageColumn>
      <ErrorSummary errors={summary} />
      {refusal ? <PausedBanner problem={refusal} bannerRef={pausedRef} /> : null}
      {correcting && correctingProblem ? (
        <div className="govuk-inset-text">
          <p className="govuk-body">
            <strong>The server did not accept this spend:</strong> {correctingProblem.detail ?? correctingProblem.title}
          </p>
          <p className="govuk-body">Change what needs changing, then send it again.</p>
        </div>
      ) : null}

      <h1 className="govuk-heading-l">Log a spend</h1>
      {data.fromPhone ? (
        <div className="govuk-inset-text" role="status">
          You seem to be offline. You can still log the spend: it waits on this phone and is sent when you have a signal.
        </div>
      ) : null}

      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        {data.schemes.length > 1 ? (
          <ChipRadios
            name="schemeId"
            legend="Scheme"
            options={data.schemes.map((s) => ({ value: s.id, label: s.name }))}
            value={values.schemeId}
            onChange={(schemeId) => set({ schemeId, category: "" })}
            error={errors.schemeId}
          />
        ) : scheme ? (
          <p className="govuk-body">
            Scheme: <strong>{scheme.name}</strong>
          </p>
        ) : (
          <p className="govuk-body">There is no scheme for your team yet. Ask your Green Tape administrator.</p>
        )}

        <div className="gt-amount">
          <AmountInput
            value={values.amountText}
            onChange={(amountText) => set({ amountText })}
            error={errors.amount}
            currency={currency}
            maxSpend={loadedData(allowance.state)?.maxSpend ?? null}
            amount={amount}
          />
        </div>

        <ClientPicker
          clients={clients}
          value={values.clientId}
          onChange={(clientId) => set({ clientId })}
          onCreated={(created) => {
            setClients((list) => [created, ...list.filter((c) => c.id !== created.id)]);
            rememberClient(user.id, created);
          }}
          error={errors.clientId}
        />

        {scheme ? (
          <ChipRadios
            name="category"
            legend="Category"
            options={categoryOptions}
            value={values.category}
            onChange={(category) => set({ category })}
            error={errors.category}
          />
        ) : null}

        <TextInput
          id="payee"
          name="payee"
          label="Who was paid"
          hint="The shop, company or person, like Go North East"
          autoComplete="off"
          value={values.payee}
          onChange={(e) => set({ payee: e.target.value })}
          error={errors.payee}
        />
        <Radios
          id="payeeType"
          name="payeeType"
          legend="Is who was paid an organisation or a private individual? (optional)"
          legendClass="govuk-fieldset__legend--s"
          hint="The council publishes what it spends. If you do not say, the name is kept out of it."
          options={PAYEE_TYPE_OPTIONS}
          value={values.payeeType}
          onChange={(payeeType) => set({ payeeType })}
          error={errors.payeeType}
        />

        <ChipRadios
          name="paymentMethod"
          legend="How it was paid"
          options={methodOptions}
          value={values.paymentMethod}
          onChange={(paymentMethod) => set({ paymentMethod })}
          error={errors.paymentMethod}
        />

        <TextInput
          id="irrecoverableVat"
          name="irrecoverableVat"
          label="VAT the council cannot reclaim (optional)"
          hint="Only if the receipt shows VAT and it cannot be reclaimed, in pounds and pence, like 2.08. Leave it empty if you are not sure: the council then publishes no figure rather than a guess."
          inputMode="decimal"
          autoComplete="off"
          widthClass="govuk-input--width-5"
          value={values.vatText}
          onChange={(e) => set({ vatText: e.target.value })}
          error={errors.irrecoverableVat}
        />

        <TextInput
          id="spentOn"
          name="spentOn"
          label="Date spent"
          hint={`Today is ${formatDay(today)}. Change it if you are logging an earlier spend.`}
          type="date"
          max={today}
          widthClass="govuk-input--width-10"
          value={values.spentOn}
          onChange={(e) => set({ spentOn: e.target.value })}
          error={errors.spentOn}
        />

        <Textarea
          id="note"
          name="note"
          label="Note (optional)"
          hint="A few words to remind you. You explain why in your justification later."
          rows={2}
          value={values.note}
          onChange={(e) => set({ note: e.target.value })}
          error={errors.note}
        />

        <LabelledFormGroup
          id="receipt"
          label="Receipt (optional)"
          hint="Take a photo of the receipt, or choose a PDF, up to 10 MB. You can also add it later."
          error={errors.receipt}
        >
          <input
            ref={fileInput}
            className={`govuk-file-upload${errors.receipt ? " govuk-file-upload--error" : ""}`}
            id="receipt"
            name="receipt"
            type="file"
            accept="image/*,application/pdf"
            capture="environment"
            onChange={(e) => chooseReceipt(e.target.files?.[0] ?? null)}
            aria-describedby={`receipt-hint${errors.receipt ? " receipt-error" : ""}`}
          />
          {receipt ? (
            <div className="govuk-body-s" data-testid="receipt-chosen">
              {previewUrl ? <img className="gt-receipt-preview" src={previewUrl} alt="The receipt you chose" /> : null}
              <p className="govuk-body-s">
                {receipt.name || "Receipt"} ({Math.max(1, Math.round(receipt.size / 1024))} KB){" "}
                <button
                  type="button"
                  className="gt-link-button govuk-body-s"
                  onClick={() => {
                    takeReceipt(null);
                    if (fileInput.current) fileInput.current.value = "";
                  }}
                >
                  Remove receipt
                </button>
              </p>
            </div>
          ) : null}
        </LabelledFormGroup>

        {scheme ? (
          <AllowancePanel
            state={allowance.state}
            amount={amount}
            clientReference={client?.reference ?? null}
            windowDays={scheme.perClientWindowDays}
          />
        ) : null}

        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" data-module="govuk-button" aria-disabled={submitting || undefined}>
            {submitting ? "Logging the spend…" : "Log spend"}
          </button>
          <Link className="govuk-link" to="/spends">
            Cancel
          </Link>
        </div>
        <p className="govuk-visually-hidden" role="status" aria-live="polite">
          {submitting ? "Logging the spend" : ""}
        </p>
      </form>
    </PageColumn>
  );
}

interface AmountInputProps {
  value: string;
  onChange(value: string): void;
  error?: string;
  currency: string;
  /** The most the worker may spend now (null: no cap, or not known). */
  maxSpend: number | null;
  amount: number | null;
}

function AmountInput({ value, onChange, error, currency, maxSpend, amount }: AmountInputProps) {
  const symbol = currency === "GBP" ? "£" : currency === "EUR" ? "€" : currency;
  const over = maxSpend !== null && amount !== null && amount > maxSpend;
  return (
    <LabelledFormGroup id="amount" label="Amount" hint="In pounds and pence, like 12.50" error={error}>
      <div className="govuk-input__wrapper">
        <div className="govuk-input__prefix" aria-hidden="true">
          {symbol}
        </div>
        <input
          className={`govuk-input govuk-input--width-5${error ? " govuk-input--error" : ""}`}
          id="amount"
          name="amount"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={`amount-hint${error ? " amount-error" : ""}${over ? " amount-over" : ""}`}
        />
      </div>
      <div aria-live="polite">
        {over && !error ? (
          <p className="govuk-body-s gt-over-cap" id="amount-over">
            <strong>That is more than you can spend now ({formatMoney(maxSpend, currency)}).</strong> See what is left under each cap below.
          </p>
        ) : null}
      </div>
    </LabelledFormGroup>
  );
}

function PausedBanner({ problem, bannerRef }: { problem: OutboxProblem; bannerRef: RefObject<HTMLDivElement | null> }) {
  return (
    <NotificationBanner role="alert" titleId="paused-title" testId="paused" focusRef={bannerRef} heading={problem.title}>
      {problem.detail ? <p className="govuk-body">{problem.detail}</p> : null}
      {problem.overdueSpends.length > 0 ? (
        <>
          <p className="govuk-body">Justify these spends to carry on:</p>
          <ul className="govuk-list govuk-list--bullet">
            {problem.overdueSpends.map((spend) => (
              <li key={spend.id}>
                <Link className="govuk-notification-banner__link" to={`/spends/${spend.id}/justify`}>
                  Justify {spend.amount !== undefined ? formatMoney(spend.amount, spend.currency ?? "GBP") : "the spend"}
                  {spend.payee ? ` paid to ${spend.payee}` : ""}
                  {spend.spentOn ? ` on ${formatDay(spend.spentOn)}` : ""}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="govuk-body">What you entered is still below.</p>
    </NotificationBanner>
  );
}
