/**
 * Every kind of event the log records, declared once. The API may append only these, and the web
 * names them from here; a new kind of act needs a line here first.
 */
export const EVENT_TYPE_LABELS = {
  "auth.login_succeeded": "Signed in",
  "auth.login_failed": "Sign-in refused",
  "auth.logout": "Signed out",
  "auth.refresh_reused": "A used session token was shown again",
  "auth.second_factor_failed": "Second factor refused",
  "auth.recovery_code_used": "Recovery code used",
  "auth.oidc_linked": "First sign-in with the council account",
  "auth.oidc_refused": "Council account sign-in refused",
  "mfa.totp_enrolled": "Authenticator app set up",
  "mfa.passkey_registered": "Passkey registered",
  "mfa.reset": "Second factor reset by an administrator",
  "user.created": "Account created",
  "user.updated": "Account changed",
  "user.deactivated": "Account deactivated",
  "user.reactivated": "Account reactivated",
  "user.password_changed": "Password changed",
  "user.password_reset": "Password reset by an administrator",
  "user.password_reset_by_link": "Password reset from an emailed link",
  "team.created": "Team created",
  "team.updated": "Team changed",
  "client.created": "Client added",
  "client.moved": "Client moved to another team",
  "client.equality_monitoring_updated": "Equality monitoring answers changed",
  "scheme.created": "Scheme created",
  "scheme.changed": "Scheme changed",
  "ledger_code.set": "Ledger code set",
  "ledger_code.removed": "Ledger code removed",
  "clearing_account.set": "Clearing account set",
  "clearing_account.removed": "Clearing account removed",
  "restriction.set": "Spending restricted",
  "restriction.lifted": "Restriction lifted",
  "spend.logged": "Spend logged",
  "spend.voided": "Spend voided",
  "receipt.added": "Receipt added",
  "receipt.declared_lost": "Receipt declared lost",
  "justification.submitted": "Justification written",
  "justification.reviewed": "Justification reviewed",
  "follow_up.recorded": "Follow-up recorded",
  "comment.added": "Comment added",
  "pause.snoozed": "Pause snoozed",
  "period.closed": "Month closed",
  "audit.sample_drawn": "Drawn into an audit sample",
  "audit.finding_recorded": "Audit finding recorded",
} as const;

export type EventType = keyof typeof EVENT_TYPE_LABELS;

export const EVENT_TYPES = Object.keys(EVENT_TYPE_LABELS) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(EVENT_TYPE_LABELS, value);
}
