/**
 * A topic (`integrations`, `instances`, …) is one file under `cli/commands/` that adds its
 * `topic:verb` commands to the program. Adding a topic is that file plus one line in `index.ts`.
 */
import type { Command } from "commander";

export interface Topic {
  name: string;
  summary: string;
  register(program: Command): void;
}
