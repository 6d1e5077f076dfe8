import type { RefObject } from "react";

interface ReceiptFileInputProps {
  /** Its label's and hint's id too: the hint is `${id}-hint`, an error `${id}-error`. */
  id: string;
  name?: string;
  inputRef: RefObject<HTMLInputElement | null>;
  error?: string | undefined;
  onChoose(file: File | null): void;
}

/** A receipt to upload: on a phone the camera opens first, and a PDF may be chosen instead. */
export function ReceiptFileInput({ id, name, inputRef, error, onChoose }: ReceiptFileInputProps) {
  return (
    <input
      ref={inputRef}
      className={`govuk-file-upload${error ? " govuk-file-upload--error" : ""}`}
      id={id}
      name={name}
      type="file"
      accept="image/*,application/pdf"
      capture="environment"
      onChange={(e) => onChoose(e.target.files?.[0] ?? null)}
      aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
    />
  );
}
