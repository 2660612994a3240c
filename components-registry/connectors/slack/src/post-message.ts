/** chat.postMessage */
import { action, input } from "@junction/sdk";
import { connectionInput } from "./inputs";
import { slackCall } from "./slack-client";

export const postMessage = action({
  label: "Post message",
  description: "Posts a message to a channel (or a reply in a thread), as plain text and/or Block Kit blocks.",
  inputs: {
    connection: connectionInput,
    channel: input({ label: "Channel", type: "string", required: true, description: "a channel ID (C…) or name (#general)" }),
    text: input({ label: "Text", type: "text", description: "the message, or the notification fallback when blocks are given" }),
    blocks: input({ label: "Blocks", type: "data", description: "Block Kit blocks: a JSON array" }),
    threadTs: input({ label: "Thread ts", type: "string", description: "reply in the thread of the message with this ts" }),
  },
  perform: async (context, inputs) => {
    const blocks = inputs.blocks;
    if (blocks !== undefined && blocks !== null && blocks !== "" && !Array.isArray(blocks)) {
      throw new Error("blocks must be a JSON array of Block Kit blocks");
    }
    const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
    if (!inputs.text && !hasBlocks) throw new Error("text is required (or blocks)");
    const answer = await slackCall(context, inputs.connection, "chat.postMessage", {
      channel: inputs.channel,
      text: inputs.text,
      blocks: hasBlocks ? blocks : undefined,
      thread_ts: inputs.threadTs,
    });
    return { data: { channel: answer.channel, ts: answer.ts, message: answer.message } };
  },
});
