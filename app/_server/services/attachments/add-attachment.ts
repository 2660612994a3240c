import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attachments, integrations } from "@/db/schema";
import { notFound, ServiceError } from "../errors";
import { attachmentColumns } from "./list-attachments";

/** What a browser or curl may send as a name: the last path segment, without control characters. */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
}

/** Keeps a document with the integration (the size limit is applied where the bytes arrive). */
export async function addAttachment(
  db: Db,
  input: { integrationId: string; name: string; contentType?: string | null; data: Buffer; userId: string | null },
) {
  const name = cleanFileName(input.name);
  if (!name) throw new ServiceError("BAD_REQUEST", "the file needs a name");
  if (name.length > 255) throw new ServiceError("BAD_REQUEST", "the file name is longer than 255 characters");
  if (input.data.length === 0) throw new ServiceError("BAD_REQUEST", "the file is empty");
  const [integration] = await db.select({ id: integrations.id }).from(integrations).where(eq(integrations.id, input.integrationId));
  if (!integration) throw notFound("integration");
  // a content type with parameters (text/plain; charset=utf-8) is kept as sent: the download answers with it
  const contentType = input.contentType?.trim() || "application/octet-stream";
  const [row] = await db
    .insert(attachments)
    .values({ integrationId: input.integrationId, name, contentType, size: input.data.length, data: input.data, uploadedBy: input.userId })
    .returning(attachmentColumns);
  return row!;
}
