/**
 * Webhook payload templates: JSON text with {{execution.id}}-style placeholders. Values go in
 * JSON-escaped (the template puts them inside quotes), so a message with quotes or newlines
 * cannot break the payload.
 */
export function renderTemplate(template: string, context: object): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, path: string) => {
    let value: unknown = context;
    for (const part of path.split(".")) value = value && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
    if (value === undefined || value === null) return "";
    const text = typeof value === "object" ? JSON.stringify(value) : String(value);
    return JSON.stringify(text).slice(1, -1);
  });
}

/** The payload a webhook destination sends: its template rendered, or the whole context. */
export function webhookPayload(template: string | undefined, context: object): string {
  if (!template?.trim()) return JSON.stringify(context);
  const body = renderTemplate(template, context);
  JSON.parse(body); // throws: a template that does not render to JSON is a delivery failure
  return body;
}
