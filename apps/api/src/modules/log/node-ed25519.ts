import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import type { Ed25519Sign, Ed25519Verify, SignerKey } from "@greentape/log/note";

/**
 * OpenSSL's Ed25519 for the server: the pure-JavaScript one the browser uses takes milliseconds a
 * signature, which a sequencer sealing many batches a second, or a verifier reading every stored
 * checkpoint, should not spend. Both make and check the same signatures.
 */
const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const publicKeys = new Map<string, KeyObject>();
const privateKeys = new WeakMap<SignerKey, KeyObject>();

export const nodeVerify: Ed25519Verify = (signature, message, publicKey) => {
  const id = b64url(publicKey);
  let key = publicKeys.get(id);
  if (!key) {
    key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: id }, format: "jwk" });
    publicKeys.set(id, key);
  }
  try {
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
};

export const nodeSign: Ed25519Sign = (message, signer) => {
  let key = privateKeys.get(signer);
  if (!key) {
    key = createPrivateKey({ key: { kty: "OKP", crv: "Ed25519", d: b64url(signer.seed), x: b64url(signer.publicKey) }, format: "jwk" });
    privateKeys.set(signer, key);
  }
  return new Uint8Array(sign(null, message, key));
};
