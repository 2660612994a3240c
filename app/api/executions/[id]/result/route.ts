import { getDatabase } from "../../../../../db/client";
import { loadRunResponse } from "../../../../../runtime/executions/run-response";
import { authorizeExecution } from "../../../../_server/http/execution-api";

export const dynamic = "force-dynamic";

const isJson = (contentType: string | undefined) => /^application\/([\w.+-]+\+)?json\b/i.test(contentType ?? "");

/**
 * The run's result as a synchronous webhook call would have answered it — except that it is
 * served on the app's origin to signed-in users: anything but JSON is a download, never a page.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const denied = await authorizeExecution(req, id);
  if (denied) return denied;
  const r = (await loadRunResponse(getDatabase().pool, id))!;
  let headers: Headers;
  try {
    headers = new Headers(r.headers);
  } catch (err) {
    // a row recorded before answers were checked
    return Response.json({ executionId: id, error: `the run's answer cannot be sent: ${(err as Error).message}` }, { status: 500 });
  }
  if (r.body.length > 0 && !isJson(r.headers["content-type"])) headers.set("content-disposition", `attachment; filename="result-${id}"`);
  return new Response(new Uint8Array(r.body), { status: r.status, headers });
}
