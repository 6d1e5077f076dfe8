import { Textarea } from "../../components/form-fields.tsx";
import type { FieldProps } from "./field-props.ts";

export function NoteField({ value, onChange, error }: FieldProps) {
  return (
    <Textarea
      id="note"
      name="note"
      label="Note (optional)"
      hint="A few words to remind you. You explain why in your justification later."
      rows={2}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}
