/**
 * A local server speaking the subset of Slack's Web API the connector uses, with the request and
 * response shapes of Slack's documentation (api.slack.com/methods): chat.postMessage,
 * conversations.list, files.getUploadURLExternal, the upload URL it hands out (pointing back at
 * this server, as files.slack.com would take the bytes) and files.completeUploadExternal. It
 * checks the token (Authorization: Bearer, or a `token` form field), takes JSON (where the method
 * does), form or query parameters, answers errors as Slack does (HTTP 200, `ok: false`), can answer one call with
 * HTTP 429 + Retry-After, and keeps what it received so tests can assert it.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SlackChannelRecord {
  id: string;
  name: string;
  is_channel: boolean;
  is_group: boolean;
  is_im: boolean;
  is_mpim: boolean;
  is_private: boolean;
  is_archived: boolean;
  is_general: boolean;
  is_member: boolean;
  num_members: number;
  created: number;
  topic: { value: string; creator: string; last_set: number };
  purpose: { value: string; creator: string; last_set: number };
}

export interface SlackMessageRecord {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
}

export interface SlackFileRecord {
  id: string;
  filename: string;
  length: number;
  content?: Buffer;
  title?: string;
  channel?: string;
  initialComment?: string;
  threadTs?: string;
  completed: boolean;
}

export interface SlackRequestRecord {
  method: string;
  path: string;
  contentType: string;
  authorization?: string;
  params: Record<string, unknown>;
}

export interface SlackApiServer {
  /** the apiBaseUrl for the connection, e.g. http://127.0.0.1:PORT/api */
  url: string;
  /** the bot token the server accepts */
  token: string;
  messages: SlackMessageRecord[];
  files: SlackFileRecord[];
  channels: SlackChannelRecord[];
  requests: SlackRequestRecord[];
  /** the next call of `method` is answered HTTP 429 with Retry-After: seconds */
  rateLimitNext(method: string, seconds: number): void;
  stop(): Promise<void>;
}

function channel(id: string, name: string, extra: Partial<SlackChannelRecord> = {}): SlackChannelRecord {
  const created = 1449252889;
  return {
    id,
    name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: false,
    is_archived: false,
    is_general: name === "general",
    is_member: true,
    num_members: 4,
    created,
    topic: { value: "", creator: "", last_set: 0 },
    purpose: { value: `The #${name} channel`, creator: "U012A3CDE", last_set: created },
    ...extra,
  };
}

/** methods whose docs list application/json among their accepted content types; the others read only form or query fields */
const JSON_METHODS = new Set(["chat.postMessage"]);

export const DEFAULT_CHANNELS: SlackChannelRecord[] = [
  channel("C012AB3CD", "general"),
  channel("C061EG9T2", "random"),
  channel("C0G9QKQ2S", "orders"),
  channel("G0AKFJBEU", "finance", { is_private: true, is_channel: false, is_group: true }),
  channel("C0ARCHIV1", "old-news", { is_archived: true, is_member: false }),
];

