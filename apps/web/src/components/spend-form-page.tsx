import type { ReactNode } from "react";
import { useParams } from "../lib/router.tsx";
import type { SpendDetail } from "@greentape/contract/spends";
import { Loading } from "./loading.tsx";
import { useSpend } from "./spend-api.ts";
import { SpendNotLoaded } from "./spend-not-loaded.tsx";
import { usePageTitle } from "./use-page-title.ts";

/** A form about the spend in the address: the heading while the spend loads or if it cannot be loaded, then the form. */
export function SpendFormPage({ heading, form }: { heading: string; form(spend: SpendDetail): ReactNode }) {
  const { id = "" } = useParams();
  const spend = useSpend(id);
  usePageTitle(heading);

  if (spend.state.status === "loading") {
    return (
      <>
        <h1 className="govuk-heading-l">{heading}</h1>
        <Loading label="Getting the spend" />
      </>
    );
  }
  if (spend.state.status === "failed") {
    return <SpendNotLoaded heading={heading} error={spend.state.error} onRetry={spend.reload} />;
  }
  return form(spend.state.data);
}
