import { authorizeIntegrationRequest, isUuid, jsonError, serviceErrorResponse } from "@/app/_server/http/integration-api";
import { addAttachment } from "@/app/_server/services/attachments/add-attachment";
import { maxAttachmentBytes, tooLargeMessage } from "@/server/http/attachment-limit";
import { readUpload } from "@/app/_server/services/attachments/read-upload";

export const dynamic = "force-dynamic";

/**
 * Uploads a document to keep with the integration: the raw file as the body, its name in `?name=`,
 * its type as the content-type (`curl --data-binary @spec.pdf -H 'content-type: application/pdf'
 * '…/api/integrations/<id>/attachments?name=spec.pdf'`). A raw body rather than multipart lets the
 * size limit stop reading at the limit.
 */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await authorizeIntegrationRequest(req, "change");
  if (ctx instanceof Response) return ctx;
  if (!isUuid(id)) return jsonError(404, "integration not found");
  const name = new URL(req.url).searchParams.get("name");
  if (!name) return jsonError(400, "name the file: ?name=<file name>");
  const max = maxAttachmentBytes();
  if (Number(req.headers.get("content-length") ?? 0) > max) return jsonError(413, tooLargeMessage(max));
  const body = await readUpload(req.body, max);
  if (!body.ok) return jsonError(413, tooLargeMessage(max));
  try {
    const row = await addAttachment(ctx.db, {
      integrationId: id,
      name,
      contentType: req.headers.get("content-type"),
      data: body.data,
      userId: ctx.principal.userId,
    });
    return Response.json(row, { status: 201 });
  } catch (err) {
    return serviceErrorResponse(err);
  }
}
