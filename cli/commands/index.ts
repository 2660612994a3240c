/**
 * Every topic of the CLI, in the order `junction --help` lists them. A new topic is one file
 * beside these and one line here.
 */
import { auditTopic } from "./audit";
import { authTopic } from "./auth";
import { componentsTopic } from "./components";
import { customersTopic } from "./customers";
import { embeddingTopic } from "./embedding";
import { executionsTopic } from "./executions";
import { instancesTopic } from "./instances";
import { integrationsTopic } from "./integrations";
import { logsTopic } from "./logs";
import { serverTopic } from "./server";
import { tokensTopic } from "./tokens";
import { usersTopic } from "./users";
import type { Topic } from "./topic";

export const TOPICS: Topic[] = [
  authTopic,
  tokensTopic,
  usersTopic,
  auditTopic,
  integrationsTopic,
  customersTopic,
  instancesTopic,
  executionsTopic,
  logsTopic,
  componentsTopic,
  embeddingTopic,
  serverTopic,
];
