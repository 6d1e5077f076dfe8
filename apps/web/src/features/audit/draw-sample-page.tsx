import { useMemo, useState } from "react";
import type { FormEvent } from "react";
import { useNavigate, useSearchParams } from "../../lib/router.tsx";
import { drawSampleInputSchema } from "@greentape/domain/audit-input";
import type { DrawSampleInput } from "@greentape/domain/audit-input";
import { isValidPeriod } from "@greentape/domain/dates";
import { parseMoney } from "@greentape/domain/money";
import type { SampleMethod } from "@greentape/domain/sample-plan";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { ApiError, NetworkError } from "../../lib/api-client.ts";
import { drawSample } from "./audit-api.ts";
import { Radios } from "../../components/form-fields.tsx";
import { METHOD_CHOICES } from "./labels.ts";
import { currentPeriod, formatPeriod } from "../../lib/format.ts";
import "../../styles/office-components.scss";
import "./audit.scss";
import type { FieldErrors } from "../../lib/field-errors.ts";

type SizeChoice = "standard" | "size" | "rate";
type Field = "period" | "size-choice" | "size" | "rate" | "tolerable-rate" | "method" | "top-stratum-amount" | "overdue-days" | "seed";

const FIELD_ORDER: readonly Field[] = ["period", "size-choice", "size", "rate", "tolerable-rate", "method", "top-stratum-amount", "overdue-days", "seed"];

/** Where the API's (and the shared schema's) field names show on this form. */
const FIELD_OF_PATH: Record<string, Field> = {
  period: "period",
  size: "size",
  rate: "rate",
  tolerableRate: "tolerable-rate",
  method: "method",
  topStratumAmount: "top-stratum-amount",
  overdueDays: "overdue-days",
  seed: "seed",
};

/** "10", "2.5%" → 0.1, 0.025; null when it is not a plain percentage. */
function parsePercent(text: string): number | null {
  const trimmed = text.trim().replace(/%$/, "").trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  return Number(trimmed) / 100;
}

