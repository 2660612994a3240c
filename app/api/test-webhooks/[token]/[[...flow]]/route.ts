import { readUpload } from "@/app/_server/services/attachments/read-upload";
import { runTestWebhook } from "@/runtime/ingest/test-webhook";
import { processServices } from "@/server/services";

export const dynamic = "force-dynamic";

/**
 * The draft's test webhook: `POST /api/test-webhooks/<token>` runs the first flow,
 * `…/<token>/<flow key>` another. The token is the only credential, as for a live webhook; rotating
 * it (Testing → Test URL) turns the old URL away.
 */
export async function POST(req: Request, { params }: { params: Promise<{ token: string; flow?: string[] }> }) {
  const { token, flow } = await params;
  const max = Number(process.env.JUNCTION_MAX_BODY_MB ?? 25) * 1024 * 1024;
  const tooLarge = () => Response.json({ error: `the body is over the limit of ${max} bytes` }, { status: 413 });
  if (Number(req.headers.get("content-length") ?? 0) > max) return tooLarge();
  const body = await readUpload(req.body, max);
  if (!body.ok) return tooLarge();
  const services = processServices();
  const answer = await runTestWebhook(
    { pool: services.pool, batcher: services.accept, completion: services.completion },
    { token, flow: flow?.[0], url: req.url, headers: Object.fromEntries(req.headers), body: body.data },
  );
  return new Response(new Uint8Array(answer.body), { status: answer.status, headers: answer.headers });
}
