import { authorizeExecution, json } from "@/app/_server/http/execution-api";
import { getExecution } from "@/app/_server/services/executions/get-execution";

export const dynamic = "force-dynamic";

/** Status, attempts, timing, a summary per step, the error. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await authorizeExecution(req, id);
  if (ctx instanceof Response) return ctx;
  return json(200, await getExecution(ctx.db, id));
}
