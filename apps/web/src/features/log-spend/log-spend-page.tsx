import { useReducer } from "react";
import type { ChangeEvent, FormEvent } from "react";
import { todayIn } from "@greentape/domain/dates";
import { ErrorSummary } from "../../components/error-summary.tsx";
import { Textarea } from "../../components/form-fields.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { useCurrentUser } from "../../lib/auth.tsx";
import { councilTimeZone } from "../../lib/council-settings.ts";
import { formatDay } from "../../lib/format.ts";
import { Link, useSearchParams } from "../../lib/router.tsx";
import { rememberClient, useAllowance, useReferenceData } from "../../lib/spend-reference-api.ts";
import type { ReferenceData } from "../../lib/spend-reference-api.ts";
import { loadedData } from "../../lib/use-api-data.ts";
import { AllowancePanel } from "./allowance-panel.tsx";
import { AmountField } from "./amount-field.tsx";
import { CategoryField } from "./category-field.tsx";
import { ClientPicker } from "./client-picker.tsx";
import { lastPaymentMethod, rememberPaymentMethod } from "./last-payment-method.ts";
import { checkSpend, checked, clientAdded, edited, errorSummary, initialForm, logSpendForm, schemeChosen, typedAmount } from "./log-spend-form.ts";
import type { FormValues } from "./log-spend-form.ts";
import { PausedBanner } from "./paused-banner.tsx";
import { PayeeTypeField } from "./payee-type-field.tsx";
import { PaymentMethodField } from "./payment-method-field.tsx";
import { ReceiptField } from "./receipt-field.tsx";
import { SchemeField } from "./scheme-field.tsx";
import { useCorrecting } from "./use-correcting.ts";
import { useReceipt } from "./use-receipt.ts";
import { loadOutbox, useSendSpend } from "./use-send-spend.ts";

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
  const [searchParams] = useSearchParams();
  const correcting = searchParams.get("from");
  const [state, dispatch] = useReducer(logSpendForm, null, () => initialForm(data.schemes, data.clients, lastPaymentMethod(user.id), localToday()));
  const { values, errors, clients, sending, paused, correctingProblem } = state;
  const receipt = useReceipt(state.receipt, dispatch);
  const send = useSendSpend(dispatch, correcting);
  useCorrecting(user.id, correcting, dispatch);

  const scheme = data.schemes.find((s) => s.id === values.schemeId) ?? null;
  const allowance = useAllowance(values.schemeId || null, values.clientId || null);
  const today = loadedData(allowance.state)?.today ?? localToday();
  const amount = typedAmount(values);
  const client = clients.find((c) => c.id === values.clientId) ?? null;
  const currency = scheme?.currency ?? "GBP";
  const summary = errorSummary(state, data.schemes.length);
  usePageTitle("Log a spend", summary.length > 0);

  // A field's value, its change and its error, as each field takes them.
  const field = <K extends keyof FormValues>(name: K) => ({
    value: values[name],
    onChange: (value: FormValues[K]) => dispatch(edited({ [name]: value })),
    error: errors[name],
  });
  // The same for a field typed as text, as a text input or text area takes it.
  const typed = (name: "payee" | "irrecoverableVat" | "spentOn" | "note") => ({
    id: name,
    name,
    value: values[name],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => dispatch(edited({ [name]: event.target.value })),
    error: errors[name],
  });

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    const result = checkSpend(state, scheme, today);
    dispatch(checked("errors" in result ? result.errors : {}));
    if ("errors" in result) return;
    rememberPaymentMethod(user.id, result.body.paymentMethod);
    await send(result.body, await receipt.ready(), { clientReference: client?.reference ?? "", currency });
  }

  return (
    <PageColumn>
      <ErrorSummary errors={summary} />
      {paused ? <PausedBanner problem={paused} /> : null}
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

      {/* The outbox comes while the worker fills in the form, ready for the spend with or without a signal. */}
      <form noValidate onSubmit={(event) => void handleSubmit(event)} onFocus={() => void loadOutbox().catch(() => undefined)}>
        <SchemeField schemes={data.schemes} scheme={scheme} onChange={(schemeId) => dispatch(schemeChosen(schemeId))} error={errors.schemeId} />
        <AmountField
          {...field("amount")}
          currency={currency}
          maxSpend={loadedData(allowance.state)?.maxSpend ?? null}
          amount={amount}
        />
        <ClientPicker
          clients={clients}
          {...field("clientId")}
          onCreated={(created) => {
            dispatch(clientAdded(created));
            rememberClient(user.id, created);
          }}
        />
        {scheme ? <CategoryField categories={scheme.categories} {...field("category")} /> : null}
        <TextInput label="Who was paid" hint="The shop, company or person, like Go North East" autoComplete="off" {...typed("payee")} />
        <PayeeTypeField {...field("payeeType")} />
        <PaymentMethodField {...field("paymentMethod")} />
        {/* The council publishes this VAT in its transparency file: empty rather than a guess. */}
        <TextInput
          label="VAT the council cannot reclaim (optional)"
          hint="Only if the receipt shows VAT and it cannot be reclaimed, in pounds and pence, like 2.08. Leave it empty if you are not sure: the council then publishes no figure rather than a guess."
          inputMode="decimal"
          autoComplete="off"
          widthClass="govuk-input--width-5"
          {...typed("irrecoverableVat")}
        />
        <TextInput
          label="Date spent"
          hint={`Today is ${formatDay(today)}. Change it if you are logging an earlier spend.`}
          type="date"
          max={today}
          widthClass="govuk-input--width-10"
          {...typed("spentOn")}
        />
        <Textarea label="Note (optional)" hint="A few words to remind you. You explain why in your justification later." rows={2} {...typed("note")} />
        <ReceiptField receipt={state.receipt} onChoose={receipt.choose} onRemove={receipt.remove} error={errors.receipt} />

        {scheme ? <AllowancePanel state={allowance.state} amount={amount} clientReference={client?.reference ?? null} windowDays={scheme.perClientWindowDays} /> : null}

        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" data-module="govuk-button" aria-disabled={sending || undefined}>
            {sending ? "Logging the spend…" : "Log spend"}
          </button>
          <Link className="govuk-link" to="/spends">
            Cancel
          </Link>
        </div>
        <p className="govuk-visually-hidden" role="status" aria-live="polite">
          {sending ? "Logging the spend" : ""}
        </p>
      </form>
    </PageColumn>
  );
}
