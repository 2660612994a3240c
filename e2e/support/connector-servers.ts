/**
 * The connectors' test servers (s3rver behind its signature-checking proxy, the local Slack Web
 * API) in a process of their own, for Playwright specs. A connector folder is a CommonJS package
 * scope (its package.json has no "type"): Playwright's loader cannot run its ESM sources, and
 * s3-server.ts needs a real __dirname, so they are required through tsx's CommonJS hook here.
 * The spec reads their state over a small HTTP control endpoint.
 *   node --import tsx e2e/support/connector-servers.ts <bucket>…   → prints {"control": url}
 */
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { register } from "tsx/cjs/api";
import type * as S3Support from "@/components-registry/connectors/s3/test-support/s3-server";
import type * as SlackSupport from "@/components-registry/connectors/slack/test-support/slack-api-server";

register();
const require_ = createRequire(import.meta.url);
const { startS3rver } = require_("../../components-registry/connectors/s3/test-support/s3-server.ts") as typeof S3Support;
const { startSlackApiServer } = require_(
  "../../components-registry/connectors/slack/test-support/slack-api-server.ts",
) as typeof SlackSupport;

const s3 = await startS3rver({ buckets: process.argv.slice(2) });
const slack = await startSlackApiServer();
const stop = () => void Promise.all([s3.stop(), slack.stop()]).finally(() => process.exit(0));
const control = createServer((req, res) => {
  if (req.url !== "/state") return void res.writeHead(404).end();
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      s3: { url: s3.url, connection: s3.connection, requests: s3.requests },
      slack: { url: slack.url, token: slack.token, messages: slack.messages },
    }),
  );
});
control.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ control: `http://127.0.0.1:${(control.address() as AddressInfo).port}` }));
});
// the spec closes stdin when it is done, or by going away
process.stdin.on("end", stop);
process.stdin.resume();
