import { describe, expect, test } from "vitest";
import type { ConfigVar } from "@/runtime/definition/schema";
import { problemsOf, valuesToSend } from "./config-state";
import { rememberConnection } from "./connection-manifests";

const v: ConfigVar = {
  key: "slack",
  label: "Slack",
  type: "credential",
  credentialType: "connection",
  connection: { component: "slackTest", key: "botToken" },
  required: true,
};

describe("the wizard's connection values", () => {
  test("before the manifest arrives only the shape is checked; then each field, as the server checks them", () => {
    expect(problemsOf([v], { slack: { team: "x" } }, new Set())).toEqual({});
    rememberConnection("slackTest", {
      key: "botToken",
      label: "Slack bot token",
      fields: [
        { key: "token", label: "Bot token", type: "password", required: true },
        { key: "retries", label: "Retries", type: "number" },
      ],
    });
    expect(problemsOf([v], { slack: { team: "x", retries: "many" } }, new Set())).toEqual({
      slack: 'team: Slack bot token has no field "team"; token: Bot token is required; retries: Retries must be a number',
    });
    expect(problemsOf([v], { slack: { token: "xoxb-1", retries: "3" } }, new Set())).toEqual({});
  });

  test("blank fields are not sent; a kept connection is neither checked nor sent", () => {
    expect(valuesToSend([v], { slack: { token: "xoxb-1", retries: "" } }, new Set())).toEqual({ slack: { token: "xoxb-1" } });
    expect(problemsOf([v], {}, new Set(["slack"]))).toEqual({});
    expect(valuesToSend([v], { slack: { token: "xoxb-2" } }, new Set(["slack"]))).toEqual({});
    expect(problemsOf([v], {}, new Set())).toEqual({ slack: "Slack is required" });
  });
});
