/** The Slack bot token connection (its value, or an OAuth 2.0 one, is read by read-connection.ts). */
import { connection } from "@junction/sdk";

export const botToken = connection({
  key: "botToken",
  label: "Slack bot token",
  description: "A Slack app's bot token (xoxb-…), from OAuth & Permissions in the app's settings.",
  fields: {
    token: { label: "Bot token", type: "password", required: true, description: "xoxb-…" },
    apiBaseUrl: {
      label: "API base URL",
      type: "string",
      default: "https://slack.com/api",
      description: "only for Slack-compatible servers and tests",
    },
  },
});
