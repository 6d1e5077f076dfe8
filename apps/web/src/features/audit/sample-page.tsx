import { useEffect, useRef, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "../../lib/router.tsx";
import { formatMoney } from "@greentape/domain/money";
import type { SampleDetail, SampleItemDetail, SampleVerdict } from "@greentape/contract/audit";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { SuccessBanner, flashFrom } from "../../components/success-banner.tsx";
import { SummaryList } from "../../components/summary-list.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { describeApiError } from "../../lib/use-api-data.ts";
import { useSample, verifySample } from "./audit-api.ts";
import { METHOD_CHOICES, findingLabel, formatPercent, methodName, reasonName } from "./labels.ts";
import { countOf, formatDay, formatPeriod, formatTimestamp } from "../../lib/format.ts";
import "../../styles/office-components.scss";
import "./audit.scss";

/** One sample: how it was drawn (so anyone can redraw it), a check that it still matches, and its spends. */
export function SamplePage() {
  const { sampleId = "" } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  // Shown once: kept here, then taken out of the history entry so a reload does not repeat it.
  const [flash] = useState(() => flashFrom(location.state));
  useEffect(() => {
    if (flashFrom(location.state)) navigate(".", { replace: true, state: null });
  }, [location.state, navigate]);
  const { state, reload } = useSample(sampleId);
  const sample = state.status === "loaded" ? state.data : null;
  usePageTitle(sample ? `Sample for ${formatPeriod(sample.period)}` : "Sample");

  return (
    <>
      <Link to="/audit" className="govuk-back-link">
        Back to audit
      </Link>
      {flash ? <SuccessBanner heading={flash} /> : null}
      <span className="govuk-caption-l">Audit</span>
      <h1 className="govuk-heading-l">{sample ? `Sample for ${formatPeriod(sample.period)}` : "Sample"}</h1>
      {state.status === "loading" ? <Loading label="Loading the sample" /> : null}
      {state.status === "failed" ? <LoadFailed what="this sample" error={state.error} onRetry={reload} /> : null}
      {sample ? <Sample sample={sample} /> : null}
    </>
  );
}

function Sample({ sample }: { sample: SampleDetail }) {
  const random = sample.items.filter((i) => i.stratum === "random");
  const risk = sample.items.filter((i) => i.stratum === "risk");
  const done = sample.items.filter((i) => i.finding !== null).length;
  const next = sample.items.find((i) => i.finding === null);
  const p = sample.parameters;

  return (
    <>
      <p className="govuk-body-l" data-testid="size-explanation">
        {sample.sizeExplanation}
      </p>
      <p className="govuk-body" data-testid="progress">
        Findings recorded for {done} of {countOf(sample.items.length, "spend")}.
      </p>
      <div className="gt-button-row">
        {next ? (
          <Link className="govuk-button" to={`/audit/samples/${sample.id}/items/${next.spendId}`}>
            {done === 0 ? "Start with the first spend" : "Go to the next spend without a finding"}
          </Link>
        ) : null}
        <Link className={`govuk-button${next ? " govuk-button--secondary" : ""}`} to={`/audit/samples/${sample.id}/report`}>
          Read the report
        </Link>
      </div>

      <h2 className="govuk-heading-m">How it was drawn</h2>
      <SummaryList
        rows={[
          { key: "Month", value: formatPeriod(sample.period) },
          { key: "Spends in the month", value: `${countOf(sample.populationSize, "spend")} (not voided), sorted by id` },
          { key: "Drawn at random", value: `${countOf(p.size, "spend")}, ${sizeBasis(p.sizeBasis, p)}` },
          { key: "Method", value: METHOD_CHOICES.find((m) => m.value === sample.method)?.label ?? methodName(sample.method) },
          {
            key: "Algorithm",
            value: (
              <>
                {sample.algorithm} <span className="gt-code">({sample.algorithmVersion})</span>
              </>
            ),
          },
          { key: "Seed", value: <span className="gt-code" data-testid="seed">{sample.seed}</span> },
          {
            key: "Dataset digest",
            value: (
              <>
                <span className="gt-code" data-testid="dataset-digest">
                  {sample.datasetDigest}
                </span>
                <span className="govuk-hint gt-digest-hint">SHA-256 over the month's spends' ids and amounts, as they were at the draw.</span>
              </>
            ),
          },
          { key: "Risk rules", value: riskRulesText(sample) },
          { key: "Drawn", value: formatTimestamp(sample.createdAt) },
        ]}
      />

      <VerifyPanel sample={sample} />

      <h2 className="govuk-heading-m">Drawn at random ({random.length})</h2>
      <p className="govuk-body">These speak for the whole month: the report's statistics come from them alone.</p>
      <ItemsList sample={sample} items={random} label="Spends drawn at random" />

      {sample.parameters.riskRules ? (
        <>
          <h2 className="govuk-heading-m">Added by risk rules ({risk.length})</h2>
          {risk.length === 0 ? (
            <p className="govuk-body">No other spend met a risk rule.</p>
          ) : (
            <>
              <p className="govuk-body">Looked at because of what they are, not drawn by chance, so they are reported apart.</p>
              <ItemsList sample={sample} items={risk} label="Spends added by risk rules" />
            </>
          )}
        </>
      ) : null}
    </>
  );
}

function sizeBasis(basis: string, p: SampleDetail["parameters"]): string {
  if (basis === "size") return "the number asked for";
  if (basis === "rate") return `${formatPercent(p.rate ?? 0)} of the month's spends, rounded up`;
  return `for ${formatPercent(p.confidence)} confidence at a tolerable rate of ${formatPercent(p.tolerableRate)}`;
}

function riskRulesText(sample: SampleDetail): string {
  const p = sample.parameters;
  if (!p.riskRules) return "Off: only the random part was drawn";
  const large = p.topStratumAmount != null ? `spends of ${formatMoney(p.topStratumAmount)} or more` : "large spends by each scheme's setting";
  const overdue = p.overdueDays !== undefined ? `justifications overdue by more than ${countOf(p.overdueDays, "day")}` : "long-overdue justifications";
  return `On: concerns, flagged spends, ${large}, ${overdue} and lost receipts`;
}

function ItemsList({ sample, items, label }: { sample: SampleDetail; items: SampleItemDetail[]; label: string }) {
  return (
    <ul className="govuk-list gt-items" aria-label={label}>
      {items.map((item) => {
        const finding = item.finding ? findingLabel(item.finding.result) : null;
        const reasons = item.reasons.filter((r) => r !== "random");
        return (
          <li className="gt-items__item" key={item.spendId} data-testid="sample-item">
            <span className="gt-items__position" aria-hidden="true">
              {item.position}
            </span>
            <span className="gt-items__what">
              <Link className="govuk-link govuk-!-font-weight-bold" to={`/audit/samples/${sample.id}/items/${item.spendId}`}>
                <span className="govuk-visually-hidden">Number {item.position}: </span>
                {formatMoney(item.spend.amount, item.spend.currency)} on {item.spend.category}
              </Link>
              <span className="govuk-body-s gt-block gt-items__meta" data-testid="sample-item-people">
                {item.worker.name}, {item.team.name}. Client {item.client.reference}
              </span>
              <span className="govuk-body-s gt-block gt-items__meta">
                {item.spend.payee}, {formatDay(item.spend.spentOn)}
                {item.spend.voided ? ". Voided" : ""}
              </span>
              {reasons.length > 0 ? (
                <span className="govuk-body-s gt-block gt-items__meta">
                  {item.stratum === "random" ? "Also: " : ""}
                  {reasons.map(reasonName).join(", ")}
                </span>
              ) : null}
            </span>
            <span className="gt-items__finding">
              <span className="govuk-visually-hidden">Finding: </span>
              {finding ? (
                <strong className={`govuk-tag ${finding.colour}`}>{finding.label}</strong>
              ) : (
                <strong className="govuk-tag govuk-tag--grey">No finding yet</strong>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** Redraws the sample on the server and says, in words, whether it still matches. */
function VerifyPanel({ sample }: { sample: SampleDetail }) {
  const [checking, setChecking] = useState(false);
  const [verdict, setVerdict] = useState<SampleVerdict | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const result = useRef<HTMLDivElement>(null);

  async function check() {
    if (checking) return;
    setChecking(true);
    setProblem(null);
    try {
      setVerdict(await verifySample(sample.id));
    } catch (error) {
      setVerdict(null);
      setProblem(describeApiError(error));
    } finally {
      setChecking(false);
      // Announced by the live region; focus goes there too so a keyboard user lands on the answer.
      requestAnimationFrame(() => result.current?.focus());
    }
  }

  return (
    <section className="gt-verify" aria-labelledby="verify-heading">
      <h2 className="govuk-heading-m" id="verify-heading">
        Check the sample
      </h2>
      <p className="govuk-body">
        Green Tape draws the sample again from its seed and parameters, over the month's spends as they are now, and
        compares. Anyone can do the same with the public reference sampler.
      </p>
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void check()} aria-disabled={checking || undefined}>
        {checking ? "Checking…" : "Check the sample"}
      </button>
      <div aria-live="polite" ref={result} tabIndex={-1} className="gt-verify__result" data-testid="verify-result">
        {verdict ? <VerdictText verdict={verdict} period={sample.period} /> : null}
        {problem ? <p className="govuk-body">The check could not be run. {problem}</p> : null}
      </div>
    </section>
  );
}

/** Links to the spends that joined or left the population, so the auditor can open each. */
function ChangedSpends({ label, ids }: { label: string; ids: readonly string[] }) {
  if (ids.length === 0) return null;
  return (
    <>
      <h3 className="govuk-heading-s">{label}</h3>
      <ul className="govuk-list" aria-label={label}>
        {ids.map((id) => (
          <li key={id}>
            <Link className="govuk-link" to={`/spends/${id}`}>
              Spend {id.slice(0, 8)}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

function VerdictText({ verdict, period }: { verdict: SampleVerdict; period: string }) {
  if (verdict.matches) {
    return (
      <div className="gt-verdict gt-verdict--good">
        <p className="govuk-heading-s">It matches.</p>
        <p className="govuk-body">
          {verdict.explanation ?? "Drawing it again from the recorded seed and parameters gives the same spends in the same order."}
        </p>
      </div>
    );
  }
  if (verdict.populationChanged) {
    // The server's explanation names the spends that joined or left; it is shown once, here.
    return (
      <div className="gt-verdict gt-verdict--warn">
        <p className="govuk-heading-s">The spends booked in {formatPeriod(period)} have changed since the draw.</p>
        <p className="govuk-body">
          {verdict.explanation ?? "A spend was added or voided after the sample was drawn. The sample stands as it was drawn; a redraw today would be over different spends."}
        </p>
        <ChangedSpends label="Joined since the draw" ids={verdict.joined} />
        <ChangedSpends label="Left since the draw" ids={verdict.left} />
      </div>
    );
  }
  return (
    <div className="gt-verdict gt-verdict--bad">
      <p className="govuk-heading-s">It does not match.</p>
      <p className="govuk-body">
        {verdict.explanation ?? "The spends are unchanged, but drawing again from the recorded seed gives different spends."} Treat
        this sample as unreliable and report it.
      </p>
    </div>
  );
}
