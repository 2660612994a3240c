import { executionLocation, loadRunResponse } from "@/runtime/executions/run-response";
import { authorizeExecution, json } from "@/app/_server/http/execution-api";
import { isJson } from "@/runtime/ingest/request-parts";

export const dynamic = "force-dynamic";

/** a run may send its webhook callers elsewhere, or open itself to other sites — not the app's signed-in users */
const notForUsers = (id: string, [name, value]: [string, string]) =>
  name === "refresh" || name.startsWith("access-control-") || (name === "location" && value !== executionLocation(id));

/**
 * The run's result as a synchronous webhook call would have answered it — except that it is
 * served on the app's origin to signed-in users: anything but JSON is a download, never a page,
 * and the run's redirects and CORS headers are left out. With `?download` it is a file whatever
 * its type, answered 200 (the execution page's download: a browser saves no file of an error status).
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await authorizeExecution(req, id);
  if (ctx instanceof Response) return ctx;
  const r = (await loadRunResponse(ctx.services.pool, id))!;
  let headers: Headers;
  try {
    headers = new Headers(Object.entries(r.headers).filter((header) => !notForUsers(id, header)));
  } catch (err) {
    // a row recorded before answers were checked
    return json(500, { executionId: id, error: `the run's answer cannot be sent: ${(err as Error).message}` });
  }
  const download = new URL(req.url).searchParams.has("download");
  const jsonBody = isJson(r.headers["content-type"] ?? "");
  if (download || (r.body.length > 0 && !jsonBody))
    headers.set("content-disposition", `attachment; filename="result-${id}${jsonBody ? ".json" : ""}"`);
  return new Response(new Uint8Array(r.body), { status: download ? 200 : r.status, headers });
}
