/**
 * Typed errors that services throw. One handler in the API maps each to application/problem+json
 * (RFC 9457); `type` is a relative URI ending in the problem's slug, e.g. /problems/cap-exceeded.
 */
export interface FieldProblem {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly slug: string;
  constructor(
    readonly title: string,
    readonly detail?: string,
    /** Extra members of the problem document, e.g. { cap, limit, remaining }. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly status = 400;
  readonly slug = "validation";
  constructor(readonly errors: FieldProblem[], detail = errors.map((e) => `${e.path}: ${e.message}`).join("; ")) {
    super("Your request has problems", detail, { errors });
  }
  static field(path: string, message: string): ValidationError {
    return new ValidationError([{ path, message }]);
  }
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly slug = "unauthorized";
  constructor(detail = "Sign in to continue.") {
    super("Not signed in", detail);
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly slug = "forbidden";
  constructor(detail = "Your role does not allow this.") {
    super("Not allowed", detail);
  }
}

/** The right password for an account an administrator has deactivated. */
export class AccountDeactivatedError extends DomainError {
  readonly status = 403;
  readonly slug = "account-deactivated";
  constructor() {
    super("Account deactivated", "This account has been deactivated. Contact your Green Tape administrator.");
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly slug = "not-found";
  constructor(what: string) {
    super("Not found", `${what} was not found.`);
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly slug: string;
  constructor(slug: string, title: string, detail?: string, extensions?: Record<string, unknown>) {
    super(title, detail, extensions);
    this.slug = slug;
  }
}

/** A business rule refused a well-formed request (422), e.g. cap-exceeded, allowance-paused. */
export class RuleViolation extends DomainError {
  readonly status = 422;
  readonly slug: string;
  constructor(slug: string, title: string, detail?: string, extensions?: Record<string, unknown>) {
    super(title, detail, extensions);
    this.slug = slug;
  }
}

/** Too many attempts (429); the problem handler sends `Retry-After` with the seconds given, as the problem's `retryAfter` says too. */
export class RateLimitedError extends DomainError {
  readonly status = 429;
  readonly slug = "rate-limited";
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super("Too many attempts", detail, { retryAfter: retryAfterSeconds });
  }
}

/** Not ready to answer yet (503); the problem handler sends `Retry-After` with the seconds given. */
export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
  readonly slug = "unavailable";
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super("Not available yet", detail);
  }
}