/** The auditor draws a sample for a month: the size explained, and every choice recorded with it. */
export function DrawSamplePage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const askedPeriod = params.get("period");
  const [period, setPeriod] = useState(askedPeriod !== null && isValidPeriod(askedPeriod) ? askedPeriod : currentPeriod());
  const [sizeChoice, setSizeChoice] = useState<SizeChoice>("standard");
  const [size, setSize] = useState("");
  const [rate, setRate] = useState("");
  const [tolerableRate, setTolerableRate] = useState("");
  const [method, setMethod] = useState<SampleMethod>("random");
  const [riskRules, setRiskRules] = useState(true);
  const [topStratumAmount, setTopStratumAmount] = useState("");
  const [overdueDays, setOverdueDays] = useState("");
  const [seed, setSeed] = useState("");
  const [seedOpen, setSeedOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  // A new list only when the problems change: the summary takes focus each time it gets one.
  const summary = useMemo<SummaryError[]>(
    () => [
      ...(general ? [{ message: general }] : []),
      ...FIELD_ORDER.flatMap((field) => (errors[field] ? [{ fieldId: field, message: errors[field] }] : [])),
    ],
    [general, errors],
  );
  usePageTitle("Draw a sample", summary.length > 0);

  function build(): { input?: Partial<DrawSampleInput> & { period: string }; fields: FieldErrors<Field> } {
    const fields: FieldErrors<Field> = {};
    const input: Partial<DrawSampleInput> & { period: string } = { period: period.trim(), method, riskRules };
    if (!isValidPeriod(input.period)) fields.period = "Enter the month as a year and month, like 2026-03";

    if (sizeChoice === "size") {
      if (!/^\d+$/.test(size.trim()) || Number(size) < 1) fields.size = "Enter how many spends to draw, as a whole number, like 30";
      else input.size = Number(size);
    } else if (sizeChoice === "rate") {
      const value = parsePercent(rate);
      if (value === null || value <= 0 || value > 1) fields.rate = "Enter a percentage of the month's spends between 0 and 100, like 10";
      else input.rate = value;
    } else if (tolerableRate.trim() !== "") {
      const value = parsePercent(tolerableRate);
      if (value === null || value <= 0 || value >= 1) fields["tolerable-rate"] = "Enter the tolerable rate as a percentage between 0 and 100, like 5";
      else input.tolerableRate = value;
    }

    if (riskRules) {
      if (topStratumAmount.trim() !== "") {
        const amount = parseMoney(topStratumAmount);
        if (amount === null || amount <= 0) fields["top-stratum-amount"] = "Enter an amount in pounds, like 60 or 60.00";
        else input.topStratumAmount = amount;
      }
      if (overdueDays.trim() !== "") {
        if (!/^\d+$/.test(overdueDays.trim())) fields["overdue-days"] = "Enter a whole number of days, like 14";
        else input.overdueDays = Number(overdueDays);
      }
    }
    if (seed.trim() !== "") input.seed = seed.trim();

    // The shared rules catch the rest (limits on size, seed length and so on).
    const parsed = drawSampleInputSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = FIELD_OF_PATH[String(issue.path[0] ?? "")];
        if (field && !fields[field]) fields[field] = issue.message;
      }
    }
    return Object.keys(fields).length > 0 ? { fields } : { input, fields };
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    const { input, fields } = build();
    setGeneral(null);
    if (!input) {
      if (fields.seed) setSeedOpen(true);
      setErrors(fields);
      return;
    }
    setErrors({});
    setSending(true);
    try {
      const sample = await drawSample(input);
      navigate(`/audit/samples/${sample.id}`, { state: { flash: `Sample drawn for ${formatPeriod(input.period)}` } });
    } catch (error) {
      setSending(false);
      const { fields: serverFields, message } = problemsFrom(error, input.period);
      if (serverFields.seed) setSeedOpen(true);
      setErrors(serverFields);
      setGeneral(message);
    }
  }

  return (
    <PageColumn back={{ to: "/audit", label: "Back to audit" }}>
      <ErrorSummary errors={summary} />
      <span className="govuk-caption-l">Audit</span>
      <h1 className="govuk-heading-l">Draw a sample</h1>
      <p className="govuk-body">
        Green Tape draws part of the sample at random, so it speaks for the whole month, and adds every spend that meets
        a risk rule. It records the seed and every choice you make here, so anyone can draw the same sample again.
      </p>

      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        <TextInput
          id="period"
          name="period"
          label="Which month?"
          hint="Year and month, for example 2026-03"
          widthClass="govuk-input--width-10"
          value={period}
          onChange={(event) => setPeriod(event.target.value)}
          error={errors.period}
          spellCheck={false}
          autoComplete="off"
        />

        <div className={`govuk-form-group${errors["size-choice"] ? " govuk-form-group--error" : ""}`}>
          <fieldset className="govuk-fieldset" aria-describedby="size-choice-hint">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">How many spends to draw at random?</legend>
            <div id="size-choice-hint" className="govuk-hint">
              The page for the sample will explain the size in words.
            </div>
            <div className="govuk-radios">
              <SizeRadio id="size-choice" value="standard" current={sizeChoice} onChange={setSizeChoice} label="Work it out for me (recommended)">
                Enough to show, with 95% confidence, whether more of the month's spends had a problem than you can tolerate.
              </SizeRadio>
              {sizeChoice === "standard" ? (
                <div className="govuk-radios__conditional">
                  <TextInputPercent
                    id="tolerable-rate"
                    label="Tolerable rate (optional)"
                    hint="The share of spends with a problem you could live with. Leave blank for the schemes' setting, or 5%."
                    value={tolerableRate}
                    onChange={setTolerableRate}
                    error={errors["tolerable-rate"]}
                  />
                </div>
              ) : null}
              <SizeRadio id="size-choice-size" value="size" current={sizeChoice} onChange={setSizeChoice} label="A number of spends" />
              {sizeChoice === "size" ? (
                <div className="govuk-radios__conditional">
                  <TextInput
                    id="size"
                    name="size"
                    label="Number of spends"
                    inputMode="numeric"
                    widthClass="govuk-input--width-5"
                    value={size}
                    onChange={(event) => setSize(event.target.value)}
                    error={errors.size}
                  />
                </div>
              ) : null}
              <SizeRadio id="size-choice-rate" value="rate" current={sizeChoice} onChange={setSizeChoice} label="A share of the month's spends" />
              {sizeChoice === "rate" ? (
                <div className="govuk-radios__conditional">
                  <TextInputPercent id="rate" label="Share of spends" hint="For example, 10 for one spend in ten" value={rate} onChange={setRate} error={errors.rate} />
                </div>
              ) : null}
            </div>
          </fieldset>
        </div>

        <Radios<SampleMethod>
          id="method"
          name="method"
          legend="How to draw at random"
          options={METHOD_CHOICES}
          value={method}
          onChange={setMethod}
          error={errors.method}
        />

        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Risk rules</legend>
            <div className="govuk-checkboxes govuk-checkboxes--small">
              <div className="govuk-checkboxes__item">
                <input
                  className="govuk-checkboxes__input"
                  id="risk-rules"
                  name="riskRules"
                  type="checkbox"
                  checked={riskRules}
                  onChange={(event) => setRiskRules(event.target.checked)}
                  aria-describedby="risk-rules-hint"
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="risk-rules">
                  Also add every spend that meets a risk rule
                </label>
                <div id="risk-rules-hint" className="govuk-hint govuk-checkboxes__hint">
                  A concern from a supervisor, a possible split or duplicate, an amount above the team's normal, a new
                  payee, a large amount, a long-overdue justification or a lost receipt. These are reported apart and
                  do not enter the statistics.
                </div>
              </div>
            </div>
            {riskRules ? (
              <div className="govuk-checkboxes__conditional gt-risk-options">
                <div className={`govuk-form-group${errors["top-stratum-amount"] ? " govuk-form-group--error" : ""}`}>
                  <label className="govuk-label govuk-label--s" htmlFor="top-stratum-amount">
                    Large amount (optional)
                  </label>
                  <div id="top-stratum-amount-hint" className="govuk-hint">
                    Every spend of this much or more goes in. Leave blank to use each scheme's setting.
                  </div>
                  {errors["top-stratum-amount"] ? (
                    <p id="top-stratum-amount-error" className="govuk-error-message">
                      <span className="govuk-visually-hidden">Error:</span> {errors["top-stratum-amount"]}
                    </p>
                  ) : null}
                  <div className="govuk-input__wrapper">
                    <div className="govuk-input__prefix" aria-hidden="true">
                      £
                    </div>
                    <input
                      className={`govuk-input govuk-input--width-5${errors["top-stratum-amount"] ? " govuk-input--error" : ""}`}
                      id="top-stratum-amount"
                      name="topStratumAmount"
                      inputMode="decimal"
                      spellCheck={false}
                      value={topStratumAmount}
                      onChange={(event) => setTopStratumAmount(event.target.value)}
                      aria-describedby={`top-stratum-amount-hint${errors["top-stratum-amount"] ? " top-stratum-amount-error" : ""}`}
                      aria-invalid={errors["top-stratum-amount"] ? true : undefined}
                    />
                  </div>
                </div>
                <TextInput
                  id="overdue-days"
                  name="overdueDays"
                  label="Overdue justifications (optional)"
                  hint="Add spends whose justification is overdue by more than this many days. Leave blank for 14."
                  inputMode="numeric"
                  widthClass="govuk-input--width-3"
                  value={overdueDays}
                  onChange={(event) => setOverdueDays(event.target.value)}
                  error={errors["overdue-days"]}
                />
              </div>
            ) : null}
          </fieldset>
        </div>

        <details className="govuk-details" open={seedOpen} onToggle={(event) => setSeedOpen(event.currentTarget.open)}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Use a seed of your own</span>
          </summary>
          <div className="govuk-details__text">
            <TextInput
              id="seed"
              name="seed"
              label="Seed"
              hint="Leave blank and Green Tape picks a random seed of 128 bits and records it. Give one to draw again a sample someone else drew, or use dice rolled in public."
              value={seed}
              onChange={(event) => setSeed(event.target.value)}
              error={errors.seed}
              spellCheck={false}
              autoComplete="off"
              autoCapitalize="none"
            />
          </div>
        </details>

        <SubmitButton busy={sending} busyLabel="Drawing the sample…">
          Draw the sample
        </SubmitButton>
      </form>
    </PageColumn>
  );
}

