/** The URL Junction is reached at, for webhook URLs and links: JUNCTION_URL or localhost:PORT. */
export function publicUrl(): string {
  return (process.env.JUNCTION_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

export const webhookUrl = (token: string) => `${publicUrl()}/webhooks/${token}`;

/** pages a person opens from an alert (app/(shell)/monitoring/executions/[id], app/(shell)/instances/[id]) */
export const executionPageUrl = (id: string) => `${publicUrl()}/monitoring/executions/${id}`;
export const instancePageUrl = (id: string) => `${publicUrl()}/instances/${id}`;
