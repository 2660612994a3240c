import { describe, expect, test } from "vitest";
import { maxAttachmentBytes, tooLargeMessage } from "@/server/http/attachment-limit";
import { readUpload } from "./read-upload";

/** A stream of `count` chunks of `size` bytes that records how many were pulled and whether it was canceled. */
function chunks(count: number, size: number) {
  const seen = { pulled: 0, canceled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled === count) return controller.close();
      seen.pulled++;
      controller.enqueue(new Uint8Array(size).fill(seen.pulled));
    },
    cancel() {
      seen.canceled = true;
    },
  });
  return { stream, seen };
}

describe("readUpload", () => {
  test("reads a body up to the limit whole", async () => {
    const { stream } = chunks(4, 256);
    const r = await readUpload(stream, 1024);
    expect(r.ok && r.data.length).toBe(1024);
    expect(r.ok && [...r.data.subarray(254, 258)]).toEqual([1, 1, 2, 2]);
  });

  test("stops at the first byte over the limit and cancels the rest", async () => {
    const { stream, seen } = chunks(1000, 256);
    expect(await readUpload(stream, 1024)).toEqual({ ok: false });
    expect(seen.pulled).toBeLessThan(10);
    expect(seen.canceled).toBe(true);
  });

  test("no body is an empty file", async () => {
    const r = await readUpload(null, 10);
    expect(r.ok && r.data.length).toBe(0);
  });
});

describe("the attachment limit", () => {
  test("is JUNCTION_MAX_ATTACHMENT_MB, 10 MB by default, and says so when passed", () => {
    expect(maxAttachmentBytes({})).toBe(10 * 1024 * 1024);
    expect(maxAttachmentBytes({ JUNCTION_MAX_ATTACHMENT_MB: "0.5" })).toBe(512 * 1024);
    expect(() => maxAttachmentBytes({ JUNCTION_MAX_ATTACHMENT_MB: "lots" })).toThrow(/must be a positive number/);
    expect(tooLargeMessage(10 * 1024 * 1024)).toBe("The file is larger than the 10 MB attachment limit (JUNCTION_MAX_ATTACHMENT_MB)");
  });
});
