import { useEffect, useRef, useState } from "react";
import type { RefObject } from "react";
import { Link, useLocation } from "../../lib/router.tsx";
import { formatMoney } from "@greentape/domain/money";
import type { ListedSpend, MonthTotal } from "@greentape/contract/spends";
import { Loading } from "../../components/loading.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { useCurrentUser } from "../../lib/auth.tsx";
import { discardOutboxRecord, flushOutbox, sendOutboxRecord, useOutbox } from "../../lib/outbox.ts";
import type { OutboxRecord, SentRecord } from "../../lib/outbox.ts";
import { loadedData, useLoad, useReloadWhenOnline } from "../../lib/use-api-data.ts";
import { loadOrLastSeen } from "../../lib/last-seen.ts";
import type { Seen } from "../../lib/last-seen.ts";
import { LastSeenNote } from "../../components/last-seen-note.tsx";
import { fetchMySpends, fetchSpendPage } from "./my-spends-api.ts";
import type { MySpends } from "./my-spends-api.ts";
import { countOf, formatDay, formatPeriod } from "../../lib/format.ts";
import { Tag, followUpTag, justificationTag, paymentMethodLabel } from "../spend-case/index.ts";
import type { TagInfo } from "../spend-case/index.ts";
import { ListUnavailable } from "../../components/list-unavailable.tsx";

interface LoggedState {
  logged?: { amount: number; currency: string; clientReference: string; spendId: string | null; queued: boolean; receiptProblem: string | null };
}

/**
 * Every track of the spend still open, as tags: the justification (to write, a question to
 * answer, waiting for review or under a concern), the follow-up, and the receipt. Only a spend
 * with nothing open shows where its justification ended.
 */
function openTracks(spend: ListedSpend, receipt: ReceiptOnItsWay): TagInfo[] {
  if (spend.voided) return [{ text: "Voided", className: "govuk-tag--grey" }];
  const tags: TagInfo[] = [];
  if (spend.justificationStatus !== "endorsed") tags.push(justificationTag(spend));
  if (spend.followUpStatus === "pending") tags.push(followUpTag(spend));
  if (receipt === "sending") tags.push(RECEIPT_SENDING);
  else if (receipt === "refused") tags.push({ text: "Receipt not added", className: "govuk-tag--red" });
  else if (spend.receiptCount === 0 && !spend.receiptLost) tags.push({ text: "Receipt missing", className: "govuk-tag--yellow" });
  if (tags.length === 0) tags.push(justificationTag(spend));
  return tags;
}

const RECEIPT_SENDING: TagInfo = { text: "Receipt sending", className: "govuk-tag--light-blue" };

/** Where a receipt this phone sent after its spend stands: on its way, refused, or (null) nothing to say. */
type ReceiptOnItsWay = "sending" | "refused" | null;

/** A record whose spend the server has: only its receipt is still on this phone. */
const onlyReceiptLeft = (record: OutboxRecord) => record.spendId !== null && record.state !== "needs-attention";

