import { authorizeExecution, json } from "@/app/_server/http/execution-api";
import { PROTECTIVE_HEADERS } from "@/runtime/executions/response-headers";
import { getTriggerBody } from "@/app/_server/services/executions/execution-links";

export const dynamic = "force-dynamic";

/** The raw (binary) trigger body of an execution, as a download. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await authorizeExecution(req, id);
  if (ctx instanceof Response) return ctx;
  const body = await getTriggerBody(ctx.db, id);
  if (!body) return json(404, { error: "this execution has no binary trigger body" });
  return new Response(new Uint8Array(body.data), {
    headers: {
      "content-type": body.contentType,
      "content-length": String(body.data.length),
      "content-disposition": `attachment; filename="trigger-${id}"`,
      ...PROTECTIVE_HEADERS,
    },
  });
}
