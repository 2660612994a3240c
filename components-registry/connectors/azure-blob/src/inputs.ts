import { input } from "@junction/sdk";
import { storageAccount } from "./connection";

export const connectionInput = input({ label: "Connection", type: "credential", connection: storageAccount, required: true });
export const containerInput = input({ label: "Container", type: "string", required: true });
export const blobInput = input({ label: "Blob", type: "string", required: true, description: 'the blob\'s name, e.g. "reports/2024.csv"' });
export const maxResultsInput = input({ label: "Max results", type: "number", default: 1000, description: "1 to 5000 a page" });
export const markerInput = input({ label: "Marker", type: "string", description: "nextMarker of the previous page" });

export function checkMaxResults(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 5000) throw new Error(`maxResults must be a whole number from 1 to 5000, got ${n}`);
  return String(n);
}

export function isoOf(date: string | null | undefined): string | undefined {
  if (!date) return undefined;
  const t = new Date(date);
  return isNaN(t.getTime()) ? undefined : t.toISOString();
}

export const unquote = (etag: string | null | undefined): string => (etag ?? "").replace(/^"|"$/g, "");
