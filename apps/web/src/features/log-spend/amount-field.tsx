import { formatMoney } from "@greentape/domain/money";
import { LabelledFormGroup } from "../../components/form-group.tsx";
import type { FieldProps } from "./field-props.ts";

interface AmountFieldProps extends FieldProps {
  currency: string;
  /** The most the worker may spend now (null: no cap, or not known). */
  maxSpend: number | null;
  /** What is typed, in pence (null while it is not an amount). */
  amount: number | null;
}

/** The amount, with the currency's symbol, and a warning as soon as it is more than the worker may spend. */
export function AmountField({ value, onChange, error, currency, maxSpend, amount }: AmountFieldProps) {
  const symbol = currency === "GBP" ? "£" : currency === "EUR" ? "€" : currency;
  const over = maxSpend !== null && amount !== null && amount > maxSpend;
  return (
    <div className="gt-amount">
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
    </div>
  );
}
