import type { PayeeType } from "@greentape/domain/spend-input";
import { Radios } from "../../components/form-fields.tsx";
import type { RadioOption } from "../../components/form-fields.tsx";
import type { FieldProps } from "./field-props.ts";

// Neither is chosen to begin with: a name is published only when someone says it is an organisation's.
const PAYEE_TYPE_OPTIONS: readonly RadioOption<PayeeType>[] = [
  { value: "organisation", label: "An organisation", hint: "A shop, company, charity or council. Its name is published." },
  { value: "individual", label: "A private individual", hint: "A person paid directly, like a landlord or a neighbour. Their name is never published." },
];

/** Whether who was paid may be named when the council publishes what it spends. */
export function PayeeTypeField({ value, onChange, error }: FieldProps<PayeeType | "">) {
  return (
    <Radios
      id="payeeType"
      name="payeeType"
      legend="Is who was paid an organisation or a private individual? (optional)"
      legendClass="govuk-fieldset__legend--s"
      hint="The council publishes what it spends. If you do not say, the name is kept out of it."
      options={PAYEE_TYPE_OPTIONS}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
