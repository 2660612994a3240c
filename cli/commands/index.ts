/**
 * Every topic of the CLI, in the order `junction --help` lists them. A new topic (executions,
 * logs, …) is one file beside these and one line here.
 */
import { authTopic } from "./auth";
import { componentsTopic } from "./components";
import { customersTopic } from "./customers";
import { instancesTopic } from "./instances";
import { integrationsTopic } from "./integrations";
import { serverTopic } from "./server";
import { tokensTopic } from "./tokens";
import type { Topic } from "./topic";

export const TOPICS: Topic[] = [authTopic, tokensTopic, integrationsTopic, customersTopic, instancesTopic, componentsTopic, serverTopic];
