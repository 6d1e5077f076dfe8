import { TextInput } from "../../components/text-input.tsx";
import type { FieldProps } from "./field-props.ts";

/** The VAT the council cannot reclaim, which its transparency file publishes: empty rather than a guess. */
export function VatField({ value, onChange, error }: FieldProps) {
  return (
    <TextInput
      id="irrecoverableVat"
      name="irrecoverableVat"
      label="VAT the council cannot reclaim (optional)"
      hint="Only if the receipt shows VAT and it cannot be reclaimed, in pounds and pence, like 2.08. Leave it empty if you are not sure: the council then publishes no figure rather than a guess."
      inputMode="decimal"
      autoComplete="off"
      widthClass="govuk-input--width-5"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}
