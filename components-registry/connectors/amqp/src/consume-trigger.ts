/**
 * "Queue messages" polling trigger: each poll takes up to `maxMessages` messages from a queue
 * (basic.get, unacknowledged) and the flow runs once per message; the runtime acknowledges them
 * only after their executions are committed, on the same channel (poll and acknowledge run in one
 * sandbox execution). A poll that fails, or a worker that dies before the commit, leaves them
 * unacknowledged: they go back to the queue when the channel closes and come again (at least once).
 *
 * The queue is the cursor: nothing is kept between polls. Made from the connector's connection
 * input (or its connection definition, whose value is then passed to the host as it is):
 * `triggers: { queueMessages: queueMessagesTrigger(CONNECTION_INPUT) }`.
 */
import { input, pollingTrigger, type AmqpConnection, type AmqpMessage, type ConnectionDefinition, type InputSpec } from "@junction/sdk";

export interface QueueItem {
  deliveryTag: number;
  /** parsed when the content type is JSON (and it parses), else the text (UTF-8) */
  content: unknown;
  contentType?: string;
  /** set when a JSON content type held something that is not JSON: content is then the text */
  contentError?: string;
  headers: Record<string, unknown>;
  exchange: string;
  routingKey: string;
  redelivered: boolean;
  messageId?: string;
  correlationId?: string;
  timestamp?: string;
}

const isJson = (contentType: string | undefined) => !!contentType && /^application\/([\w.+-]+\+)?json\b/i.test(contentType);

export function decodeMessage(m: AmqpMessage): QueueItem {
  const text = new TextDecoder().decode(m.content);
  let content: unknown = text;
  let contentError: string | undefined;
  if (isJson(m.contentType)) {
    try {
      content = JSON.parse(text);
    } catch (err) {
      contentError = `not JSON: ${(err as Error).message}`;
    }
  }
  const item: QueueItem = {
    deliveryTag: m.deliveryTag,
    content,
    contentType: m.contentType,
    contentError,
    headers: m.headers ?? {},
    exchange: m.exchange,
    routingKey: m.routingKey,
    redelivered: m.redelivered,
    messageId: m.messageId,
    correlationId: m.correlationId,
    timestamp: m.timestamp,
  };
  for (const k of Object.keys(item) as (keyof QueueItem)[]) if (item[k] === undefined) delete item[k];
  return item;
}

export function queueMessagesTrigger(connection: ConnectionDefinition | InputSpec) {
  const connectionInput =
    "kind" in connection && connection.kind === "junction.connection"
      ? input({ label: "Connection", type: "credential", connection, required: true })
      : (connection as InputSpec);
  return pollingTrigger({
    label: "Queue messages",
    description: "Runs the flow once per message taken from a queue; messages are acknowledged after their runs are recorded.",
    inputs: {
      connection: connectionInput,
      queue: input({ label: "Queue", type: "string", required: true }),
      maxMessages: input({
        label: "Max messages per poll",
        type: "number",
        default: 10,
        description: "1 to 100; the rest wait for the next poll",
      }),
    },
    poll: async (context, inputs) => {
      const max = Math.floor(inputs.maxMessages ?? 10);
      if (!(max >= 1 && max <= 100)) throw new Error(`maxMessages must be a whole number from 1 to 100, got ${inputs.maxMessages}`);
      const messages = await context.amqp.get(inputs.connection as unknown as AmqpConnection, { queue: inputs.queue, max });
      return { items: messages.map(decodeMessage), cursor: undefined };
    },
    acknowledge: async (context, inputs, items) => {
      const tags = (items as QueueItem[]).map((i) => i.deliveryTag);
      if (tags.length) await context.amqp.ack(inputs.connection as unknown as AmqpConnection, tags);
    },
  });
}
