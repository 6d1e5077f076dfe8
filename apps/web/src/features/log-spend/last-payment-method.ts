// The payment method a worker used last is where the next spend starts: most pay the same way each
// time. Kept per user on the phone; only a convenience, so storage that is full or blocked is ignored.

const key = (userId: string) => `green-tape:log-spend:last-method:${userId}`;

export function lastPaymentMethod(userId: string): string {
  try {
    return localStorage.getItem(key(userId)) ?? "";
  } catch {
    return "";
  }
}

export function rememberPaymentMethod(userId: string, method: string): void {
  try {
    localStorage.setItem(key(userId), method);
  } catch {
    // Only a convenience.
  }
}
