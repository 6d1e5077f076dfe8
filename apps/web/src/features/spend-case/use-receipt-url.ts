import { useEffect, useState } from "react";
import { apiFetch } from "../../lib/api-client.ts";

/** Fetches a receipt with the access token and hands back a blob URL (revoked when no longer shown). */
export function useReceiptUrl(spendId: string, receiptId: string): { url: string | null; failed: boolean } {
  const [state, setState] = useState<{ key: string; url: string | null; failed: boolean }>({ key: "", url: null, failed: false });
  const key = `${spendId}/${receiptId}`;
  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    apiFetch(`/api/spends/${encodeURIComponent(spendId)}/receipts/${encodeURIComponent(receiptId)}`, { signal: controller.signal })
      .then((response) => response.blob())
      .then((blob) => {
        if (controller.signal.aborted) return;
        url = URL.createObjectURL(blob);
        setState({ key, url, failed: false });
      })
      .catch(() => {
        if (!controller.signal.aborted) setState({ key, url: null, failed: true });
      });
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [spendId, receiptId, key]);
  return state.key === key ? { url: state.url, failed: state.failed } : { url: null, failed: false };
}
