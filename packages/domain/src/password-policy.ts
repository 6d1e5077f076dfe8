/**
 * Passwords in the manner of NIST SP 800-63B: long enough, not on a list of passwords attackers try
 * first, not a pattern or a word guessable from the account or the service, and nothing else: no
 * composition rules (a passphrase of plain words is welcome), no expiry.
 */
import { COMMON_PASSWORDS } from "./common-passwords.ts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-lengths.ts";

/** Words anyone could guess for this service; refused anywhere in a password. */
const SERVICE_WORDS = ["greentape"];

/** Keyboard and alphabet runs: a password that is a stretch of one of these is refused. */
const RUNS = [
  "abcdefghijklmnopqrstuvwxyz",
  "0123456789",
  "qwertyuiopasdfghjklzxcvbnm",
  "1234567890qwertyuiopasdfghjklzxcvbnm",
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
  "qazwsxedcrfvtgbyhnujmikolp",
  "1q2w3e4r5t6y7u8i9o0p",
  "q1w2e3r4t5y6u7i8o9p0",
];

const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "!": "i" };

export interface PasswordOwner {
  email: string;
  name: string;
}

const lettersAndDigits = (s: string) => s.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
/** What is left once digits, symbols and spaces are stripped from both ends: "Password1234!" -> "password". */
const core = (s: string) => s.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
const unLeet = (s: string) => s.replace(/[0134579@$!]/g, (c) => LEET[c] ?? c);

function isCommon(lower: string): boolean {
  const stripped = core(lower);
  const candidates = [lower, stripped, unLeet(stripped), stripped.replace(/[\s._-]+/g, "")];
  return candidates.some((c) => COMMON_PASSWORDS.has(c));
}

function isPattern(lower: string): boolean {
  if (/^(.+?)\1+$/su.test(lower)) return true;
  const reversed = [...lower].reverse().join("");
  return RUNS.some((run) => {
    const long = run.repeat(Math.ceil(lower.length / run.length) + 1);
    return long.includes(lower) || long.includes(reversed);
  });
}

function guessableWord(lower: string, owner: PasswordOwner): string | null {
  const haystack = lettersAndDigits(lower);
  const withoutDigits = haystack.replace(/\p{N}+/gu, "");
  const email = owner.email.toLowerCase();
  const emailWords = [email, email.split("@")[0] ?? ""].map(lettersAndDigits);
  const nameWords = [owner.name, ...owner.name.split(/\s+/)].map(lettersAndDigits).filter((w) => w.length >= 2);
  // A short word (a name like "Al") counts only when it is the whole password bar digits.
  const found = (words: string[]) => words.some((w) => (w.length >= 4 && haystack.includes(w)) || withoutDigits === w);
  if (found(emailWords)) return "Do not use your email address in your password";
  if (found(nameWords)) return "Do not use your name in your password";
  if (found(SERVICE_WORDS)) return "Do not use the name of this service in your password";
  return null;
}

/** Why a password is refused, in words for the person choosing it; null when it is acceptable. */
export function passwordProblem(password: string, owner: PasswordOwner): string | null {
  // Counted in characters, not bytes or UTF-16 units, so any script counts fairly.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return `Use at least ${PASSWORD_MIN_LENGTH} characters (this has ${length}). A few unrelated words make a long password that is easy to remember`;
  }
  if (length > PASSWORD_MAX_LENGTH) return `Use ${PASSWORD_MAX_LENGTH} characters or fewer`;
  const lower = password.normalize("NFKC").toLowerCase();
  if (isCommon(lower)) return "This password is too common: it is on the lists attackers try first. Choose another";
  if (isPattern(lower)) return "This password is a repeated or sequential pattern, which is easy to guess. Choose another";
  return guessableWord(lower, owner);
}
