/** Short descriptions of runtime values for error messages: `a string ("abc")`, `an object`. */
const PREVIEW = 40;

function preview(text: string): string {
  return text.length > PREVIEW ? `${text.slice(0, PREVIEW)}…` : text;
}

export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing (undefined)";
  if (typeof value === "string") return `a string (${preview(JSON.stringify(value))})`;
  if (typeof value === "number" || typeof value === "boolean") return `a ${typeof value} (${String(value)})`;
  if (Array.isArray(value)) return `a list (${value.length} items)`;
  if (ArrayBuffer.isView(value)) return `binary data (${value.byteLength} bytes)`;
  if (typeof value === "object") return `an object (${preview(Object.keys(value).join(", ") || "no keys")})`;
  return `a ${typeof value}`;
}
