/**
 * s3rver on 127.0.0.1 (port 0, a temporary folder) behind a small proxy that checks every
 * request's AWS Signature Version 4 with the `aws4` package (an implementation independent of
 * ours): s3rver itself only checks that the access key exists, never a SigV4 signature. s3rver
 * runs in a child process (see s3rver-process.cjs for why).
 * Used by the connector's tests, the "new objects" trigger's and the end-to-end ones.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

interface Aws4Request {
  host: string;
  path: string;
  method: string;
  service: string;
  region: string;
  headers: Record<string, string>;
  signQuery?: boolean;
}
const require_ = createRequire(import.meta.url);
const aws4 = require_("aws4") as { sign(req: Aws4Request, credentials: { accessKeyId: string; secretAccessKey: string }): Aws4Request };

/** s3rver's one account */
export const S3RVER_ACCESS_KEY = "S3RVER";
export const S3RVER_SECRET_KEY = "S3RVER";

export interface RunningS3 {
  /** the endpoint to give the connection (the verifying proxy) */
  url: string;
  /** s3rver itself, which checks no SigV4 signature */
  s3rverUrl: string;
  /** an accessKey credential value for this server */
  connection: { accessKeyId: string; secretAccessKey: string; region: string; endpoint: string; forcePathStyle: boolean };
  /** every request the proxy saw, and whether its signature checked out */
  requests: { method: string; url: string; signature: "header" | "query" | "none"; valid: boolean }[];
  stop(): Promise<void>;
}

export async function startS3rver(options: { buckets?: string[] } = {}): Promise<RunningS3> {
  const directory = mkdtempSync(join(tmpdir(), "junction-s3rver-"));
  const child = spawn(
    process.execPath,
    ["--openssl-legacy-provider", join(__dirname, "s3rver-process.cjs"), directory, ...(options.buckets ?? [])],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  // a test run that dies without stop() does not leave the server behind
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const s3Port = await portOf(child);
  const requests: RunningS3["requests"] = [];
  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const check = verify(req, body);
      requests.push({ method: req.method!, url: req.url!, ...check });
      if (!check.valid) {
        res.writeHead(403, { "content-type": "application/xml" });
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided (checked by the test proxy with aws4).</Message></Error>`,
        );
        return;
      }
      const upstream = request({ host: "127.0.0.1", port: s3Port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on("error", (err) => {
        res.writeHead(502);
        res.end(String(err));
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    s3rverUrl: `http://127.0.0.1:${s3Port}`,
    connection: {
      accessKeyId: S3RVER_ACCESS_KEY,
      secretAccessKey: S3RVER_SECRET_KEY,
      region: "us-east-1",
      endpoint: url,
      forcePathStyle: true,
    },
    requests,
    stop: async () => {
      await new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        proxy.closeAllConnections();
      });
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        process.off("exit", killOnExit);
      });
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function portOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error("s3rver did not start within 20 s")), 20_000);
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once("exit", (code) => reject(new Error(`s3rver exited with code ${code}`)));
  });
}

/** Recomputes the request's signature with aws4 (header or query) and compares. */
function verify(req: IncomingMessage, body: Buffer): { signature: "header" | "query" | "none"; valid: boolean } {
  const host = req.headers.host ?? "";
  const auth = req.headers.authorization;
  if (auth) {
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
    if (!m || m[1] !== S3RVER_ACCESS_KEY) return { signature: "header", valid: false };
    const headers: Record<string, string> = {};
    for (const name of m[3].split(";")) headers[name === "host" ? "Host" : name] = String(req.headers[name] ?? "");
    const payload = headers["x-amz-content-sha256"];
    if (payload !== "UNSIGNED-PAYLOAD" && payload !== createHash("sha256").update(body).digest("hex")) {
      return { signature: "header", valid: false };
    }
    const signed = aws4.sign({ host, path: req.url!, method: req.method!, service: "s3", region: m[2], headers }, credentials());
    return { signature: "header", valid: signed.headers.Authorization === auth };
  }
  const url = new URL(req.url!, `http://${host}`);
  const given = url.searchParams.get("X-Amz-Signature");
  if (!given) return { signature: "none", valid: true };
  url.searchParams.delete("X-Amz-Signature");
  const region = (url.searchParams.get("X-Amz-Credential") ?? "").split("/")[2] ?? "";
  const expires = Date.parse(
    (url.searchParams.get("X-Amz-Date") ?? "").replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"),
  );
  if (!(expires + Number(url.searchParams.get("X-Amz-Expires")) * 1000 > Date.now())) return { signature: "query", valid: false };
  const signed = aws4.sign(
    { host, path: url.pathname + url.search, method: req.method!, service: "s3", region, headers: { Host: host }, signQuery: true },
    credentials(),
  );
  return { signature: "query", valid: new URL(signed.path, "http://x").searchParams.get("X-Amz-Signature") === given };
}

const credentials = () => ({ accessKeyId: S3RVER_ACCESS_KEY, secretAccessKey: S3RVER_SECRET_KEY });
