import { ChipRadios } from "./chip-radios.tsx";
import type { FieldProps } from "./field-props.ts";

interface CategoryFieldProps extends FieldProps {
  /** The chosen scheme's categories. */
  categories: readonly string[];
}

export function CategoryField({ categories, value, onChange, error }: CategoryFieldProps) {
  return (
    <ChipRadios
      name="category"
      legend="Category"
      options={categories.map((c) => ({ value: c, label: c }))}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
