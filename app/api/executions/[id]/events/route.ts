import { authorizeExecution } from "@/app/_server/http/execution-api";
import { eventStreamResponse } from "@/app/_server/services/monitoring/execution-events";

export const dynamic = "force-dynamic";

/** Server-sent events of one execution: `steps` when results or logs were written, `done` at its end. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await authorizeExecution(req, id);
  if (ctx instanceof Response) return ctx;
  return eventStreamResponse(req, ctx.services.events, id);
}
