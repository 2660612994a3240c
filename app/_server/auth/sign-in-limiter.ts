/**
 * Failed sign-ins counted per account (the email) and per client address: past the limit within
 * the window, sign-in answers 429 until the window has passed — whatever address the guesses come
 * from, and however many accounts one address tries. A successful sign-in clears its account.
 * Counts live in this process (a web process each; N of them allow N times as many guesses).
 */
export interface SignInLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perAccount: 10, perAddress: 50, windowMs: 15 * 60_000 };

/** keys kept at most; the oldest go first (a flood of made-up emails cannot grow memory) */
const MAX_KEYS = 100_000;

export function createSignInLimiter(limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS) {
  const failures = new Map<string, { count: number; since: number }>();
  const live = (key: string, now: number) => {
    const f = failures.get(key);
    if (f && now - f.since >= limits.windowMs) failures.delete(key);
    return failures.get(key);
  };
  const keys = (email: string, address: string) => [
    { key: `account:${email.trim().toLowerCase()}`, max: limits.perAccount },
    { key: `address:${address}`, max: limits.perAddress },
  ];
  return {
    /** seconds until sign-in may be tried again, or null when it may be tried now */
    retryAfter(email: string, address: string, now = Date.now()): number | null {
      let wait = 0;
      for (const { key, max } of keys(email, address)) {
        const f = live(key, now);
        if (f && f.count >= max) wait = Math.max(wait, Math.ceil((f.since + limits.windowMs - now) / 1000));
      }
      return wait > 0 ? wait : null;
    },
    failed(email: string, address: string, now = Date.now()): void {
      for (const { key } of keys(email, address)) {
        const f = live(key, now);
        if (f) f.count++;
        else {
          if (failures.size >= MAX_KEYS) failures.delete(failures.keys().next().value!);
          failures.set(key, { count: 1, since: now });
        }
      }
    },
    succeeded(email: string): void {
      failures.delete(`account:${email.trim().toLowerCase()}`);
    },
  };
}

export type SignInLimiter = ReturnType<typeof createSignInLimiter>;
