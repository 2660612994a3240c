/**
 * Credentials never reach events in clear: censored inputs replace them structurally
 * (resolve-inputs.ts); log lines and error messages are scrubbed of their values here.
 */
export const REDACTED = "[redacted]";

/** Shorter values would scrub ordinary words; a credential field that short is not a secret. */
const MIN_SECRET_LENGTH = 4;

function collectStrings(value: unknown, out: Set<string>): void {
  if (typeof value === "string") {
    if (value.length >= MIN_SECRET_LENGTH) out.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, out);
  } else if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) collectStrings(item, out);
  }
}

const unchanged = (text: string) => text;

/** A function that removes every secret value from a text; identity when there are none. */
export function secretScrubber(
  configVars: Record<string, unknown>,
  credentialKeys: ReadonlySet<string>,
): (text: string) => string {
  const secrets = new Set<string>();
  for (const key of credentialKeys) collectStrings(configVars[key], secrets);
  if (secrets.size === 0) return unchanged;
  // Longest first, so a secret that contains another is removed whole.
  const ordered = [...secrets].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
}
