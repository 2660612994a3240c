/**
 * Reading a storage account credential value: a connection string, or account name + key or SAS,
 * into the blob endpoint and how to authorize. No SDK import (unit tests load it directly).
 */
import { fromBase64 } from "./encoding";

export interface AzureBlobConnection {
  accountName: string;
  /** e.g. https://acct.blob.core.windows.net or http://127.0.0.1:10000/devstoreaccount1, no trailing slash */
  endpoint: string;
  /** Shared Key: the decoded account key */
  accountKey?: Uint8Array;
  /** or a SAS token, without the leading "?" */
  sas?: string;
}

/** Azurite's well-known development account (UseDevelopmentStorage=true) */
export const DEV_ACCOUNT = "devstoreaccount1";
export const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

const nonEmpty = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

export function parseConnectionString(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(";")) {
    if (!part.trim()) continue;
    const eq = part.indexOf("=");
    // values (keys, SAS) contain "=": only the first one separates
    if (eq <= 0) throw new Error(`Azure connection: connectionString has a part without "=": "${part.split("=")[0].slice(0, 40)}"`);
    out[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  return out;
}

function checkEndpoint(endpoint: string, field: string): string {
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(endpoint)) {
    throw new Error(`Azure connection: ${field} must be an http(s) URL such as https://myaccount.blob.core.windows.net, got "${endpoint}"`);
  }
  return endpoint.replace(/\/+$/, "");
}

export function readAzureConnection(value: unknown): AzureBlobConnection {
  if (typeof value !== "object" || value === null) throw new Error("Azure connection: expected the storage account connection's fields");
  const v = value as Record<string, unknown>;
  let accountName = nonEmpty(v.accountName);
  let key = nonEmpty(v.accountKey);
  let sas = nonEmpty(v.sasToken);
  let endpoint = nonEmpty(v.blobEndpoint);
  const cs = nonEmpty(v.connectionString);
  if (cs) {
    const parts = parseConnectionString(cs);
    if (parts.usedevelopmentstorage === "true") {
      accountName = DEV_ACCOUNT;
      key = DEV_KEY;
      endpoint = parts.developmentstorageproxyuri
        ? `${parts.developmentstorageproxyuri}/${DEV_ACCOUNT}`
        : `http://127.0.0.1:10000/${DEV_ACCOUNT}`;
    } else {
      accountName = parts.accountname ?? accountName;
      key = parts.accountkey ?? key;
      sas = parts.sharedaccesssignature ?? sas;
      if (parts.blobendpoint) endpoint = parts.blobendpoint;
      else if (accountName && !endpoint) {
        const protocol = (parts.defaultendpointsprotocol ?? "https").toLowerCase();
        endpoint = `${protocol}://${accountName}.blob.${parts.endpointsuffix ?? "core.windows.net"}`;
      }
    }
  }
  if (!endpoint && accountName) endpoint = `https://${accountName}.blob.core.windows.net`;
  if (!endpoint) throw new Error("Azure connection: accountName is required (or a connectionString with AccountName or BlobEndpoint)");
  endpoint = checkEndpoint(endpoint, cs ? "the connection string's BlobEndpoint" : "blobEndpoint");
  if (!accountName) {
    // a SAS connection string may give only the endpoint: the account is its first host label or, path-style, its first segment
    const m = /^https?:\/\/([^/.:]+)[^/]*(?:\/([^/]+))?/i.exec(endpoint);
    accountName = /^\d+$/.test(m?.[1] ?? "") || m?.[1] === "localhost" ? m?.[2] : m?.[1];
  }
  if (!accountName) throw new Error("Azure connection: accountName is required");
  if (key) return { accountName, endpoint, accountKey: fromBase64(key, "Azure connection: accountKey") };
  if (sas) return { accountName, endpoint, sas: sas.replace(/^\?/, "") };
  throw new Error("Azure connection: accountKey or sasToken is required (or a connectionString with AccountKey or SharedAccessSignature)");
}
