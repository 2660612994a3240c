/**
 * AMQP 0-9-1 (RabbitMQ): publish to an exchange or straight to a queue, and a trigger that runs a
 * flow per message taken from a queue (consume-trigger.ts). Everything goes through
 * the host's `context.amqp` (one connection and confirm channel per execution and broker, closed
 * with the execution, under the network policy).
 */
import { component } from "@junction/sdk";
import { amqpBroker, CONNECTION_INPUT } from "./connection";
import { queueMessagesTrigger } from "./consume-trigger";
import { publishToExchange, publishToQueue } from "./publish";

export default component({
  key: "amqp",
  label: "AMQP (RabbitMQ)",
  description: "Publish messages to RabbitMQ (or another AMQP 0-9-1 broker) exchanges and queues, and run flows on a queue's messages",
  category: "Messaging",
  connections: [amqpBroker],
  actions: { publishToExchange, publishToQueue },
  triggers: { queueMessages: queueMessagesTrigger(CONNECTION_INPUT) },
});
