import { getDatabase } from "../../../../../db/client";
import { loadRunResponse } from "../../../../../runtime/executions/run-response";
import { authorizeExecution } from "../../../../_server/http/execution-api";

export const dynamic = "force-dynamic";

/** The run's result exactly as a synchronous webhook call would have answered it. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const denied = await authorizeExecution(req, id);
  if (denied) return denied;
  const r = (await loadRunResponse(getDatabase().pool, id))!;
  return new Response(new Uint8Array(r.body), { status: r.status, headers: r.headers });
}
