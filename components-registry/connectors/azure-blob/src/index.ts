/** Azure Blob Storage, signed with Shared Key or authorized with a SAS token (see README.md). */
import { component } from "@junction/sdk";
import { deleteBlob, getBlob, listBlobs, putBlob } from "./blob-actions";
import { storageAccount } from "./connection";
import { createContainer, listContainers } from "./container-actions";

export default component({
  key: "azureBlob",
  label: "Azure Blob Storage",
  description: "Containers and blobs in an Azure storage account (or Azurite).",
  category: "Storage",
  connections: [storageAccount],
  actions: { listContainers, createContainer, listBlobs, getBlob, putBlob, deleteBlob },
});
