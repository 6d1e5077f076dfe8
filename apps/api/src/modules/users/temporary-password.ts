import { randomInt } from "node:crypto";

// No 0/o or 1/i/l: it is read off a screen and typed, sometimes read out on the phone.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A one-time password like "k7pq-mx3d-9rtw-h2ne": 16 random characters, about 79 bits. */
export function generateTemporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return [group(), group(), group(), group()].join("-");
}
