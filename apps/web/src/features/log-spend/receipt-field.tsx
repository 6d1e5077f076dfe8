import { useRef } from "react";
import { LabelledFormGroup } from "../../components/form-group.tsx";
import { ReceiptFileInput } from "../../components/receipt-file-input.tsx";
import type { ChosenReceipt } from "./log-spend-form.ts";

interface ReceiptFieldProps {
  receipt: ChosenReceipt | null;
  onChoose(file: File | null): void;
  onRemove(): void;
  error?: string;
}

/** The receipt picker: the phone's camera or a PDF, with a preview of what was chosen and a way to take it off. */
export function ReceiptField({ receipt, onChoose, onRemove, error }: ReceiptFieldProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const file = receipt?.file;
  return (
    <LabelledFormGroup
      id="receipt"
      label="Receipt (optional)"
      hint="Take a photo of the receipt, or choose a PDF, up to 10 MB. You can also add it later."
      error={error}
    >
      <ReceiptFileInput id="receipt" name="receipt" inputRef={fileInput} error={error} onChoose={onChoose} />
      {file ? (
        <div className="govuk-body-s" data-testid="receipt-chosen">
          {receipt.previewUrl ? <img className="gt-receipt-preview" src={receipt.previewUrl} alt="The receipt you chose" /> : null}
          <p className="govuk-body-s">
            {file.name || "Receipt"} ({Math.max(1, Math.round(file.size / 1024))} KB){" "}
            <button
              type="button"
              className="gt-link-button govuk-body-s"
              onClick={() => {
                onRemove();
                if (fileInput.current) fileInput.current.value = "";
              }}
            >
              Remove receipt
            </button>
          </p>
        </div>
      ) : null}
    </LabelledFormGroup>
  );
}
