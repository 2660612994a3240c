/** The publish actions: to an exchange with a routing key, or straight to a queue. */
import { action, input, type ActionContext, type AmqpConnection, type AmqpPublish } from "@junction/sdk";
import { CONNECTION_INPUT } from "./connection";

const connection = CONNECTION_INPUT;

/** text as it is, bytes as bytes, anything else as JSON; the content type follows unless given */
function encode(v: unknown): { content: string | Uint8Array; contentType: string } {
  if (typeof v === "string") return { content: v, contentType: "text/plain" };
  if (v instanceof Uint8Array) return { content: v, contentType: "application/octet-stream" };
  return { content: JSON.stringify(v), contentType: "application/json" };
}

const messageInputs = {
  message: input({
    label: "Message",
    type: "data",
    required: true,
    description: "text is sent as it is (text/plain), objects and lists as JSON (application/json), bytes (a file) as bytes",
    clean: (v) => v,
  }),
  contentType: input({ label: "Content type", type: "string", description: "overrides the one chosen from the message" }),
  headers: input({
    label: "Headers",
    type: "data",
    description: "an object of header name: text, number or true/false",
    clean: (v) => {
      if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("expected an object of name: value");
      return v as Record<string, string | number | boolean>;
    },
  }),
  persistent: input({
    label: "Persistent",
    type: "boolean",
    default: true,
    description: "kept on disk, surviving a broker restart (on a durable queue)",
  }),
  messageId: input({ label: "Message ID", type: "string", description: "empty: a new UUID" }),
  correlationId: input({ label: "Correlation ID", type: "string" }),
};

interface MessageValues {
  connection: AmqpConnection;
  message: unknown;
  contentType?: string;
  headers?: Record<string, string | number | boolean>;
  persistent: boolean;
  messageId?: string;
  correlationId?: string;
}

async function publish(context: ActionContext, i: MessageValues, exchange: string, routingKey: string) {
  const { content, contentType } = encode(i.message);
  const message: AmqpPublish = { exchange, routingKey, content, contentType: i.contentType || contentType, persistent: i.persistent };
  if (i.headers) message.headers = i.headers;
  if (i.messageId) message.messageId = i.messageId;
  if (i.correlationId) message.correlationId = i.correlationId;
  await context.amqp.publish(i.connection, message);
  return { data: { published: true, exchange, routingKey } };
}

export const publishToExchange = action({
  label: "Publish to Exchange",
  description:
    "Publishes a message to an exchange with a routing key, confirmed by the broker; answers { published, exchange, routingKey }",
  inputs: {
    connection,
    exchange: input({
      label: "Exchange",
      type: "string",
      required: true,
      description: "the exchange must exist (amq.topic, or one you declared)",
    }),
    routingKey: input({ label: "Routing key", type: "string", default: "", description: "how the exchange routes the message to queues" }),
    ...messageInputs,
  },
  perform: (context, i) => publish(context, i, i.exchange, i.routingKey),
});

export const publishToQueue = action({
  label: "Publish to Queue",
  description:
    "Sends a message straight to a queue (through the default exchange), confirmed by the broker; a queue that does not exist is an error. Answers { published, exchange, routingKey }",
  inputs: {
    connection,
    queue: input({ label: "Queue", type: "string", required: true }),
    ...messageInputs,
  },
  perform: (context, i) => publish(context, i, "", i.queue),
});
