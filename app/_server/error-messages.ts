/**
 * What the API tells a person when their input is refused: what to do, in words ("Enter a
 * name."), never the field's internal path ("name: Too small: expected string to have >=1
 * characters"). The path still goes along as data, for a form to put the message by its field.
 */
import type { ZodError } from "zod";

type Issue = ZodError["issues"][number];

const ACRONYMS = new Set(["id", "ids", "url", "urls", "uri", "api", "json", "yaml", "http", "https", "jwt", "sql", "smtp", "sftp"]);

/** `externalId` → `external ID`, `redirect_url` → `redirect URL`. */
export function fieldLabel(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .split(/\s+/)
    .map((word) => (ACRONYMS.has(word.toLowerCase()) ? word.toUpperCase().replace(/S$/, "s") : word.toLowerCase()))
    .join(" ");
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const sentence = (s: string) => capitalize(s.trim()).replace(/([^.!?…])$/, "$1.");
const withArticle = (label: string) => `${/^([aeio]|ID\b|URL\b|SQL\b|SMTP\b|SFTP\b|HTTP\b)/i.test(label) ? "an" : "a"} ${label}`;

/** zod's own English messages; anything else was written for people in a schema and is kept. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized key)/;

function labelOf(issue: Issue): string {
  const key = [...issue.path].reverse().find((p): p is string => typeof p === "string");
  return key ? fieldLabel(key) : "a value";
}

const TYPE_WORDS: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  boolean: "yes or no",
  string: "text",
  array: "a list",
  object: "a set of fields",
  date: "a date",
};

/** One issue as an instruction: "Enter a name.", "External ID must be at most 200 characters long." */
export function describeIssue(issue: Issue): string {
  if (!ZOD_DEFAULT.test(issue.message)) {
    // a schema's own message: "a name is required" still reads as an instruction
    const required = /^(an? .+?) is required$/i.exec(issue.message.trim());
    if (required) return sentence(`enter ${required[1]!.toLowerCase()}`);
    // a sentence of its own stays as written; a fragment ("the data is not PNG image data") says which field
    const label = labelOf(issue);
    return /^[A-Z]/.test(issue.message) || label === "a value"
      ? sentence(issue.message)
      : sentence(`${capitalize(label)}: ${issue.message}`);
  }
  const label = labelOf(issue);
  const Label = capitalize(label);
  switch (issue.code) {
    case "invalid_type":
      if (/received (undefined|null)$/.test(issue.message)) return `Enter ${withArticle(label)}.`;
      return `${Label} must be ${TYPE_WORDS[issue.expected] ?? issue.expected}.`;
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? `Enter ${withArticle(label)}.` : `${Label} must be at least ${min} characters long.`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at least ${min} for ${label}.`;
      return `${Label} must be at least ${min}.`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return `${Label} must be at most ${max} characters long.`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at most ${max} for ${label}.`;
      return `${Label} must be at most ${max}.`;
    }
    case "invalid_format":
      if (issue.format === "email") return `Enter a valid email address for ${label}.`.replace(" for email.", ".");
      if (issue.format === "url") return `Enter ${label} as a full address, such as https://example.com.`;
      if (issue.format === "uuid" || issue.format === "guid") return `${Label} does not name anything here: choose it again from the list.`;
      return `Enter a valid ${label}.`;
    case "invalid_value":
      return `Choose ${withArticle(label)}: one of ${issue.values.map((v) => String(v)).join(", ")}.`;
    case "unrecognized_keys":
      return `Leave out ${issue.keys.map(fieldLabel).join(", ")}: not something this accepts.`;
    default:
      return `Check ${label}: it is not valid.`;
  }
}

/** Every issue of a refused input, once each, as sentences. */
export function describeInputError(error: ZodError): string {
  return [...new Set(error.issues.map(describeIssue))].join(" ");
}

const FIELD_PREFIX = /^([a-z][A-Za-z0-9]*): ([\s\S]+)$/;
// what a message starts with when the part after the prefix is a sentence of its own
const SENTENCE_START = /^((a|an|the|no|only|give|this|these|it)\b|["“'])/i;

/**
 * A service's refusal written as `field: what is wrong` ("externalId: a customer with external id
 * "x" already exists"): the message without the field's name, and the field, for a form.
 */
export function splitFieldPrefix(message: string): { message: string; field?: string } {
  const match = FIELD_PREFIX.exec(message);
  if (!match) return { message };
  const [, field, rest] = match as unknown as [string, string, string];
  return { field, message: SENTENCE_START.test(rest) ? capitalize(rest) : `${capitalize(fieldLabel(field))}: ${rest}` };
}

const ROLE_WORDS: Record<string, string> = {
  admin: "administrators",
  builder: "builders",
  support: "support users",
  customer: "customer users",
  customer_viewer: "read-only customer users",
};

/** "This is not available to your account: only administrators and builders can do it." */
export function notAllowedMessage(roles: readonly string[]): string {
  const words = roles.map((r) => ROLE_WORDS[r] ?? r);
  const list = words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words.at(-1)}` : words[0];
  return `This is not available to your account: only ${list} can do it.`;
}