export function MySpendsPage() {
  const user = useCurrentUser();
  const location = useLocation();
  const logged = (location.state as LoggedState | null)?.logged;
  const outbox = useOutbox(user.id);
  usePageTitle("My spends");

  // Ask the server again whenever the outbox has sent something.
  const lastSent = outbox.sent[0]?.key ?? "none";
  const list = useLoad(`my-spends:${user.id}:${lastSent}`, (signal) => loadOrLastSeen(user.id, "my-spends", () => fetchMySpends(user.id, signal)), { keepPrevious: true });
  const [more, setMore] = useState<{ items: ListedSpend[]; nextCursor: string | null; forKey: string } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const banner = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (logged) banner.current?.focus();
  }, [logged]);

  useReloadWhenOnline(list.reload);

  const sentFromOutbox = new Set(outbox.sent.filter((s) => s.queued).map((s) => s.spendId));
  // A receipt on its way, whether it followed its spend or was added on the spend's page.
  const receiptsSending = new Set([
    ...outbox.records.filter(onlyReceiptLeft).map((r) => r.spendId),
    ...outbox.writes.filter((w) => w.kind === "receipt" && w.state !== "needs-attention").map((w) => w.spendId),
  ]);
  const receiptsRefused = new Map(outbox.sent.filter((s) => s.receiptProblem !== null).map((s) => [s.spendId, s]));
  const receiptState = (spendId: string): ReceiptOnItsWay => (receiptsSending.has(spendId) ? "sending" : receiptsRefused.has(spendId) ? "refused" : null);
  const waiting = outbox.records.filter((r) => r.state !== "needs-attention" && !onlyReceiptLeft(r)).length;
  const attention = outbox.records.filter((r) => r.state === "needs-attention").length;

  const data: Seen<MySpends> | undefined = loadedData(list.state);
  const listKey = data ? `${data.items[0]?.id ?? ""}:${data.items.length}` : "";
  const extra = more && more.forKey === listKey ? more : null;
  const spends = data ? [...data.items, ...(extra?.items ?? [])] : [];
  const nextCursor = extra ? extra.nextCursor : (data?.nextCursor ?? null);
  // A spend the server has is shown in its list, with its receipt's progress; here only until the list has it.
  const listed = new Set(spends.map((s) => s.id));
  const onThisPhone = outbox.records.filter((r) => r.spendId === null || !listed.has(r.spendId));

  async function loadMore() {
    if (!nextCursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await fetchSpendPage(user.id, nextCursor);
      setMore({ items: [...(extra?.items ?? []), ...page.items], nextCursor: page.nextCursor, forKey: listKey });
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <PageColumn>
      {logged && !(logged.queued && attention > 0) ? (
        <LoggedBanner
          // Once the outbox has nothing left waiting, a spend saved offline has gone. (If the
          // server refused it, its card below says so instead.)
          logged={logged.queued && outbox.loaded && waiting === 0 ? { ...logged, queued: false, sentLater: true } : logged}
          bannerRef={banner}
          receipt={logged.spendId ? receiptProgress(logged.spendId, receiptsSending, outbox.sent) : null}
        />
      ) : null}
      <h1 className="govuk-heading-l">My spends</h1>
      <p className="govuk-body">
        <Link className="govuk-button govuk-!-margin-bottom-0" to="/spends/new" data-module="govuk-button">
          Log a spend
        </Link>
      </p>

      <p className="govuk-body" role="status" aria-live="polite" data-testid="outbox-status">
        {outbox.loaded ? outboxStatus(waiting, attention, receiptsSending.size) : ""}
      </p>

      {onThisPhone.length > 0 ? (
        <section aria-labelledby="on-this-phone">
          <h2 className="govuk-heading-m" id="on-this-phone">
            On this phone
          </h2>
          <ul className="gt-spend-list" data-testid="outbox">
            {onThisPhone.map((record) => (
              <OutboxCard key={record.key} record={record} userId={user.id} />
            ))}
          </ul>
        </section>
      ) : null}

      {data?.monthTotal ? <MonthTotalLine total={data.monthTotal} /> : null}

      <h2 className="govuk-heading-m">Logged</h2>
      {data?.lastSeenAt ? <LastSeenNote at={data.lastSeenAt} /> : null}
      {list.state.status === "loading" ? (
        <Loading label="Getting your spends" />
      ) : list.state.status === "failed" ? (
        <ListUnavailable
          error={list.state.error}
          offline="You seem to be offline, so your logged spends cannot be shown now. Anything waiting on this phone is shown above."
          failed="Your spends could not be loaded just now."
          onRetry={list.reload}
        />
      ) : spends.length === 0 ? (
        <p className="govuk-body">You have not logged any spends yet.</p>
      ) : (
        <>
          <ul className="gt-spend-list" data-testid="spends">
            {spends.map((spend) => (
              <SpendCard
                key={spend.id}
                spend={spend}
                clientReference={data?.clientReferences.get(spend.clientId)}
                sent={sentFromOutbox.has(spend.id)}
                receipt={receiptState(spend.id)}
                receiptProblem={receiptsRefused.get(spend.id)?.receiptProblem ?? null}
              />
            ))}
          </ul>
          {nextCursor ? (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void loadMore()} aria-disabled={loadingMore || undefined}>
              {loadingMore ? "Loading…" : "Show older spends"}
            </button>
          ) : null}
        </>
      )}
    </PageColumn>
  );
}

/** This month's spending, formatted here from the server's minor units. */
function MonthTotalLine({ total }: { total: MonthTotal }) {
  const amounts = total.totals.length === 0 ? formatMoney(0) : total.totals.map((t) => formatMoney(t.amount, t.currency)).join(" and ");
  return (
    <div data-testid="month-total">
      <p className="govuk-body-l govuk-!-margin-bottom-1">
        Spent in {formatPeriod(total.period)}: <strong>{amounts}</strong> on {countOf(total.count, "spend")}
      </p>
      <p className="govuk-body-s">Voided spends are not counted.</p>
    </div>
  );
}

