/** Slack through the Web API (see README.md). */
import { component } from "@junction/sdk";
import { botToken } from "./connection";
import { listChannels } from "./list-channels";
import { postMessage } from "./post-message";
import { uploadFile } from "./upload-file";

export default component({
  key: "slack",
  label: "Slack",
  description: "Post messages, upload files and list channels in a Slack workspace (bot token or OAuth 2.0).",
  category: "Communication",
  connections: [botToken],
  actions: { postMessage, listChannels, uploadFile },
});
