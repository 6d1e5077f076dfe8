import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";
import { Link, useLocation, useParams } from "../../lib/router.tsx";
import { formatMoney } from "@greentape/domain/money";
import { WORKER_VOID_WINDOW_MS, canAddReceipt, canComment, canJustify, canRecordFollowUp, canVoid, canWriteReviewerNote } from "@greentape/domain/permissions";
import type { Actor, SpendAccess } from "@greentape/domain/permissions";
import { workerMayReviseJustification } from "@greentape/domain/tracks";
import type { JustificationStatus } from "@greentape/domain/tracks";
import type { SpendDetail } from "@greentape/contract/spends";
import { ErrorMessage } from "../../components/error-message.tsx";
import { Textarea } from "../../components/form-fields.tsx";
import { LabelledFormGroup } from "../../components/form-group.tsx";
import { Loading } from "../../components/loading.tsx";
import { NotificationBanner } from "../../components/notification-banner.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { serverFieldErrors } from "../../components/server-field-errors.ts";
import { QueuedWrites } from "../../components/outbox-status.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { ReceiptFileInput } from "../../components/receipt-file-input.tsx";
import { ApiError, NetworkError } from "../../lib/api-client.ts";
import { useCurrentUser } from "../../lib/auth.tsx";
import { addWriteToOutbox, discardWrite, discardWrites, listWrites, sendOutboxWrite, useOutbox } from "../../lib/outbox.ts";
import { shrinkReceipt } from "../../lib/shrink-receipt.ts";
import { declareReceiptLost, useSpendPage, voidSpend } from "./spend-detail-api.ts";
import { loadedData } from "../../lib/use-api-data.ts";
import { formatTimestamp } from "../../lib/format.ts";
import { CommentForm, SpendCase } from "../spend-case/index.ts";

/** Other pages hand a message over in router state after they change the spend. */
interface DoneState {
  done?: string;
}

function messageFor(error: unknown, field?: string): string {
  if (error instanceof NetworkError) return "You seem to be offline. Try again when you have a signal.";
  if (error instanceof ApiError) return (field ? error.fieldMessage(field) : undefined) ?? error.detail ?? error.title;
  return "Sorry, something went wrong. Try again.";
}

export function SpendPage() {
  const { id = "" } = useParams();
  const user = useCurrentUser();
  const location = useLocation();
  const page = useSpendPage(id);
  const [message, setMessage] = useState<string | null>((location.state as DoneState | null)?.done ?? null);
  const banner = useRef<HTMLDivElement>(null);

  const spend = loadedData(page.state)?.spend;
  usePageTitle(spend ? `Spend of ${formatMoney(spend.amount, spend.currency)} for ${spend.client.reference}` : "Spend");

  useEffect(() => {
    if (message) banner.current?.focus();
  }, [message]);

  if (page.state.status === "loading") {
    return (
      <>
        <h1 className="govuk-heading-l">Spend</h1>
        <Loading label="Getting the spend" />
      </>
    );
  }
  if (page.state.status === "failed") {
    const error = page.state.error;
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <>
        <h1 className="govuk-heading-l">{notFound ? "Spend not found" : "Spend"}</h1>
        <p className="govuk-body">
          {notFound ? "There is no spend here that you can see. Check the link." : messageFor(error)}
        </p>
        {notFound ? null : (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={page.reload}>
            Try again
          </button>
        )}
        <p className="govuk-body">
          <Link className="govuk-link" to="/spends">
            Back to my spends
          </Link>
        </p>
      </>
    );
  }

  const { spend: data } = page.state.data;
  const actor: Actor = { id: user.id, role: user.role, teamId: user.teamId };
  const access: SpendAccess = { workerId: data.workerId, teamId: data.teamId, createdAt: new Date(data.createdAt), voided: data.voided };

  const done = (text: string, next?: SpendDetail) => {
    setMessage(text);
    const shown = loadedData(page.state);
    if (next && shown) page.set({ ...shown, spend: next });
    else page.reload();
  };

  return (
    <PageColumn>
      {message ? <NotificationBanner role="alert" success titleId="spend-done-title" focusRef={banner} heading={message} /> : null}
      <span className="govuk-caption-l">{data.voided ? "Voided spend" : "Spend"}</span>
      <h1 className="govuk-heading-l">
        {formatMoney(data.amount, data.currency)} for {data.client.reference}
      </h1>

      <QueuedWrites userId={user.id} spendId={data.id} />
      <WhatYouCanDo spend={data} actor={actor} access={access} onDone={done} />

      <SpendCase
        spend={data}
        commentForm={
          canComment(actor, access) ? (
            <CommentForm spendId={data.id} reviewerNotes={canWriteReviewerNote(actor, access)} onDone={(text) => done(text)} />
          ) : null
        }
      />

      <p className="govuk-body">
        <Link className="govuk-link" to={user.role === "worker" || user.role === "supervisor" ? "/spends" : "/"}>
          {user.role === "worker" || user.role === "supervisor" ? "Back to my spends" : "Back to home"}
        </Link>
      </p>
    </PageColumn>
  );
}