export async function startSlackApiServer(options: { token?: string; extraTokens?: string[]; channels?: SlackChannelRecord[] } = {}) {
  const token = options.token ?? "xoxb-17-test-bot-token";
  const tokens = new Set([token, ...(options.extraTokens ?? [])]);
  const messages: SlackMessageRecord[] = [];
  const files: SlackFileRecord[] = [];
  const channels = (options.channels ?? DEFAULT_CHANNELS).map((c) => structuredClone(c));
  const requests: SlackRequestRecord[] = [];
  const rateLimits = new Map<string, number>();
  let tsCounter = 0;
  let base = "";

  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, "0")}`;
  const findChannel = (ref: unknown) => {
    const r = String(ref ?? "").replace(/^#/, "");
    return channels.find((c) => c.id === r || c.name === r);
  };

  const methods: Record<string, (p: Record<string, unknown>) => Record<string, unknown>> = {
    "chat.postMessage": (p) => {
      const c = findChannel(p.channel);
      if (!p.channel || !c) return { ok: false, error: "channel_not_found" };
      if (c.is_archived) return { ok: false, error: "is_archived" };
      let blocks = p.blocks;
      if (typeof blocks === "string") {
        try {
          blocks = JSON.parse(blocks);
        } catch {
          return { ok: false, error: "invalid_blocks_format" };
        }
      }
      if (blocks !== undefined && !Array.isArray(blocks)) return { ok: false, error: "invalid_blocks_format" };
      if (!p.text && !(Array.isArray(blocks) && blocks.length)) return { ok: false, error: "no_text" };
      const ts = nextTs();
      const record: SlackMessageRecord = { channel: c.id, ts, text: p.text as string | undefined };
      if (blocks) record.blocks = blocks as unknown[];
      if (p.thread_ts) record.thread_ts = String(p.thread_ts);
      messages.push(record);
      const message: Record<string, unknown> = { type: "message", subtype: "bot_message", text: p.text ?? "", bot_id: "B0JUNCTION", ts };
      if (blocks) message.blocks = blocks;
      if (p.thread_ts) message.thread_ts = p.thread_ts;
      return { ok: true, channel: c.id, ts, message };
    },
    "conversations.list": (p) => {
      const types = String(p.types ?? "public_channel").split(",");
      const exclude = p.exclude_archived === true || p.exclude_archived === "true";
      const limit = p.limit === undefined ? 100 : Number(p.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return { ok: false, error: "invalid_limit" };
      const matching = channels.filter(
        (c) =>
          (exclude ? !c.is_archived : true) &&
          ((types.includes("public_channel") && !c.is_private) || (types.includes("private_channel") && c.is_private)),
      );
      let start = 0;
      if (p.cursor) {
        const m = /^channel:(\d+)$/.exec(Buffer.from(String(p.cursor), "base64").toString());
        if (!m) return { ok: false, error: "invalid_cursor" };
        start = Number(m[1]);
      }
      const page = matching.slice(start, start + limit);
      const next = start + limit < matching.length ? Buffer.from(`channel:${start + limit}`).toString("base64") : "";
      return { ok: true, channels: page, response_metadata: { next_cursor: next } };
    },
    "files.getUploadURLExternal": (p) => {
      const length = Number(p.length);
      if (!p.filename || !Number.isInteger(length) || length < 1) {
        return {
          ok: false,
          error: "invalid_arguments",
          response_metadata: { messages: ["[ERROR] missing required field: filename or length"] },
        };
      }
      const id = "F" + randomBytes(5).toString("hex").toUpperCase();
      files.push({ id, filename: String(p.filename), length, completed: false });
      return { ok: true, upload_url: `${base}/upload/v1/${id}`, file_id: id };
    },
    "files.completeUploadExternal": (p) => {
      let list: { id: string; title?: string }[];
      try {
        list = JSON.parse(String(p.files ?? ""));
      } catch {
        return { ok: false, error: "invalid_arguments" };
      }
      if (!Array.isArray(list) || list.length === 0) return { ok: false, error: "invalid_arguments" };
      const c = p.channel_id ? findChannel(p.channel_id) : undefined;
      if (p.channel_id && !c) return { ok: false, error: "channel_not_found" };
      const done = [];
      for (const item of list) {
        const f = files.find((x) => x.id === item.id);
        if (!f || !f.content) return { ok: false, error: "file_not_found" };
        f.completed = true;
        f.title = item.title ?? f.filename;
        f.channel = c?.id;
        if (p.initial_comment) f.initialComment = String(p.initial_comment);
        if (p.thread_ts) f.threadTs = String(p.thread_ts);
        done.push({
          id: f.id,
          name: f.filename,
          title: f.title,
          size: f.length,
          mimetype: "application/octet-stream",
          permalink: `https://junction-test.slack.com/files/U0JUNCTION/${f.id}/${encodeURIComponent(f.filename)}`,
          channels: c ? [c.id] : [],
        });
      }
      return { ok: true, files: done };
    },
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(JSON.stringify(value));
    };
    const upload = /^\/upload\/v1\/(F[0-9A-F]+)$/.exec(url.pathname);
    if (upload) {
      const f = files.find((x) => x.id === upload[1]);
      requests.push({ method: "upload", path: url.pathname, contentType: String(req.headers["content-type"] ?? ""), params: {} });
      if (req.method !== "POST" || !f) {
        res.writeHead(404).end("Not Found");
        return;
      }
      if (body.length !== f.length) {
        res.writeHead(400).end(`length mismatch: expected ${f.length}, got ${body.length}`);
        return;
      }
      f.content = body;
      res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${body.length}`);
      return;
    }
    const m = /^\/api\/([a-zA-Z.]+)$/.exec(url.pathname);
    if (!m) return json(404, { ok: false, error: "unknown_method" });
    const method = m[1];
    const contentType = String(req.headers["content-type"] ?? "");
    const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
    if (body.length) {
      if (contentType.startsWith("application/json")) {
        // as Slack does, a JSON body sent to a method that does not take JSON is not read
        if (JSON_METHODS.has(method)) {
          try {
            Object.assign(params, JSON.parse(body.toString("utf8")));
          } catch {
            return json(200, { ok: false, error: "invalid_json" });
          }
        }
      } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
        Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
      } else return json(200, { ok: false, error: "invalid_form_data" });
    }
    const authorization = req.headers.authorization;
    requests.push({ method, path: url.pathname, contentType, authorization, params });
    const limited = rateLimits.get(method);
    if (limited !== undefined) {
      rateLimits.delete(method);
      return json(429, { ok: false, error: "ratelimited" }, { "retry-after": String(limited) });
    }
    const given = /^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? (typeof params.token === "string" ? params.token : undefined);
    if (!given) return json(200, { ok: false, error: "not_authed" });
    if (!tokens.has(given)) return json(200, { ok: false, error: "invalid_auth" });
    const fn = methods[method];
    if (!fn) return json(200, { ok: false, error: "unknown_method" });
    return json(200, fn(params));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api: SlackApiServer = {
    url: `${base}/api`,
    token,
    messages,
    files,
    channels,
    requests,
    rateLimitNext: (method, seconds) => void rateLimits.set(method, seconds),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // keep-alive connections (fetch pools them) would hold close() open
        server.closeAllConnections();
      }),
  };
  return api;
}
