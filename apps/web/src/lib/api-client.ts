// The one way the web app talks to the API: JSON under /api.
//
// - The access token lives in memory only (never localStorage), so a script that reads
//   storage cannot take it; a reload restores it with a quiet refresh (httpOnly cookie).
// - On a 401 the client refreshes once (concurrent 401s share one refresh), retries the
//   request, and if the refresh is refused (401) it tells the auth layer the session has ended.
//   A refresh that got no answer, or a 5xx, is tried again: it never ends the session, and the
//   server answers a cookie shown twice within its grace window with the same successor.
// - A sign-out the server has not heard yet (no signal) is remembered on the device and sent
//   before anything else; until then no refresh is made with the old cookie.
// - Errors come back as application/problem+json (RFC 9457) and are thrown as ApiError so
//   forms can show an error summary with field-level messages.
// - Money is integer minor units in every payload (1250 is £12.50); this client never
//   converts amounts.

import { singleFlight } from "./single-flight.ts";

/** One field-level problem, as the API reports it: `path` names the field (e.g. "email", "items.0.amount"). */
export interface FieldProblem {
  path: string;
  message: string;
}

/** An RFC 9457 problem document, with our `errors` extension and any other members. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

/** The API answered with an error status. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldProblem[];
  readonly problem: Problem;
  /** From the answer's Retry-After header (503 while the database is away, 429). */
  readonly retryAfterSeconds: number | null;

  constructor(problem: Problem, retryAfterSeconds: number | null = null) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The message for one field, if the API named it ("email", "/email", "body.email" and "email.0" all match "email"). */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => fieldOf(e.path) === field || normalisePath(e.path) === field)?.message;
  }

  /** True when `type` ends with the given slug, e.g. `isType("cap-exceeded")`. */
  isType(slug: string): boolean {
    return this.type === slug || this.type.endsWith(`/${slug}`);
  }
}

