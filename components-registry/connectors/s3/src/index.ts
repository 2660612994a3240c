/** Amazon S3 and S3-compatible stores, signed with AWS Signature Version 4 (see README.md). */
import { action, component, input } from "@junction/sdk";
import { accessKey } from "./connection";
import { listObjects } from "./list-objects";
import { copyObject, deleteObject, getObject, putObject } from "./object-actions";
import { presignedUrl } from "./presign";
import { newObjects } from "./new-objects-trigger";

const listObjectsAction = action({
  label: "List objects",
  description: "Lists a bucket's objects (up to 1000 a page), optionally under a prefix and grouped by a delimiter.",
  inputs: {
    connection: input({ label: "Connection", type: "credential", connection: accessKey, required: true }),
    bucket: input({ label: "Bucket", type: "string", required: true }),
    prefix: input({ label: "Prefix", type: "string", description: 'only keys starting with this, e.g. "invoices/"' }),
    delimiter: input({
      label: "Delimiter",
      type: "string",
      description: 'e.g. "/" to list one "folder" level; the rest come back as prefixes',
    }),
    maxKeys: input({ label: "Max keys", type: "number", default: 1000 }),
    continuationToken: input({ label: "Continuation token", type: "string", description: "nextContinuationToken of the previous page" }),
  },
  perform: async (context, inputs) => ({
    data: await listObjects(context, inputs.connection, {
      bucket: inputs.bucket,
      prefix: inputs.prefix,
      delimiter: inputs.delimiter,
      maxKeys: inputs.maxKeys,
      continuationToken: inputs.continuationToken,
    }),
  }),
});

export default component({
  key: "amazonS3",
  label: "Amazon S3",
  description: "Objects in Amazon S3 and S3-compatible stores (MinIO, s3rver, Cloudflare R2, …).",
  category: "Storage",
  connections: [accessKey],
  actions: { listObjects: listObjectsAction, getObject, putObject, deleteObject, copyObject, presignedUrl },
  triggers: { newObjects },
});
