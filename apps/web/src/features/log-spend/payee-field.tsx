import { TextInput } from "../../components/text-input.tsx";
import type { FieldProps } from "./field-props.ts";

export function PayeeField({ value, onChange, error }: FieldProps) {
  return (
    <TextInput
      id="payee"
      name="payee"
      label="Who was paid"
      hint="The shop, company or person, like Go North East"
      autoComplete="off"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}