interface ActionsProps {
  spend: SpendDetail;
  actor: Actor;
  access: SpendAccess;
  onDone(message: string, next?: SpendDetail): void;
}

function WhatYouCanDo({ spend, actor, access, onDone }: ActionsProps) {
  const status = spend.justificationStatus as JustificationStatus;
  const mayJustify = canJustify(actor, access) && workerMayReviseJustification(status);
  const mayFollowUp = canRecordFollowUp(actor, access);
  const mayAddReceipt = canAddReceipt(actor, access) && !spend.voided;
  const mayDeclareLost = mayAddReceipt && spend.receipts.length === 0 && !spend.receiptLost;
  const mayVoid = canVoid(actor, access, new Date()) && actor.role !== "admin";
  if (!mayJustify && !mayFollowUp && !mayAddReceipt && !mayVoid) return null;

  const justifyLabel =
    status === "queried" ? "Answer the question" : status === "submitted" ? "Revise your justification" : "Write your justification";

  return (
    <section aria-labelledby="what-you-can-do" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="what-you-can-do">
        What you can do
      </h2>
      {status === "queried" && mayJustify ? <LatestQuery spend={spend} /> : null}
      <div className="govuk-button-group">
        {mayJustify ? (
          <Link
            className={`govuk-button${status === "submitted" ? " govuk-button--secondary" : ""}`}
            to={`/spends/${spend.id}/justify`}
            data-module="govuk-button"
          >
            {justifyLabel}
          </Link>
        ) : null}
        {mayFollowUp ? (
          <Link className="govuk-button govuk-button--secondary" to={`/spends/${spend.id}/follow-up`} data-module="govuk-button">
            {spend.followUpStatus === "done" ? "Change the follow-up" : "Record the follow-up"}
          </Link>
        ) : null}
      </div>
      {mayAddReceipt ? <ReceiptForm spendId={spend.id} hasReceipt={spend.receipts.length > 0} onDone={onDone} /> : null}
      {mayDeclareLost ? <ReceiptLostForm spendId={spend.id} onDone={onDone} /> : null}
      {mayVoid ? <VoidForm spend={spend} onDone={onDone} /> : null}
    </section>
  );
}

function LatestQuery({ spend }: { spend: SpendDetail }) {
  const query = [...spend.reviews].reverse().find((r) => r.decision === "query");
  if (!query) return null;
  return (
    <div className="govuk-inset-text">
      <p className="govuk-body">
        <strong>{query.reviewer.name} asked</strong> ({formatTimestamp(query.createdAt)}):
      </p>
      <p className="govuk-body gt-prose">{query.comment}</p>
    </div>
  );
}

const RECEIPT_TYPES = ["image/jpeg", "image/png", "image/webp", "application/pdf"];
const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;
const TOO_BIG = "The receipt must be 10 MB or smaller";
const RECEIPT_SENT = "Receipt sent";

