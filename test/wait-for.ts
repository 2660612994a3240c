/** Polls `check` until it returns a truthy value or the deadline passes (tests wait on state, never sleep). */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  { timeoutMs = 10_000, everyMs = 20, what = "condition" } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
