/**
 * Slack's current upload flow (files.upload is retired): files.getUploadURLExternal gives a URL,
 * the bytes go there, files.completeUploadExternal shares the file in the channel.
 */
import { action, input } from "@junction/sdk";
import { connectionInput } from "./inputs";
import { slackCall, SlackError } from "./slack-client";

export const uploadFile = action({
  label: "Upload file",
  description: "Uploads a file and shares it in a channel (optionally in a thread, with a comment).",
  inputs: {
    connection: connectionInput,
    channel: input({ label: "Channel ID", type: "string", required: true, description: "the channel's ID (C…)" }),
    filename: input({ label: "File name", type: "string", required: true, description: 'e.g. "report.csv"' }),
    content: input({ label: "Content", type: "file", required: true, description: "text or bytes (a file from an earlier step)" }),
    title: input({ label: "Title", type: "string" }),
    initialComment: input({ label: "Comment", type: "text", description: "a message posted with the file" }),
    threadTs: input({ label: "Thread ts", type: "string", description: "share it in the thread of the message with this ts" }),
  },
  perform: async (context, inputs) => {
    if (!inputs.filename.trim()) throw new Error("filename is required");
    if (inputs.content.byteLength === 0) throw new Error("content is empty: Slack does not take empty files");
    const target = await slackCall(
      context,
      inputs.connection,
      "files.getUploadURLExternal",
      { filename: inputs.filename, length: inputs.content.byteLength },
      "form",
    );
    const uploadUrl = String(target.upload_url ?? "");
    const fileId = String(target.file_id ?? "");
    if (!uploadUrl || !fileId) throw new SlackError("Slack files.getUploadURLExternal gave no upload_url or file_id", "invalid_response");
    const uploaded = await context.fetch(uploadUrl, {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: inputs.content,
    });
    if (!uploaded.ok) {
      throw new SlackError(`Slack refused the file's bytes: HTTP ${uploaded.status} ${uploaded.statusText}`, `upload_${uploaded.status}`);
    }
    const done = await slackCall(
      context,
      inputs.connection,
      "files.completeUploadExternal",
      {
        files: JSON.stringify([{ id: fileId, title: inputs.title || inputs.filename }]),
        channel_id: inputs.channel,
        initial_comment: inputs.initialComment,
        thread_ts: inputs.threadTs,
      },
      "form",
    );
    const files = (done.files as { id: string; title?: string; name?: string; permalink?: string }[] | undefined) ?? [];
    return { data: { fileId, files: files.map((f) => ({ id: f.id, title: f.title, name: f.name, permalink: f.permalink })) } };
  },
});
