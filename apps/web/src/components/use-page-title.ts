import { useEffect } from "react";

const SERVICE_NAME = "Green Tape";

/** Sets the document title as GOV.UK services do: "Page – Service", with "Error: " first when the page shows errors. */
export function usePageTitle(page: string, hasErrors = false): void {
  useEffect(() => {
    document.title = `${hasErrors ? "Error: " : ""}${page} – ${SERVICE_NAME}`;
  }, [page, hasErrors]);
}
