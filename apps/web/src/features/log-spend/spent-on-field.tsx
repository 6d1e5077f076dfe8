import { TextInput } from "../../components/text-input.tsx";
import { formatDay } from "../../lib/format.ts";
import type { FieldProps } from "./field-props.ts";

interface SpentOnFieldProps extends FieldProps {
  /** The council's today: the latest day a spend can have been made. */
  today: string;
}

export function SpentOnField({ value, onChange, error, today }: SpentOnFieldProps) {
  return (
    <TextInput
      id="spentOn"
      name="spentOn"
      label="Date spent"
      hint={`Today is ${formatDay(today)}. Change it if you are logging an earlier spend.`}
      type="date"
      max={today}
      widthClass="govuk-input--width-10"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}
