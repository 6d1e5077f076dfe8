// The council's settings come from the server (GET /api/config), never from a constant in the web:
// the calendar the API counts days and months in is the one the phone must show.
//
// The last answer is kept in Web Storage, so the app opens with no signal in the council's calendar;
// only the very first visit waits for the server.

import { z } from "zod/mini";
import { councilSettingsSchema } from "@greentape/contract/config";

const STORAGE_KEY = "green-tape:council-settings";

/** What an older version kept on the phone (or an older server answers) may lack the council account's flag. */
const settingsSchema = z.partial(councilSettingsSchema, { councilAccountSignIn: true });
export type CouncilSettings = z.infer<typeof settingsSchema>;

let current: CouncilSettings | undefined = readStored();

function readStored(): CouncilSettings | undefined {
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null"));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Asks the server for the settings and keeps them; a failure leaves the kept ones in place. */
export async function refreshCouncilSettings(fetchImpl: typeof fetch = fetch): Promise<void> {
  try {
    const response = await fetchImpl("/api/config", { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const parsed = settingsSchema.safeParse(await response.json());
    if (!parsed.success) return;
    current = parsed.data;
    localStorage.setItem(STORAGE_KEY, JSON.stringify(parsed.data));
  } catch {
    // No signal, or storage blocked: the settings already held still apply.
  }
}

/** Resolves at once when settings are already kept (refreshing them behind); waits only on a first visit. */
export async function loadCouncilSettings(fetchImpl: typeof fetch = fetch): Promise<void> {
  const refreshed = refreshCouncilSettings(fetchImpl);
  if (current === undefined) await refreshed;
}

/** The council's name, for pages the public reads; null if the server has never been reached. */
export function councilName(): string | null {
  return current?.councilName ?? null;
}

/** The sign-in page offers the council account (OpenID Connect) when the server has it set up. */
export function councilAccountSignIn(): boolean {
  return current?.councilAccountSignIn === true;
}

/** The council's time zone; the browser's own only if the server has never been reached. */
export function councilTimeZone(): string {
  return current?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** A formatter in the council's time zone, made once per zone and options. */
export function councilDateFormat(locale: string, options: Omit<Intl.DateTimeFormatOptions, "timeZone">): Intl.DateTimeFormat {
  const timeZone = councilTimeZone();
  const key = `${timeZone}|${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formats.set(key, format);
  }
  return format;
}