/** What the banner says about the receipt of the spend just logged. */
function receiptProgress(spendId: string, sending: ReadonlySet<string | null>, sent: readonly SentRecord[]): "sending" | "sent" | null {
  if (sending.has(spendId)) return "sending";
  return sent.some((s) => s.spendId === spendId && s.withReceipt && s.receiptProblem === null) ? "sent" : null;
}

function outboxStatus(waiting: number, attention: number, receipts: number): string {
  const parts: string[] = [];
  if (waiting > 0) parts.push(`${waiting} ${waiting === 1 ? "spend is" : "spends are"} waiting to send`);
  if (receipts > 0) parts.push(`${receipts} ${receipts === 1 ? "receipt is" : "receipts are"} sending`);
  if (attention > 0) parts.push(`${attention} ${attention === 1 ? "spend needs" : "spends need"} your attention`);
  return parts.length === 0 ? "" : `${parts.join(", and ")}.`;
}

function LoggedBanner({
  logged,
  bannerRef,
  receipt,
}: {
  logged: NonNullable<LoggedState["logged"]> & { sentLater?: boolean };
  bannerRef: RefObject<HTMLDivElement | null>;
  receipt: "sending" | "sent" | null;
}) {
  const what = `${formatMoney(logged.amount, logged.currency)}${logged.clientReference ? ` for ${logged.clientReference}` : ""}`;
  return (
    <div
      className={`govuk-notification-banner${logged.queued ? "" : " govuk-notification-banner--success"}`}
      role={logged.queued ? "region" : "alert"}
      aria-labelledby="logged-title"
      tabIndex={-1}
      ref={bannerRef}
      data-testid="logged-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="logged-title">
          {logged.queued ? "Important" : "Success"}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        {logged.queued ? (
          <>
            <p className="govuk-notification-banner__heading">Saved on this phone: {what}</p>
            <p className="govuk-body">It will be sent by itself when you have a signal. Keep Green Tape on this phone until it has gone.</p>
          </>
        ) : (
          <>
            <p className="govuk-notification-banner__heading">
              {logged.sentLater ? "Sent from this phone" : "Spend logged"}: {what}.{" "}
              {logged.spendId ? (
                <Link className="govuk-notification-banner__link" to={`/spends/${logged.spendId}`}>
                  View the spend
                </Link>
              ) : null}
            </p>
            {logged.receiptProblem ? <p className="govuk-body">The receipt was not added: {logged.receiptProblem} You can add it from the spend's page.</p> : null}
            <p className="govuk-body" role="status" data-testid="receipt-progress">
              {receipt === "sending" ? "Receipt sending. It goes on by itself, even if you close Green Tape or lose signal." : receipt === "sent" ? "Receipt sent." : ""}
            </p>
          </>
        )}
      </div>
    </div>
  );
}

interface SpendCardProps {
  spend: ListedSpend;
  clientReference: string | undefined;
  sent: boolean;
  receipt: ReceiptOnItsWay;
  /** Why the server would not take the receipt this phone sent. */
  receiptProblem: string | null;
}

function SpendCard({ spend, clientReference, sent, receipt, receiptProblem }: SpendCardProps) {
  const title = `${formatMoney(spend.amount, spend.currency)}${clientReference ? ` for ${clientReference}` : ""}`;
  return (
    <li className={`gt-spend-card${spend.voided ? " gt-spend-card--voided" : ""}`} data-testid="spend-card" data-spend-id={spend.id}>
      <h3 className="govuk-heading-s gt-spend-card__title">
        <Link className="govuk-link" to={`/spends/${spend.id}`}>
          {title}
        </Link>
      </h3>
      <p className="govuk-body-s gt-spend-card__meta">
        {spend.payee} · {spend.category} · {formatDay(spend.spentOn)}
      </p>
      <ul className="gt-tags" aria-label="What is still open">
        {sent ? (
          <li>
            <Tag tag={{ text: "Sent", className: "govuk-tag--green" }} />
          </li>
        ) : null}
        {openTracks(spend, receipt).map((tag) => (
          <li key={tag.text}>
            <Tag tag={tag} />
          </li>
        ))}
      </ul>
      {receipt === "refused" && receiptProblem ? (
        <p className="govuk-body-s govuk-!-margin-top-2">
          The receipt was not added: {receiptProblem} You can add it from the spend's page.
        </p>
      ) : null}
    </li>
  );
}

function OutboxCard({ record, userId }: { record: OutboxRecord; userId: string }) {
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const s = record.spend;
  const attention = record.state === "needs-attention";
  const title = `${formatMoney(s.amount, record.label.currency)}${record.label.clientReference ? ` for ${record.label.clientReference}` : ""}`;
  const receiptOnly = onlyReceiptLeft(record);
  const tag: TagInfo = attention
    ? { text: "Needs your attention", className: "govuk-tag--red" }
    : receiptOnly
      ? RECEIPT_SENDING
      : record.state === "sending"
      ? { text: "Sending", className: "govuk-tag--light-blue" }
      : { text: "Waiting to send", className: "govuk-tag--blue" };

  async function sendNow() {
    setSending(true);
    setNote(null);
    const result = await sendOutboxRecord(userId, record.key).catch(() => null);
    setSending(false);
    if (result?.kind === "waiting") setNote(result.offline ? "Still no signal. It will be sent by itself when there is one." : "The server could not take it just now. It will try again shortly.");
    void flushOutbox(userId).catch(() => undefined);
  }

  return (
    <li className={`gt-spend-card ${attention ? "gt-spend-card--attention" : "gt-spend-card--waiting"}`} data-testid="outbox-card" data-payee={s.payee}>
      <h3 className="govuk-heading-s gt-spend-card__title">{title}</h3>
      <p className="govuk-body-s gt-spend-card__meta">
        {s.payee} · {s.category} · {formatDay(s.spentOn)} · {paymentMethodLabel(s.paymentMethod)}
        {record.receipt ? " · with receipt" : ""}
      </p>
      <ul className="gt-tags" aria-label="Status">
        <li>
          <Tag tag={tag} />
        </li>
      </ul>
      {attention && record.problem ? (
        <div className="govuk-inset-text govuk-!-margin-top-2">
          <p className="govuk-body">
            <strong>{record.problem.title}.</strong> {record.problem.detail}
          </p>
          {record.problem.errors.length > 0 ? (
            <ul className="govuk-list govuk-list--bullet">
              {record.problem.errors.map((e) => (
                <li key={`${e.path}:${e.message}`}>{e.message}</li>
              ))}
            </ul>
          ) : null}
          {record.problem.overdueSpends.length > 0 ? (
            <>
              <p className="govuk-body">Justify these spends, then send this one again:</p>
              <ul className="govuk-list govuk-list--bullet">
                {record.problem.overdueSpends.map((o) => (
                  <li key={o.id}>
                    <Link className="govuk-link" to={`/spends/${o.id}/justify`}>
                      Justify {o.amount !== undefined ? formatMoney(o.amount, o.currency ?? "GBP") : "the spend"}
                      {o.payee ? ` paid to ${o.payee}` : ""}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : receiptOnly ? (
        <p className="govuk-body-s">The spend is logged. Its receipt goes on by itself while you have a signal.</p>
      ) : !attention ? (
        <p className="govuk-body-s">It will be sent by itself when you have a signal.</p>
      ) : null}
      {note ? (
        <p className="govuk-body-s" role="status">
          {note}
        </p>
      ) : null}
      {confirming ? (
        <div className="gt-actions" role="group" aria-label="Discard this spend?">
          <p className="govuk-body govuk-!-margin-bottom-0">This spend has not been sent. Discard it?</p>
          <button
            type="button"
            className="govuk-button govuk-button--warning"
            onClick={() => void discardOutboxRecord(userId, record.key).then(() => setConfirming(false))}
          >
            Yes, discard it
          </button>
          <button type="button" className="gt-link-button" onClick={() => setConfirming(false)}>
            No, keep it
          </button>
        </div>
      ) : (
        <div className="gt-actions">
          {attention ? (
            <Link className="govuk-button govuk-button--secondary" to={`/spends/new?from=${encodeURIComponent(record.key)}`}>
              Correct and send again
            </Link>
          ) : record.state === "waiting" ? (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void sendNow()} aria-disabled={sending || undefined}>
              {sending ? "Sending…" : "Send now"}
            </button>
          ) : null}
          {record.state !== "sending" && !receiptOnly ? (
            <button type="button" className="gt-link-button" onClick={() => setConfirming(true)}>
              Discard
            </button>
          ) : null}
        </div>
      )}
    </li>
  );
}
