/**
 * The marketplace icon: a small image as a base64 data: URL, or an https URL. Pure (no Node
 * modules), so the upload form checks a file with the same rule the server applies.
 */
import { z } from "zod";

export const ICON_MAX_BYTES = 64 * 1024;
export const ICON_TYPES = ["image/png", "image/jpeg", "image/svg+xml", "image/webp"] as const;

const NAMES: Record<string, string> = { "image/png": "PNG", "image/jpeg": "JPEG", "image/svg+xml": "SVG", "image/webp": "WebP" };
const DATA_URL = /^data:(image\/(?:png|jpeg|svg\+xml|webp));base64,([A-Za-z0-9+/]+={0,2})$/;

/** The first bytes each type starts with: a file named .png must be one. */
function looksLike(type: string, head: string): boolean {
  switch (type) {
    case "image/png":
      return head.startsWith("\x89PNG\r\n\x1a\n");
    case "image/jpeg":
      return head.startsWith("\xff\xd8\xff");
    case "image/webp":
      return head.startsWith("RIFF") && head.slice(8, 12) === "WEBP";
    default:
      // svg: text, perhaps after a BOM, an XML declaration or a comment
      return /<svg[\s>]/i.test(head.replace(/^\ufeff/, "").slice(0, 1024)) || /^\s*<(\?xml|!--)/i.test(head);
  }
}

/** Why the icon is refused, or null. */
export function iconProblem(icon: string): string | null {
  if (icon.startsWith("https://")) {
    if (icon.length > 2048) return "an icon URL is at most 2048 characters";
    try {
      new URL(icon);
      return null;
    } catch {
      return "not a valid https URL";
    }
  }
  const m = DATA_URL.exec(icon);
  if (!m) return "give a base64 data: URL of a PNG, JPEG, SVG or WebP image, or an https URL";
  const base64 = m[2]!;
  const bytes = Math.floor((base64.length * 3) / 4) - (base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0);
  if (bytes > ICON_MAX_BYTES) return `the image is ${Math.ceil(bytes / 1024)} KB; an icon is at most ${ICON_MAX_BYTES / 1024} KB`;
  let head: string;
  try {
    head = atob(base64.slice(0, 1368)); // 1 KB of the file
  } catch {
    return "the data: URL is not valid base64";
  }
  return looksLike(m[1]!, head) ? null : `the data is not ${NAMES[m[1]!]} image data`;
}

/** an icon, or null to remove it */
export const iconSchema = z
  .string()
  .max(100_000, "an icon is at most 64 KB")
  .superRefine((s, ctx) => {
    const problem = iconProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .nullable();
