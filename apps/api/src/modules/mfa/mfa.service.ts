import { createHash, randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import type { Db, Tx } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { ConflictError, NotFoundError, RateLimitedError, UnauthorizedError, ValidationError } from "@greentape/domain/errors";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Actor } from "../../plugins/access.ts";
import type { AuthService, IssuedSession, RequestContext } from "../auth/index.ts";
import type { NotificationsService } from "../notifications/index.ts";
import type { RateLimits } from "../rate-limits/index.ts";
import { findOpenStep, useStep, type SignInStepRow } from "../sign-in-steps/index.ts";
import { findUserById, type UserRow } from "../users/index.ts";
import * as q from "./mfa.queries.ts";
import type { SecretBox } from "./secret-box.ts";

const RECOVERY_CODE_COUNT = 10;
const TOTP_CODE = /^\d{6}$/;
/** Wrong second-factor codes allowed per account in the sign-in window (LOGIN_LIMIT_WINDOW_MINUTES). */
export const SECOND_FACTOR_ATTEMPTS = 5;
const STEP_ENDED = "This sign-in has expired or was already used. Sign in again with your password.";

/** Recovery codes are compared without case, spaces or dashes, as people copy them from paper. */
function normaliseRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, "").toLowerCase();
}

function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normaliseRecoveryCode(code)).digest("hex");
}

