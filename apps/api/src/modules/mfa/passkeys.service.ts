import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { Db } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { ValidationError } from "@greentape/domain/errors";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Actor } from "../../plugins/access.ts";
import type { IssuedSession, RequestContext } from "../auth/index.ts";
import { beginStep, findOpenStep, setStepData, useStep } from "../sign-in-steps/index.ts";
import * as q from "./mfa.queries.ts";
import type { MfaService } from "./mfa.service.ts";

const CHALLENGE_MS = 5 * 60_000;

/**
 * Passkeys (WebAuthn) as a second factor: registered by a signed-in person, then used after the
 * password instead of a code. The relying party is APP_URL: its host name is the RP ID, its origin
 * the only one accepted.
 */
export function createPasskeysService(deps: { db: Db; clock: Clock; config: Pick<Config, "appUrl">; mfa: MfaService }) {
  const { db, clock, mfa } = deps;
  const appUrl = new URL(deps.config.appUrl);
  const rpID = appUrl.hostname;
  const origin = appUrl.origin;

  return {
    async registrationOptions(actor: Actor) {
      const existing = await q.passkeysOf(db, actor.id);
      const options = await generateRegistrationOptions({
        rpName: "Green Tape",
        rpID,
        userName: actor.email,
        userDisplayName: actor.name,
        attestationType: "none",
        excludeCredentials: existing.map((key) => ({ id: key.id, transports: key.transports as AuthenticatorTransportFuture[] })),
        authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
      });
      const registrationToken = await beginStep(db, { purpose: "passkey_registration", userId: actor.id, data: { challenge: options.challenge }, now: clock.now(), lifetimeMs: CHALLENGE_MS });
      return { options, registrationToken };
    },

    async register(actor: Actor, registrationToken: string, response: RegistrationResponseJSON): Promise<{ id: string }> {
      const step = await findOpenStep(db, "passkey_registration", registrationToken, clock.now());
      if (!step || step.userId !== actor.id || !step.data.challenge) throw ValidationError.field("registrationToken", "Start registering the passkey again");
      let verified;
      try {
        verified = await verifyRegistrationResponse({ response, expectedChallenge: step.data.challenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: true });
      } catch {
        throw ValidationError.field("response", "The passkey could not be checked. Try again");
      }
      if (!verified.verified) throw ValidationError.field("response", "The passkey could not be checked. Try again");
      const { credential } = verified.registrationInfo;
      await db.transaction(async (tx) => {
        if (!(await useStep(tx, step.tokenHash, clock.now()))) throw ValidationError.field("registrationToken", "Start registering the passkey again");
        await q.insertPasskey(tx, { id: credential.id, userId: actor.id, publicKey: credential.publicKey, signCount: credential.counter, transports: credential.transports ?? [], createdAt: clock.now() });
        await appendEvent(tx, { type: "mfa.passkey_registered", actorId: actor.id, subjectType: "user", subjectId: actor.id, data: { credentialId: credential.id } }, clock.now());
      });
      return { id: credential.id };
    },

    /** The challenge for the second step of a sign-in, kept with the step; only this person's passkeys are offered. */
    async authenticationOptions(mfaToken: string) {
      const { step, user } = await mfa.openStep(mfaToken);
      const keys = await q.passkeysOf(db, user.id);
      if (keys.length === 0) throw ValidationError.field("mfaToken", "This account has no passkey. Enter a code instead");
      const options = await generateAuthenticationOptions({
        rpID,
        userVerification: "required",
        allowCredentials: keys.map((key) => ({ id: key.id, transports: key.transports as AuthenticatorTransportFuture[] })),
      });
      await setStepData(db, step.tokenHash, { ...step.data, challenge: options.challenge });
      return options;
    },

    async completeWithPasskey(mfaToken: string, response: AuthenticationResponseJSON, context: RequestContext): Promise<IssuedSession> {
      const { step, user } = await mfa.openStep(mfaToken);
      return mfa.withAttemptLimit(user.id, async () => {
        const key = await q.findPasskey(db, response.id);
        const challenge = step.data.challenge;
        if (!key || key.userId !== user.id || !challenge) return mfa.refuse(user.id, "passkey", "That passkey is not registered for this account.");
        let verified;
        try {
          verified = await verifyAuthenticationResponse({
            response,
            expectedChallenge: challenge,
            expectedOrigin: origin,
            expectedRPID: rpID,
            requireUserVerification: true,
            credential: { id: key.id, publicKey: new Uint8Array(key.publicKey), counter: key.signCount, transports: key.transports as AuthenticatorTransportFuture[] },
          });
        } catch {
          verified = undefined;
        }
        if (!verified?.verified) return mfa.refuse(user.id, "passkey", "The passkey could not be checked. Try again.");
        return db.transaction(async (tx) => {
          await q.touchPasskey(tx, key.id, verified.authenticationInfo.newCounter, clock.now());
          return mfa.finishStep(tx, step, user, context);
        });
      });
    },
  };
}

export type PasskeysService = ReturnType<typeof createPasskeysService>;

