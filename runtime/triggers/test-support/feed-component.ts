/**
 * A test component with a polling trigger over a local HTTP "feed" (items with increasing ids),
 * a webhook-style trigger that subscribes at the same server, and an echo action; and the server.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tempPackage, type TempPackage } from "@/components-registry/test-support/temp-package";

export const FEED_COMPONENT_SOURCE = `
import { action, component, input, pollingTrigger, webhookTrigger } from "@junction/sdk";

const newItems = pollingTrigger({
  label: "New items",
  inputs: {
    url: input({ label: "Feed URL", type: "string", required: true }),
    maxItems: input({ label: "Max items", type: "number", default: 100 }),
  },
  poll: async (context, inputs, cursor) => {
    const after = typeof cursor === "number" ? cursor : 0;
    context.logger.info("polling after " + after);
    const res = await context.fetch(inputs.url + "/items?after=" + after + "&limit=" + inputs.maxItems);
    if (!res.ok) throw new Error("feed answered " + res.status);
    const items = await res.json();
    return { items, cursor: items.length ? items[items.length - 1].id : cursor };
  },
  acknowledge: async (context, inputs, items) => {
    await context.fetch(inputs.url + "/ack", { method: "POST", body: JSON.stringify(items.map((i) => i.id)) });
  },
});

const issueCreated = webhookTrigger({
  label: "Issue created",
  inputs: { url: input({ label: "Tracker URL", type: "string", required: true }) },
  onInstanceDeploy: async (context, inputs) => {
    const res = await context.fetch(inputs.url + "/subscribe", {
      method: "POST",
      body: JSON.stringify({ callback: context.webhookUrls[context.flow.key] }),
    });
    if (!res.ok) throw new Error("the tracker refused the subscription: " + (await res.text()));
    return await res.json();
  },
  onInstanceDelete: async (context, inputs, state) => {
    await context.fetch(inputs.url + "/unsubscribe", { method: "POST", body: JSON.stringify(state) });
  },
});

export default component({
  key: "feed",
  label: "Feed",
  actions: {
    echo: {
      label: "Echo",
      inputs: { value: input({ label: "Value", type: "data" }) },
      perform: async (context, inputs) => ({ data: inputs.value }),
    },
  },
  triggers: { newItems, issueCreated },
});
`;

export function feedPackage(version = "1.0.0"): TempPackage {
  return tempPackage(FEED_COMPONENT_SOURCE, { name: "feed-component", version });
}

export interface FeedServer {
  url: string;
  items: { id: number; title: string }[];
  /** item ids acknowledged, in order */
  acks: number[];
  /** polls seen (GET /items) */
  polls: number;
  /** answer GET /items with this status instead */
  failWith: number | null;
  /** webhook-style: calls to /subscribe and /unsubscribe with their bodies */
  subscriptions: { op: "subscribe" | "unsubscribe"; body: unknown }[];
  refuseSubscribe: boolean;
  add(title: string): number;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const feed: FeedServer = {
    url: "",
    items: [],
    acks: [],
    polls: 0,
    failWith: null,
    subscriptions: [],
    refuseSubscribe: false,
    add(title) {
      const id = feed.items.length + 1;
      feed.items.push({ id, title });
      return id;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { "content-type": "application/json", connection: "close" });
        res.end(JSON.stringify(value));
      };
      if (url.pathname === "/items") {
        feed.polls++;
        if (feed.failWith) return json(feed.failWith, { error: "down" });
        const after = Number(url.searchParams.get("after") ?? 0);
        const limit = Number(url.searchParams.get("limit") ?? 100);
        return json(200, feed.items.filter((i) => i.id > after).slice(0, limit));
      }
      if (url.pathname === "/ack") {
        feed.acks.push(...(JSON.parse(body) as number[]));
        return json(200, {});
      }
      if (url.pathname === "/subscribe" || url.pathname === "/unsubscribe") {
        const op = url.pathname.slice(1) as "subscribe" | "unsubscribe";
        if (op === "subscribe" && feed.refuseSubscribe) return json(403, { error: "no such project" });
        feed.subscriptions.push({ op, body: JSON.parse(body || "null") });
        return json(200, { subscriptionId: `sub-${feed.subscriptions.length}` });
      }
      json(404, {});
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  feed.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return feed;
}
