import { input } from "@junction/sdk";
import { botToken } from "./connection";

export const connectionInput = input({
  label: "Connection",
  type: "credential",
  connection: botToken,
  required: true,
  description: "a bot token connection, or an OAuth 2.0 connection to Slack (its access token is used)",
});
