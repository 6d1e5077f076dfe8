/** What each field of the form takes: its value as typed, a way to change it, and what is wrong with it. */
export interface FieldProps<V extends string = string> {
  value: V;
  onChange(value: V): void;
  error?: string | undefined;
}
