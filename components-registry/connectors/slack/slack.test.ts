/** The Slack connector installed from this folder and run in the real sandbox against the local Web API server. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { preparePackage } from "../../packages/prepare-package";
import { createMemoryBundleLoader } from "../../sandbox/memory-loader";
import { createSandboxRunner, type SandboxRunner } from "../../sandbox/sandbox-runner";
import { invocation } from "../../test-support/invocation";
import { startSlackApiServer, type SlackApiServer } from "./test-support/slack-api-server";

const OAUTH_TOKEN = "xoxb-oauth-installed-token";
let slack: SlackApiServer;
let runner: SandboxRunner;
let loader: ReturnType<typeof createMemoryBundleLoader>;

beforeAll(async () => {
  slack = await startSlackApiServer({ extraTokens: [OAUTH_TOKEN] });
  loader = createMemoryBundleLoader([await preparePackage({ path: __dirname })]);
  runner = createSandboxRunner({ loadBundle: loader, network: { allowedHosts: ["127.0.0.1"] } });
}, 60_000);
afterAll(async () => {
  await runner?.close();
  await slack?.stop();
});

const connection = () => ({ token: slack.token, apiBaseUrl: slack.url });
const run = async (action: string, inputs: Record<string, unknown>) =>
  (await runner.run(invocation("slack", action, { connection: connection(), ...inputs }))).data as Record<string, unknown>;

describe("Slack connector", () => {
  test("the manifest lists the actions and the botToken connection", async () => {
    const { manifest } = await loader("slack");
    expect(Object.keys(manifest.actions)).toEqual(["postMessage", "listChannels", "uploadFile"]);
    expect(manifest.connections?.botToken.fields).toEqual([
      { key: "token", label: "Bot token", type: "password", required: true, description: "xoxb-…" },
      expect.objectContaining({ key: "apiBaseUrl", type: "string", default: "https://slack.com/api" }),
    ]);
  });

  test("postMessage sends text, blocks and a thread ts with the bearer token, and returns channel and ts", async () => {
    const posted = await run("postMessage", { channel: "#orders", text: "New order 42" });
    expect(posted).toMatchObject({ channel: "C0G9QKQ2S", ts: expect.stringMatching(/^\d+\.\d{6}$/) });
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*Order 42* shipped" } }];
    const reply = await run("postMessage", { channel: "C0G9QKQ2S", text: "fallback", blocks: JSON.stringify(blocks), threadTs: posted.ts });
    expect(reply.message).toMatchObject({ blocks, thread_ts: posted.ts });
    expect(slack.messages.slice(-2)).toEqual([
      { channel: "C0G9QKQ2S", ts: posted.ts, text: "New order 42" },
      { channel: "C0G9QKQ2S", ts: reply.ts, text: "fallback", blocks, thread_ts: posted.ts },
    ]);
    const request = slack.requests.filter((r) => r.method === "chat.postMessage").at(-1)!;
    expect(request.authorization).toBe(`Bearer ${slack.token}`);
    expect(request.contentType).toBe("application/json; charset=utf-8");
  });

  test("an OAuth 2.0 connection's accessToken works as the token", async () => {
    const inv = invocation("slack", "postMessage", {
      connection: { accessToken: OAUTH_TOKEN, tokenType: "Bearer", expiresAt: null, scope: "chat:write", apiBaseUrl: slack.url },
      channel: "general",
      text: "via OAuth",
    });
    expect((await runner.run(inv)).data).toMatchObject({ channel: "C012AB3CD" });
    expect(slack.requests.at(-1)!.authorization).toBe(`Bearer ${OAUTH_TOKEN}`);
  });

  test("listChannels pages with the cursor and filters types and archived channels", async () => {
    const first = await run("listChannels", { limit: 2 });
    expect((first.channels as { name: string }[]).map((c) => c.name)).toEqual(["general", "random"]);
    expect(first.channels).toContainEqual(
      expect.objectContaining({ id: "C012AB3CD", isPrivate: false, isArchived: false, isMember: true, numMembers: 4 }),
    );
    const listRequest = slack.requests.filter((r) => r.method === "conversations.list").at(-1)!;
    expect(listRequest).toMatchObject({
      contentType: "application/x-www-form-urlencoded",
      params: { limit: "2", types: "public_channel" },
    });
    const second = await run("listChannels", { limit: 2, cursor: first.nextCursor });
    expect((second.channels as { name: string }[]).map((c) => c.name)).toEqual(["orders"]);
    expect(second.nextCursor).toBeUndefined();
    const all = await run("listChannels", { types: "public_channel, private_channel", excludeArchived: false });
    expect((all.channels as { name: string }[]).map((c) => c.name)).toEqual(["general", "random", "orders", "finance", "old-news"]);
    await expect(run("listChannels", { types: "public_channel,voice" })).rejects.toThrow(/types must be a comma-separated list/);
  });

  test("uploadFile goes through getUploadURLExternal, the upload URL and completeUploadExternal", async () => {
    const content = new Uint8Array([0x49, 0x44, 0x2c, 0x0a, 0, 255]);
    const result = await run("uploadFile", {
      channel: "C0G9QKQ2S",
      filename: "orders.csv",
      content,
      title: "Today's orders",
      initialComment: "Here they are",
    });
    expect(result.fileId).toMatch(/^F[0-9A-F]+$/);
    expect(result.files).toEqual([expect.objectContaining({ id: result.fileId, title: "Today's orders", name: "orders.csv" })]);
    const file = slack.files.find((f) => f.id === result.fileId)!;
    expect(file).toMatchObject({
      filename: "orders.csv",
      length: 6,
      channel: "C0G9QKQ2S",
      initialComment: "Here they are",
      completed: true,
    });
    expect(new Uint8Array(file.content!)).toEqual(content);
    const steps = slack.requests.slice(-3);
    expect(steps.map((r) => r.method)).toEqual(["files.getUploadURLExternal", "upload", "files.completeUploadExternal"]);
    expect(steps[0].contentType).toBe("application/x-www-form-urlencoded");
    expect(steps[0].params).toEqual({ filename: "orders.csv", length: "6" });
  });

  test("Slack errors become clear errors; ratelimited says when to retry; the token never shows", async () => {
    await expect(run("postMessage", { channel: "#nowhere", text: "x" })).rejects.toThrow(
      "Slack chat.postMessage failed: channel_not_found",
    );
    await expect(run("postMessage", { channel: "#general" })).rejects.toThrow("text is required (or blocks)");
    slack.rateLimitNext("chat.postMessage", 30);
    await expect(run("postMessage", { channel: "#general", text: "x" })).rejects.toThrow(
      "Slack chat.postMessage was rate limited (ratelimited): retry after 30 seconds",
    );
    const wrong = await runner
      .run(invocation("slack", "listChannels", { connection: { token: "xoxb-wrong-secret", apiBaseUrl: slack.url } }))
      .then(
        () => null,
        (e: Error) => e,
      );
    expect(wrong?.message).toBe("Slack conversations.list failed: invalid_auth");
    await expect(runner.run(invocation("slack", "listChannels", { connection: { apiBaseUrl: slack.url } }))).rejects.toThrow(
      "Slack connection: token is required",
    );
  });
});
