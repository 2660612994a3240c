/** The S3 access key connection (its value is read by read-connection.ts). */
import { connection } from "@junction/sdk";

export const accessKey = connection({
  key: "accessKey",
  label: "AWS access key",
  description:
    "An access key pair (an IAM user's, or temporary ones with a session token). For S3-compatible stores (MinIO, s3rver, …) set the endpoint.",
  fields: {
    accessKeyId: { label: "Access key ID", type: "string", required: true },
    secretAccessKey: { label: "Secret access key", type: "password", required: true },
    sessionToken: { label: "Session token", type: "password", description: "for temporary credentials (STS)" },
    region: { label: "Region", type: "string", default: "us-east-1" },
    endpoint: {
      label: "Endpoint",
      type: "string",
      description: "an S3-compatible store's URL, e.g. http://minio.internal:9000 (path-style addressing is then used)",
    },
    forcePathStyle: {
      label: "Path-style addressing",
      type: "boolean",
      default: false,
      description: "https://host/bucket/key instead of https://bucket.host/key",
    },
  },
});
