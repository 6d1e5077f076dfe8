import { PAYMENT_METHODS, PAYMENT_METHOD_LABELS } from "@greentape/domain/spend-input";
import { ChipRadios } from "./chip-radios.tsx";
import type { FieldProps } from "./field-props.ts";

const METHOD_OPTIONS = PAYMENT_METHODS.map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS[m] }));

export function PaymentMethodField({ value, onChange, error }: FieldProps) {
  return <ChipRadios name="paymentMethod" legend="How it was paid" options={METHOD_OPTIONS} value={value} onChange={onChange} error={error} />;
}