function normalisePath(path: string): string {
  return path.replace(/^\//, "").replaceAll("/", ".").replace(/^body\./, "");
}

function fieldOf(path: string): string {
  return normalisePath(path).split(".")[0] ?? "";
}

/** The request never got an answer: offline, DNS, server down. The caller may retry later. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super("Could not reach the Green Tape server", { cause });
    this.name = "NetworkError";
  }
}

/** A failure that may pass by itself: no answer, the server in trouble (5xx), a timeout or a rate limit. */
export function isTransient(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  return error instanceof ApiError && (error.status >= 500 || error.status === 408 || error.status === 429);
}

/** How long to wait before trying again: `backoffMs`, or longer when the server asked for it with Retry-After. */
export function waitBeforeRetry(error: unknown, backoffMs: number): number {
  const asked = error instanceof ApiError && error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : 0;
  return Math.max(asked, backoffMs);
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON. Leave out for no body. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Send the access token (default true). Login and refresh turn it off. */
  auth?: boolean;
  /** On a 401, refresh the token once and retry (default: same as `auth`). */
  refreshOn401?: boolean;
}

// ---- session state held in memory -------------------------------------------------------

let accessToken: string | null = null;
let sessionEndedListener: (() => void) | null = null;

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

/** The auth layer listens here: called when a refresh is refused while a request needed it. */
export function onSessionEnded(listener: (() => void) | null): void {
  sessionEndedListener = listener;
}

/** Waits between refresh attempts: a lost reply or a busy server is usually over within seconds. */
const REFRESH_BACKOFF_MS = [500, 1_500, 4_000] as const;
/** A refresh does not wait longer than this for the server; the caller's own retries take over. */
const LONGEST_REFRESH_WAIT_MS = 10_000;

/**
 * Asks for a new access token with the refresh cookie. Single-flight: callers that arrive
 * while one refresh is running share it (the cookie rotates, so two refreshes in parallel
 * would look like token reuse to the server).
 * Resolves true with a new token in memory, false when the server refused (401), or at once
 * while a sign-out is still to be sent. A failure that may pass (no answer, 5xx) is tried
 * again a few times, respecting Retry-After, then thrown: the session may still be good.
 */
export const refreshAccessToken = singleFlight(async (): Promise<boolean> => {
  for (let attempt = 0; ; attempt += 1) {
    if (signOutPending()) {
      accessToken = null;
      return false;
    }
    try {
      const answer = await send<{ accessToken: string }>("/api/auth/refresh", { method: "POST", auth: false });
      accessToken = answer.accessToken;
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        accessToken = null;
        return false;
      }
      const backoff = REFRESH_BACKOFF_MS[attempt];
      const offline = typeof navigator !== "undefined" && navigator.onLine === false;
      if (!isTransient(error) || backoff === undefined || offline) throw error;
      const wait = waitBeforeRetry(error, backoff);
      if (wait > LONGEST_REFRESH_WAIT_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
});

// ---- signing out ------------------------------------------------------------------------

/** Web Storage key of a sign-out the server has not heard yet. Kept when local data is cleared. */
export const SIGN_OUT_PENDING_KEY = "green-tape:sign-out-pending";

/** True while this device owes the server a sign-out (shared by every tab of the app). */
export function signOutPending(): boolean {
  try {
    return localStorage.getItem(SIGN_OUT_PENDING_KEY) !== null;
  } catch {
    return false;
  }
}

/**
 * Sends the sign-out this device owes the server, if any (with the refresh cookie, and the
 * access token when there is one). Resolves once the server has it, or there was none;
 * throws NetworkError or a transient ApiError while it still cannot be told.
 */
export const sendPendingSignOut = singleFlight(async (): Promise<void> => {
  if (!signOutPending()) return;
  try {
    await send<void>("/api/auth/logout", { method: "POST" });
  } catch (error) {
    if (isTransient(error) || !(error instanceof ApiError)) throw error;
    // Any other answer is the server's last word on it: sending it again would change nothing.
  }
  try {
    localStorage.removeItem(SIGN_OUT_PENDING_KEY);
  } catch {
    // Storage unavailable: nothing was remembered.
  }
});

/**
 * Ends the session: remembered on the device first, so that if the server cannot be told now
 * (no signal, a 5xx) it is sent later and no refresh is made meanwhile. Resolves true when the
 * server has it, false when it is still to be sent (call `sendPendingSignOut` again later).
 */
export async function endSession(): Promise<boolean> {
  try {
    localStorage.setItem(SIGN_OUT_PENDING_KEY, new Date().toISOString());
  } catch {
    // Storage unavailable: the sign-out can only be tried now.
  }
  try {
    await sendPendingSignOut();
    return true;
  } catch (error) {
    if (isTransient(error)) return false;
    throw error;
  } finally {
    accessToken = null;
  }
}

// ---- requests ---------------------------------------------------------------------------

/** Calls the API and returns the parsed JSON answer (undefined for 204). Throws ApiError or NetworkError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const refreshOn401 = options.refreshOn401 ?? options.auth ?? true;
  const tokenUsed = accessToken;
  try {
    return await send<T>(path, options);
  } catch (error) {
    if (!refreshOn401 || !(error instanceof ApiError) || error.status !== 401) throw error;

    // Another request may already have refreshed the token since this one left.
    if (accessToken !== null && accessToken !== tokenUsed) return send<T>(path, options);

    const refreshed = await refreshAccessToken();
    if (!refreshed) {
      sessionEndedListener?.();
      throw error;
    }
    return send<T>(path, options);
  }
}

export const apiGet = <T>(path: string, options: Omit<RequestOptions, "method" | "body"> = {}) =>
  api<T>(path, { ...options, method: "GET" });

export const apiPost = <T>(path: string, body?: unknown, options: Omit<RequestOptions, "method" | "body"> = {}) =>
  api<T>(path, { ...options, method: "POST", body });

export const apiPut = <T>(path: string, body?: unknown, options: Omit<RequestOptions, "method" | "body"> = {}) =>
  api<T>(path, { ...options, method: "PUT", body });

/**
 * For what is not JSON: uploads (a FormData body) and downloads (read the answer with
 * `.blob()`). Sends the access token and refreshes it once on a 401, as `api` does.
 * Resolves with the raw Response when it is ok; throws ApiError or NetworkError otherwise.
 */
export async function apiFetch(path: string, init: { method?: "GET" | "POST" | "PUT"; body?: FormData; signal?: AbortSignal } = {}): Promise<Response> {
  const once = () => sendRaw(path, init);
  const tokenUsed = accessToken;
  try {
    return await once();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    if (accessToken !== null && accessToken !== tokenUsed) return once();
    const refreshed = await refreshAccessToken();
    if (!refreshed) {
      sessionEndedListener?.();
      throw error;
    }
    return once();
  }
}

async function sendRaw(path: string, init: { method?: string; body?: FormData; signal?: AbortSignal }): Promise<Response> {
  if (!path.startsWith("/api/")) throw new Error(`API paths start with /api/: ${path}`);
  const headers: Record<string, string> = {};
  if (accessToken !== null) headers.Authorization = `Bearer ${accessToken}`;
  let response: Response;
  try {
    response = await fetch(path, { method: init.method ?? "GET", headers, body: init.body, credentials: "same-origin", cache: "no-store", signal: init.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new NetworkError(error);
  }
  if (!response.ok) throw new ApiError(await readProblem(response), retryAfterOf(response));
  return response;
}

async function send<T>(path: string, options: RequestOptions): Promise<T> {
  if (!path.startsWith("/api/")) throw new Error(`API paths start with /api/: ${path}`);

  const headers: Record<string, string> = { Accept: "application/json, application/problem+json", ...options.headers };
  const useAuth = options.auth ?? true;
  if (useAuth && accessToken !== null) headers.Authorization = `Bearer ${accessToken}`;

  let body: string | undefined;
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? "GET",
      headers,
      body,
      credentials: "same-origin",
      cache: "no-store",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new NetworkError(error);
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }
  throw new ApiError(await readProblem(response), retryAfterOf(response));
}

/** Retry-After in seconds; the HTTP-date form is read too. */
function retryAfterOf(response: Response): number | null {
  const header = response.headers.get("Retry-After")?.trim();
  if (!header) return null;
  if (/^\d+$/.test(header)) return Number(header);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: "about:blank",
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
  };
  const contentType = response.headers.get("Content-Type") ?? "";
  if (!contentType.includes("json")) return fallback;
  try {
    const parsed: unknown = await response.json();
    if (typeof parsed !== "object" || parsed === null) return fallback;
    const p = parsed as Partial<Problem>;
    return {
      ...p,
      type: typeof p.type === "string" ? p.type : fallback.type,
      title: typeof p.title === "string" ? p.title : fallback.title,
      status: typeof p.status === "number" ? p.status : response.status,
      detail: typeof p.detail === "string" ? p.detail : undefined,
      errors: Array.isArray(p.errors)
        ? p.errors.filter(
            (e): e is FieldProblem =>
              typeof e === "object" && e !== null && typeof e.path === "string" && typeof e.message === "string",
          )
        : undefined,
    };
  } catch {
    return fallback;
  }
}

// ---- files --------------------------------------------------------------------------------

/** A file the API sent (an export, a receipt), with the name the server gave it. */
export interface DownloadedFile {
  blob: Blob;
  /** From Content-Disposition (filename* preferred); null when the server named none. */
  filename: string | null;
}

/**
 * GETs a file with the access token, refreshing once on a 401 as `api` does.
 * Throws ApiError (the problem document) or NetworkError.
 */
export async function apiDownload(path: string, options: { signal?: AbortSignal } = {}): Promise<DownloadedFile> {
  const response = await apiFetch(path, { signal: options.signal });
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch (error) {
    throw new NetworkError(error);
  }
  return { blob, filename: filenameFromContentDisposition(response.headers.get("Content-Disposition")) };
}

/** `attachment; filename="a.csv"; filename*=UTF-8''a%20b.csv` → "a b.csv" (RFC 6266: filename* wins). */
export function filenameFromContentDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      return clean(decodeURIComponent(extended[2].trim()));
    } catch {
      // Badly encoded: fall back to the plain filename.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, "$1") ?? plain?.[2]?.trim();
  return name ? clean(name) : null;

  // Never a path: only the last segment, without control characters.
  function clean(value: string): string | null {
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    const last = (value.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
    return last === "" || last === "." || last === ".." ? null : last;
  }
}
