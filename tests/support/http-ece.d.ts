declare module "http_ece" {
  import type { ECDH } from "node:crypto";
  /** RFC 8188 content decryption; for Web Push (RFC 8291), `aes128gcm` with the receiver's key and auth secret. */
  export function decrypt(buffer: Buffer, params: { version: "aes128gcm"; privateKey: ECDH; authSecret: string | Buffer }): Buffer;
}
