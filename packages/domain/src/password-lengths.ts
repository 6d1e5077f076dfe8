/**
 * How long a password may be. Apart from the rest of the policy (password-policy.ts) and its list
 * of common passwords, which the request schemas do not need: they are read on a phone's first
 * load, and the list is 8 kB of it, gzipped (issue 18).
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
