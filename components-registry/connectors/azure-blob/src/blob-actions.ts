/** listBlobs, getBlob, putBlob and deleteBlob. */
import { action, input } from "@junction/sdk";
import { blobRequest, checkBlobName, checkContainer, xmlOf } from "./blob-client";
import { blobInput, checkMaxResults, connectionInput, containerInput, isoOf, markerInput, maxResultsInput, unquote } from "./inputs";
import { child, childrenNamed, childText } from "./xml";

export const listBlobs = action({
  label: "List blobs",
  description: "Lists a container's blobs, optionally under a prefix and grouped by a delimiter, one page at a time.",
  inputs: {
    connection: connectionInput,
    container: containerInput,
    prefix: input({ label: "Prefix", type: "string", description: 'only names starting with this, e.g. "invoices/"' }),
    delimiter: input({
      label: "Delimiter",
      type: "string",
      description: 'e.g. "/" to list one "folder" level; the rest come back as prefixes',
    }),
    maxResults: maxResultsInput,
    marker: markerInput,
  },
  perform: async (context, inputs) => {
    const container = checkContainer(inputs.container);
    const query: [string, string][] = [
      ["restype", "container"],
      ["comp", "list"],
      ["maxresults", checkMaxResults(inputs.maxResults)],
    ];
    if (inputs.prefix) query.push(["prefix", inputs.prefix]);
    if (inputs.delimiter) query.push(["delimiter", inputs.delimiter]);
    if (inputs.marker) query.push(["marker", inputs.marker]);
    const doc = await xmlOf(await blobRequest(context, inputs.connection, { method: "GET", container, query }));
    const list = child(doc, "Blobs");
    const blobs = childrenNamed(list, "Blob").map((b) => {
      const props = child(b, "Properties");
      return {
        name: childText(b, "Name") ?? "",
        size: Number(childText(props, "Content-Length") ?? 0),
        contentType: childText(props, "Content-Type") || undefined,
        lastModified: isoOf(childText(props, "Last-Modified")),
        etag: unquote(childText(props, "Etag")),
      };
    });
    const prefixes = childrenNamed(list, "BlobPrefix").map((p) => childText(p, "Name") ?? "");
    return { data: { blobs, prefixes, nextMarker: childText(doc, "NextMarker") || undefined } };
  },
});

export const getBlob = action({
  label: "Get blob",
  description: "Reads a blob, as text (UTF-8) or as bytes.",
  inputs: {
    connection: connectionInput,
    container: containerInput,
    blob: blobInput,
    as: input({ label: "Read as", type: "picklist", options: ["text", "bytes"], default: "text" }),
  },
  perform: async (context, inputs) => {
    const container = checkContainer(inputs.container);
    const blob = checkBlobName(inputs.blob);
    const response = await blobRequest(context, inputs.connection, { method: "GET", container, blob });
    const bytes = await response.bytes();
    return {
      data: {
        container,
        blob,
        body: inputs.as === "bytes" ? bytes : new TextDecoder().decode(bytes),
        size: bytes.byteLength,
        contentType: response.headers.get("content-type") ?? undefined,
        etag: unquote(response.headers.get("etag")),
        lastModified: isoOf(response.headers.get("last-modified")),
      },
    };
  },
});

export const putBlob = action({
  label: "Put blob",
  description: "Writes a block blob in one request (creates it or replaces it).",
  inputs: {
    connection: connectionInput,
    container: containerInput,
    blob: blobInput,
    content: input({ label: "Content", type: "file", required: true, description: "text or bytes (a file from an earlier step)" }),
    contentType: input({ label: "Content type", type: "string", default: "application/octet-stream" }),
  },
  perform: async (context, inputs) => {
    const container = checkContainer(inputs.container);
    const blob = checkBlobName(inputs.blob);
    const response = await blobRequest(context, inputs.connection, {
      method: "PUT",
      container,
      blob,
      headers: { "x-ms-blob-type": "BlockBlob", "content-type": inputs.contentType || "application/octet-stream" },
      body: inputs.content,
    });
    return {
      data: {
        container,
        blob,
        size: inputs.content.byteLength,
        etag: unquote(response.headers.get("etag")),
        lastModified: isoOf(response.headers.get("last-modified")),
      },
    };
  },
});

export const deleteBlob = action({
  label: "Delete blob",
  description: "Deletes a blob (and its snapshots); a blob that does not exist is an error (BlobNotFound).",
  inputs: { connection: connectionInput, container: containerInput, blob: blobInput },
  perform: async (context, inputs) => {
    const container = checkContainer(inputs.container);
    const blob = checkBlobName(inputs.blob);
    await blobRequest(context, inputs.connection, { method: "DELETE", container, blob, headers: { "x-ms-delete-snapshots": "include" } });
    return { data: { container, blob, deleted: true } };
  },
});
