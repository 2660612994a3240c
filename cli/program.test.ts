import { describe, expect, it } from "vitest";
import { createProgram, joinTopicWords } from "./program";

const NAMES = ["login", "integrations:list", "integrations:import", "customers:users:create", "instances:list", "serve"];

describe("topic words", () => {
  it("joins `topic verb` into `topic:verb`, keeping the rest", () => {
    expect(joinTopicWords(["instances", "list", "--extended", "-o", "json"], NAMES)).toEqual([
      "instances:list",
      "--extended",
      "-o",
      "json",
    ]);
    expect(joinTopicWords(["integrations", "import", "--path", "a.yml"], NAMES)).toEqual(["integrations:import", "--path", "a.yml"]);
  });

  it("prefers the longest command (`customers users create`)", () => {
    expect(joinTopicWords(["customers", "users", "create", "--name", "N"], NAMES)).toEqual(["customers:users:create", "--name", "N"]);
  });

  it("skips options before the command and leaves anything unknown to commander", () => {
    expect(joinTopicWords(["--debug", "instances", "list"], NAMES)).toEqual(["--debug", "instances:list"]);
    expect(joinTopicWords(["integrations:list"], NAMES)).toEqual(["integrations:list"]);
    expect(joinTopicWords(["serve", "--dev"], NAMES)).toEqual(["serve", "--dev"]);
    expect(joinTopicWords(["instances", "nope"], NAMES)).toEqual(["instances", "nope"]);
    expect(joinTopicWords(["instances", "--help"], NAMES)).toEqual(["instances", "--help"]);
  });
});

describe("the program", () => {
  const program = createProgram();
  const names = program.commands.map((c) => c.name());

  it("has the commands of every topic, named topic:verb", () => {
    for (const name of [
      "login",
      "logout",
      "me",
      "tokens:create",
      "tokens:list",
      "tokens:revoke",
      "integrations:list",
      "integrations:import",
      "integrations:export",
      "integrations:validate",
      "integrations:publish",
      "integrations:versions",
      "integrations:test",
      "integrations:fork",
      "integrations:visibility",
      "integrations:delete",
      "customers:list",
      "customers:create",
      "customers:delete",
      "customers:users:create",
      "instances:list",
      "instances:create",
      "instances:update",
      "instances:enable",
      "instances:disable",
      "instances:delete",
      "instances:config",
      "executions:list",
      "executions:get",
      "executions:result",
      "executions:replay",
      "logs:tail",
      "components:init",
      "components:list",
      "components:install",
      "components:usage",
      "components:remove",
      "serve",
      "web",
      "worker",
      "migrate",
    ]) {
      expect(names).toContain(name);
    }
  });

  it("gives every list the same output flags", () => {
    for (const name of names.filter((n) => n.endsWith(":list") || n === "integrations:versions" || n === "instances:config")) {
      const flags = program.commands.find((c) => c.name() === name)!.options.map((o) => o.long);
      expect(flags, name).toEqual(expect.arrayContaining(["--output", "--columns", "--extended", "--filter", "--sort"]));
    }
  });

  it("describes every command for --help", () => {
    for (const command of program.commands) expect(command.description(), command.name()).not.toBe("");
  });
});