interface SizeRadioProps {
  id: string;
  value: SizeChoice;
  current: SizeChoice;
  onChange(value: SizeChoice): void;
  label: string;
  children?: string;
}

function SizeRadio({ id, value, current, onChange, label, children }: SizeRadioProps) {
  const hintId = children ? `${id}-item-hint` : undefined;
  return (
    <div className="govuk-radios__item">
      <input
        className="govuk-radios__input"
        id={id}
        name="sizeChoice"
        type="radio"
        value={value}
        checked={current === value}
        onChange={() => onChange(value)}
        aria-describedby={hintId}
      />
      <label className="govuk-label govuk-radios__label" htmlFor={id}>
        {label}
      </label>
      {children ? (
        <div id={hintId} className="govuk-hint govuk-radios__hint">
          {children}
        </div>
      ) : null}
    </div>
  );
}

interface PercentProps {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange(value: string): void;
  error?: string;
}

function TextInputPercent({ id, label, hint, value, onChange, error }: PercentProps) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <div id={`${id}-hint`} className="govuk-hint">
        {hint}
      </div>
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <div className="govuk-input__wrapper">
        <input
          className={`govuk-input govuk-input--width-4${error ? " govuk-input--error" : ""}`}
          id={id}
          name={id}
          inputMode="decimal"
          spellCheck={false}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          aria-invalid={error ? true : undefined}
        />
        <div className="govuk-input__suffix" aria-hidden="true">
          %
        </div>
      </div>
    </div>
  );
}

function problemsFrom(error: unknown, period: string): { fields: FieldErrors<Field>; message: string | null } {
  if (error instanceof NetworkError) return { fields: {}, message: "Green Tape could not be reached. Check your connection and try again." };
  if (error instanceof ApiError) {
    if (error.isType("empty-population")) return { fields: { period: `There are no spends in ${formatPeriod(period)} to sample` }, message: null };
    const fields: FieldErrors<Field> = {};
    for (const problem of error.errors) {
      const field = FIELD_OF_PATH[problem.path.replace(/^\/|^body\./, "").split(/[./]/)[0] ?? ""];
      if (field && !fields[field]) fields[field] = problem.message;
    }
    if (Object.keys(fields).length > 0) return { fields, message: null };
    if (error.status === 403) return { fields: {}, message: "Only auditors can draw samples." };
    if (error.status < 500 && error.detail) return { fields: {}, message: error.detail };
  }
  return { fields: {}, message: "Sorry, the sample could not be drawn. Try again in a moment." };
}
