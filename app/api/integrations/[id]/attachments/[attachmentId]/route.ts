import { authorizeIntegrationRequest, isUuid, jsonError, serviceErrorResponse } from "@/app/_server/http/integration-api";
import { getAttachment } from "@/app/_server/services/attachments/get-attachment";

export const dynamic = "force-dynamic";

/** `filename` for old clients (ASCII only), `filename*` with the real name (RFC 6266). */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Downloads an attachment; always as a download (never rendered on our origin), whatever its type. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string; attachmentId: string }> }) {
  const { id, attachmentId } = await params;
  const ctx = await authorizeIntegrationRequest(req, "read");
  if (ctx instanceof Response) return ctx;
  if (!isUuid(id) || !isUuid(attachmentId)) return jsonError(404, "attachment not found");
  try {
    const file = await getAttachment(ctx.db, id, attachmentId);
    return new Response(new Uint8Array(file.data), {
      headers: {
        "content-type": file.contentType,
        "content-length": String(file.data.length),
        "content-disposition": disposition(file.name),
        "x-content-type-options": "nosniff",
        "content-security-policy": "sandbox",
        "cache-control": "private, no-store",
      },
    });
  } catch (err) {
    return serviceErrorResponse(err);
  }
}
