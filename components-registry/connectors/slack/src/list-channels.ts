/** conversations.list, one page at a time (cursor paging). */
import { action, input } from "@junction/sdk";
import { connectionInput } from "./inputs";
import { slackCall } from "./slack-client";

const TYPES = ["public_channel", "private_channel", "mpim", "im"];

interface SlackChannel {
  id: string;
  name?: string;
  is_private?: boolean;
  is_archived?: boolean;
  is_member?: boolean;
  num_members?: number;
  topic?: { value?: string };
  purpose?: { value?: string };
}

export const listChannels = action({
  label: "List channels",
  description: "Lists channels the token can see, one page at a time (pass nextCursor back as cursor for the next page).",
  inputs: {
    connection: connectionInput,
    types: input({
      label: "Types",
      type: "string",
      default: "public_channel",
      description: "comma-separated: public_channel, private_channel, mpim, im",
    }),
    limit: input({ label: "Page size", type: "number", default: 100, description: "1 to 1000" }),
    cursor: input({ label: "Cursor", type: "string", description: "nextCursor of the previous page" }),
    excludeArchived: input({ label: "Leave out archived channels", type: "boolean", default: true }),
  },
  perform: async (context, inputs) => {
    const types = inputs.types
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
    const unknown = types.filter((t) => !TYPES.includes(t));
    if (types.length === 0 || unknown.length > 0) {
      throw new Error(`types must be a comma-separated list of ${TYPES.join(", ")}; got "${inputs.types}"`);
    }
    if (!Number.isInteger(inputs.limit) || inputs.limit < 1 || inputs.limit > 1000) {
      throw new Error(`limit must be a whole number from 1 to 1000, got ${inputs.limit}`);
    }
    const answer = await slackCall(
      context,
      inputs.connection,
      "conversations.list",
      {
        types: types.join(","),
        limit: inputs.limit,
        cursor: inputs.cursor,
        exclude_archived: inputs.excludeArchived,
      },
      "form",
    );
    const channels = ((answer.channels as SlackChannel[] | undefined) ?? []).map((c) => ({
      id: c.id,
      name: c.name,
      isPrivate: c.is_private === true,
      isArchived: c.is_archived === true,
      isMember: c.is_member === true,
      numMembers: c.num_members,
      topic: c.topic?.value || undefined,
      purpose: c.purpose?.value || undefined,
    }));
    const next = (answer.response_metadata as { next_cursor?: string } | undefined)?.next_cursor;
    return { data: { channels, nextCursor: next || undefined } };
  },
});
