/** The storage account connection (its value is read by read-connection.ts). */
import { connection } from "@junction/sdk";

export const storageAccount = connection({
  key: "storageAccount",
  label: "Azure storage account",
  description:
    "Either a connection string (Access keys, or Shared access signature, in the portal), or the account name with its key or a SAS token.",
  fields: {
    connectionString: {
      label: "Connection string",
      type: "password",
      description:
        "DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net (or with BlobEndpoint=…, SharedAccessSignature=…)",
    },
    accountName: { label: "Account name", type: "string", description: "when there is no connection string" },
    accountKey: { label: "Account key", type: "password", description: "base64, as the portal shows it" },
    sasToken: { label: "SAS token", type: "password", description: "instead of the key: sv=…&ss=b&srt=…&sp=…&sig=…" },
    blobEndpoint: {
      label: "Blob endpoint",
      type: "string",
      description: "https://<account>.blob.core.windows.net by default; e.g. http://127.0.0.1:10000/devstoreaccount1 for Azurite",
    },
  },
});
