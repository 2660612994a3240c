import { authorizeExecution } from "../../../../_server/http/execution-api";
import { eventStreamResponse } from "../../../../_server/services/monitoring/execution-events";

export const dynamic = "force-dynamic";

/** Server-sent events of one execution: `steps` when results or logs were written, `done` at its end. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const denied = await authorizeExecution(req, id);
  if (denied) return denied;
  return eventStreamResponse(req, id);
}