/** Ten characters of base32 (50 bits each), shown as two groups of five. */
function newRecoveryCode(): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  const chars = [...randomBytes(10)].map((byte) => alphabet[byte % alphabet.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export function createMfaService(deps: {
  db: Db;
  clock: Clock;
  config: Pick<Config, "mfa" | "loginLimits">;
  auth: AuthService;
  rateLimits: RateLimits;
  notifications: NotificationsService;
  secretBox: SecretBox;
}) {
  const { db, clock, config, auth, rateLimits, notifications, secretBox } = deps;
  const windowMs = config.loginLimits.windowMs;

  /**
   * Wrong codes count per account, before the code is checked (so parallel guesses cannot all slip
   * under the limit), and a right one takes its count back.
   */
  async function withAttemptLimit<T>(userId: string, attempt: () => Promise<T>): Promise<T> {
    const key = `second-factor:${userId}`;
    const counted = await rateLimits.hit(key, windowMs);
    if (counted.hits > SECOND_FACTOR_ATTEMPTS) {
      const seconds = Math.ceil(counted.ttlMs / 1000);
      throw new RateLimitedError(`Too many wrong codes for this account. Try again in ${Math.ceil(seconds / 60)} minutes.`, seconds);
    }
    const result = await attempt();
    await rateLimits.takeBack(key);
    return result;
  }

  async function refuse(userId: string, method: string, detail: string): Promise<never> {
    await db.transaction((tx) =>
      appendEvent(tx, { type: "auth.second_factor_failed", actorId: userId, subjectType: "user", subjectId: userId, data: { method } }, clock.now()),
    );
    throw new UnauthorizedError(detail);
  }

  /** The time step of a right, unused TOTP code; undefined for a wrong or replayed one. */
  async function checkTotp(userId: string, code: string): Promise<number | undefined> {
    const factor = await q.findTotpFactor(db, userId);
    // otplib throws on a token that is not six digits; that is just a wrong code.
    if (!factor || !TOTP_CODE.test(code)) return undefined;
    const result = await verify({
      secret: secretBox.open(factor.secretEncrypted),
      token: code,
      epoch: Math.floor(clock.now().getTime() / 1000),
      // One step either side: a phone's clock a little off, or a code typed as it changed.
      epochTolerance: 30,
      ...(factor.lastTimeStep === null ? {} : { afterTimeStep: factor.lastTimeStep }),
    });
    if (!result.valid || !("timeStep" in result)) return undefined;
    // Claimed atomically: of two requests with one code, only one gets through.
    return (await q.claimTimeStep(db, userId, result.timeStep, clock.now())) ? result.timeStep : undefined;
  }

  async function openStep(mfaToken: string): Promise<{ step: SignInStepRow; user: UserRow }> {
    const step = await findOpenStep(db, "second_factor", mfaToken, clock.now());
    const user = step?.userId ? await findUserById(db, step.userId) : undefined;
    if (!step || !user) throw new UnauthorizedError(STEP_ENDED);
    if (!user.active) throw new UnauthorizedError("This account is not active.");
    return { step, user };
  }

  /** Ends the step and starts the session in one transaction: a token used twice gets one session. */
  async function finishStep(tx: Tx, step: SignInStepRow, user: UserRow, context: RequestContext): Promise<IssuedSession> {
    if (!(await useStep(tx, step.tokenHash, clock.now()))) throw new UnauthorizedError(STEP_ENDED);
    return auth.startSession(tx, user, "second_factor", context);
  }

  return {
    openStep,
    finishStep,
    withAttemptLimit,
    refuse,

    async status(actor: Actor) {
      const [factor, keys, recoveryCodesLeft] = await Promise.all([q.findTotpFactor(db, actor.id), q.passkeysOf(db, actor.id), q.unusedRecoveryCodes(db, actor.id)]);
      return {
        required: config.mfa.requiredRoles.includes(actor.role),
        totp: factor?.confirmedAt != null,
        passkeys: keys.map((key) => ({ id: key.id, createdAt: key.createdAt.toISOString(), lastUsedAt: key.lastUsedAt?.toISOString() ?? null })),
        recoveryCodesLeft,
      };
    },

    /** A new secret, shown this once as text and as a QR code; it protects nothing until a first code confirms it. */
    async startTotp(actor: Actor) {
      const secret = generateSecret();
      const stored = await q.putUnconfirmedTotp(db, actor.id, secretBox.seal(secret), clock.now());
      if (!stored) throw new ConflictError("totp-already-set-up", "An authenticator app is already set up", "Ask an administrator to reset your second factor to set up another app.");
      const otpauthUri = generateURI({ issuer: "Green Tape", label: actor.email, secret });
      const svg = await QRCode.toString(otpauthUri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
      return { secret, otpauthUri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
    },

    /** The first code proves the app works; the recovery codes are made now and shown only in this answer. */
    async confirmTotp(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
      const factor = await q.findTotpFactor(db, actor.id);
      if (!factor) throw new ConflictError("totp-not-started", "Start setting up an authenticator app first");
      if (factor.confirmedAt) throw new ConflictError("totp-already-set-up", "An authenticator app is already set up");
      return withAttemptLimit(actor.id, async () => {
        if ((await checkTotp(actor.id, code.replace(/\s/g, ""))) === undefined) {
          throw ValidationError.field("code", "The code is not right. Enter the 6-digit code your app shows now");
        }
        const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
        await db.transaction(async (tx) => {
          await q.replaceRecoveryCodes(tx, actor.id, recoveryCodes.map(hashRecoveryCode), clock.now());
          await appendEvent(tx, { type: "mfa.totp_enrolled", actorId: actor.id, subjectType: "user", subjectId: actor.id, data: { recoveryCodes: RECOVERY_CODE_COUNT } }, clock.now());
        });
        return { recoveryCodes };
      });
    },

    /** The second step of a password sign-in: a code from the app, or one of the recovery codes. */
    async completeWithCode(mfaToken: string, code: string, context: RequestContext): Promise<IssuedSession> {
      const { step, user } = await openStep(mfaToken);
      const compact = code.replace(/\s/g, "");
      const isTotp = TOTP_CODE.test(compact);
      return withAttemptLimit(user.id, async () => {
        if (isTotp) {
          if ((await checkTotp(user.id, compact)) === undefined) return refuse(user.id, "totp", "The code is not right, or was already used. Wait for the next code and try again.");
          return db.transaction((tx) => finishStep(tx, step, user, context));
        }
        return db.transaction(async (tx) => {
          if (!(await q.useRecoveryCode(tx, user.id, hashRecoveryCode(compact), clock.now()))) return undefined;
          await appendEvent(tx, { type: "auth.recovery_code_used", actorId: user.id, subjectType: "user", subjectId: user.id, data: {} }, clock.now());
          return finishStep(tx, step, user, context);
        }).then((session) => session ?? refuse(user.id, "recovery_code", "That recovery code is not right, or was already used."));
      });
    },

    /** An administrator removes every second factor of a person (a lost phone); logged, and the person is told. */
    async reset(admin: Actor, userId: string): Promise<void> {
      const user = await findUserById(db, userId);
      if (!user) throw new NotFoundError("User");
      await db.transaction(async (tx) => {
        const had = await q.removeSecondFactors(tx, userId);
        await appendEvent(tx, { type: "mfa.reset", actorId: admin.id, subjectType: "user", subjectId: userId, data: { hadSecondFactor: had } }, clock.now());
        await notifications.secondFactorReset(tx, userId, admin);
      });
    },
  };
}

export type MfaService = ReturnType<typeof createMfaService>;