/**
 * Adding a receipt to a spend the server has. It goes as a receipt logged with a spend does: a
 * photo is shrunk on the phone (a PDF goes as it is), the file waits in the outbox and sends
 * itself, surviving a reload or a lost signal ("Receipt sending" at the top of the page until
 * then), and the page says when it has gone.
 */
function ReceiptForm({ spendId, hasReceipt, onDone }: { spendId: string; hasReceipt: boolean; onDone: ActionsProps["onDone"] }) {
  const user = useCurrentUser();
  const outbox = useOutbox(user.id);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  /** The chosen photo being shrunk; the upload waits for it only if pressed before it is ready. */
  const shrinking = useRef<Promise<File> | null>(null);
  /** Receipts this page has seen on their way; the one sent straight away is told by submit itself. */
  const onTheirWay = useRef(new Set<string>());

  // The outbox sent one that had to wait: show the spend with it, as a send made now would.
  const sending = outbox.writes.filter((w) => w.spendId === spendId && w.kind === "receipt" && w.state !== "needs-attention").map((w) => w.key);
  const sendingKeys = sending.join(" ");
  useEffect(() => {
    if (!outbox.loaded) return;
    const now = new Set(sendingKeys.split(" ").filter(Boolean));
    const gone = [...onTheirWay.current].filter((key) => !now.has(key));
    onTheirWay.current = now;
    if (gone.length > 0) onDone(RECEIPT_SENT);
  }, [sendingKeys, outbox.loaded, onDone]);

  function choose(chosen: File | null) {
    setError(null);
    shrinking.current = null;
    setFile(chosen);
    if (chosen && !RECEIPT_TYPES.includes(chosen.type) && !chosen.type.startsWith("image/")) {
      setError("The receipt must be a photo (JPEG, PNG or WebP) or a PDF");
      return;
    }
    if (chosen?.type.startsWith("image/")) shrinking.current = shrinkReceipt(chosen);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!file) {
      setError("Choose a photo or PDF of the receipt");
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const ready = (await shrinking.current) ?? file;
      if (ready.size > MAX_RECEIPT_BYTES) {
        setError(TOO_BIG);
        return;
      }
      const write = await addWriteToOutbox({ userId: user.id, spendId, kind: "receipt", body: {}, receipt: { blob: ready, name: ready.name, type: ready.type } });
      setFile(null);
      shrinking.current = null;
      if (input.current) input.current.value = "";
      const result = await sendOutboxWrite(user.id, write.key);
      if (result === "sent") onDone(RECEIPT_SENT);
      else if (result === "refused") {
        // Refused at once (not a photo after all, say): said here, by the file input, and not kept.
        const refused = (await listWrites(user.id)).find((w) => w.key === write.key);
        await discardWrite(user.id, write.key);
        setError(refused?.problem?.errors[0]?.message ?? refused?.problem?.detail ?? refused?.problem?.title ?? "The server did not take the receipt");
      } else onTheirWay.current.add(write.key);
    } catch (e) {
      setError(messageFor(e, "file"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="govuk-!-margin-bottom-4">
      <LabelledFormGroup
        id="add-receipt"
        label={hasReceipt || sending.length > 0 ? "Add another receipt" : "Add a receipt"}
        hint="A photo (JPEG, PNG or WebP) or a PDF, up to 10 MB"
        error={error ?? undefined}
        announceError
      >
        <ReceiptFileInput id="add-receipt" inputRef={input} error={error ?? undefined} onChoose={choose} />
      </LabelledFormGroup>
      <button type="submit" className="govuk-button govuk-button--secondary" aria-disabled={busy || undefined}>
        {busy ? "Sending the receipt…" : "Upload receipt"}
      </button>
    </form>
  );
}

const DECLARED = "You declared the receipt lost. Your declaration stands in for it.";

/**
 * Declaring a receipt lost. With no signal the declaration waits in the outbox and goes by
 * itself (shown at the top of the page until then); a refusal met on the way is shown here,
 * with what was written.
 */
function ReceiptLostForm({ spendId, onDone }: { spendId: string; onDone: ActionsProps["onDone"] }) {
  const user = useCurrentUser();
  const outbox = useOutbox(user.id);
  const queued = outbox.writes.find((w) => w.spendId === spendId && w.kind === "receipt-lost");
  const refused = queued?.state === "needs-attention" ? queued : null;
  const [description, setDescription] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ description?: string; reason?: string; general?: string }>({});
  const [busy, setBusy] = useState(false);
  const seenWaiting = useRef(false);

  // The outbox sent it: show the spend with its declaration, as a send made now would.
  useEffect(() => {
    if (queued && !refused) seenWaiting.current = true;
    else if (seenWaiting.current && outbox.loaded && !queued) {
      seenWaiting.current = false;
      onDone(DECLARED);
    }
  }, [queued, refused, outbox.loaded, onDone]);

  // Refused on the way: what was written comes back into the form, with the reason.
  const refusedKey = refused?.key;
  useEffect(() => {
    if (!refused) return;
    setDescription(String(refused.body.description ?? ""));
    setReason(String(refused.body.reason ?? ""));
    setErrors({ general: refused.problem?.detail ?? refused.problem?.title ?? "The server did not accept it." });
    // Only when another refused text arrives, not on every outbox change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refusedKey]);

  if (queued && !refused) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: typeof errors = {};
    if (description.trim().length < 3) found.description = "Say what was bought";
    if (reason.trim().length < 3) found.reason = "Say why there is no receipt";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const input = { description: description.trim(), reason: reason.trim() };
    try {
      await declareReceiptLost(spendId, input);
      await discardWrites({ userId: user.id, spendId, kind: "receipt-lost" }).catch(() => undefined);
      onDone(DECLARED);
    } catch (e) {
      if (e instanceof NetworkError) {
        await addWriteToOutbox({ userId: user.id, spendId, kind: "receipt-lost", body: input }).catch(() => setErrors({ general: messageFor(e) }));
        return;
      }
      const fromServer = e instanceof ApiError ? serverFieldErrors(e, ["description", "reason"]) : null;
      setErrors(fromServer ?? { general: messageFor(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="govuk-details" open={refused ? true : undefined}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">I have lost the receipt</span>
      </summary>
      <div className="govuk-details__text">
        <p className="govuk-body">
          It happens. Say what was bought and why there is no receipt. Your supervisor and the auditors see this instead of a
          receipt.
        </p>
        <form noValidate onSubmit={(e) => void submit(e)}>
          {errors.general ? <ErrorMessage role="alert">{errors.general}</ErrorMessage> : null}
          <Textarea id="lost-description" label="What was bought" value={description} onChange={(e) => setDescription(e.target.value)} error={errors.description} rows={2} />
          <Textarea id="lost-reason" label="Why there is no receipt" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} rows={2} />
          <button type="submit" className="govuk-button govuk-button--secondary" aria-disabled={busy || undefined}>
            {busy ? "Sending…" : "Declare the receipt lost"}
          </button>
        </form>
      </div>
    </details>
  );
}

function VoidForm({ spend, onDone }: { spend: SpendDetail; onDone: ActionsProps["onDone"] }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const until = new Date(new Date(spend.createdAt).getTime() + WORKER_VOID_WINDOW_MS).toISOString();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (reason.trim().length < 3) {
      setError("Say why you are voiding this spend");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = await voidSpend(spend.id, reason.trim());
      onDone("Spend voided. It no longer counts against your caps.", next);
    } catch (e) {
      setError(messageFor(e, "reason"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Void this spend</span>
      </summary>
      <div className="govuk-details__text">
        <p className="govuk-body">
          If you logged it by mistake, you can void it until {formatTimestamp(until)}. Nothing is deleted: the spend stays on record,
          marked void, and stops counting against your caps.
        </p>
        <form noValidate onSubmit={(e) => void submit(e)}>
          <Textarea id="void-reason" label="Why you are voiding it" value={reason} onChange={(e) => setReason(e.target.value)} error={error ?? undefined} rows={2} />
          <button type="submit" className="govuk-button govuk-button--warning" aria-disabled={busy || undefined}>
            {busy ? "Voiding…" : "Void spend"}
          </button>
        </form>
      </div>
    </details>
  );
}
