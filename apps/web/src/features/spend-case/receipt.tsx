import type { SpendDetail } from "@greentape/contract/spends";
import { formatTimestamp } from "../../lib/format.ts";
import { useReceiptUrl } from "./use-receipt-url.ts";

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** One receipt of a spend: the photo (or a link to the PDF), fetched with the person's access. */
export function Receipt({ spendId, receipt, index }: { spendId: string; receipt: SpendDetail["receipts"][number]; index: number }) {
  const { url, failed } = useReceiptUrl(spendId, receipt.id);
  const isPdf = receipt.contentType === "application/pdf";
  const name = `Receipt ${index + 1}`;
  const details = `${isPdf ? "PDF" : "image"}, ${formatBytes(receipt.sizeBytes)}, added ${formatTimestamp(receipt.createdAt)}`;
  return (
    <li className="gt-receipt">
      {failed ? (
        <p className="govuk-body-s">
          {name} ({details}) could not be loaded. Check your connection and reload the page.
        </p>
      ) : url === null ? (
        <p className="govuk-body-s gt-receipt__loading">Loading {name.toLowerCase()}…</p>
      ) : isPdf ? (
        <a className="govuk-link" href={url} target="_blank" rel="noopener noreferrer">
          Open {name.toLowerCase()} (PDF, {formatBytes(receipt.sizeBytes)}, opens in a new tab)
        </a>
      ) : (
        <a className="gt-receipt__link" href={url} target="_blank" rel="noopener noreferrer">
          <img className="gt-receipt__image" src={url} alt={`${name}: photo of the receipt`} />
          <span className="govuk-link">Open {name.toLowerCase()} full size (opens in a new tab)</span>
        </a>
      )}
      <p className="govuk-body-s gt-receipt__meta">{details}</p>
    </li>
  );
}
