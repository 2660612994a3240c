import { describe, expect, test } from "vitest";
import { iconProblem } from "./icon";

const dataUrl = (type: string, bytes: Buffer | string) => `data:${type};base64,${Buffer.from(bytes as Buffer).toString("base64")}`;
const PNG = Buffer.from("\x89PNG\r\n\x1a\n", "latin1");

describe("iconProblem", () => {
  test("accepts each image type by its own first bytes, and https URLs", () => {
    expect(iconProblem(dataUrl("image/png", Buffer.concat([PNG, Buffer.alloc(100)])))).toBeNull();
    expect(iconProblem(dataUrl("image/jpeg", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0])))).toBeNull();
    expect(iconProblem(dataUrl("image/webp", Buffer.from("RIFF\0\0\0\0WEBPVP8 ")))).toBeNull();
    expect(iconProblem(dataUrl("image/svg+xml", '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull();
    expect(iconProblem("https://cdn.example.test/icon.svg")).toBeNull();
  });

  test("refuses other schemes, other types, a mislabelled file and anything over 64 KB", () => {
    expect(iconProblem("http://cdn.example.test/icon.png")).toMatch(/https URL/);
    expect(iconProblem("javascript:alert(1)")).toMatch(/https URL/);
    expect(iconProblem(dataUrl("image/gif", "GIF89a"))).toMatch(/PNG, JPEG, SVG or WebP/);
    expect(iconProblem(dataUrl("text/html", "<svg onload=alert(1)>"))).toMatch(/PNG, JPEG, SVG or WebP/);
    expect(iconProblem("data:image/svg+xml,<svg/>")).toMatch(/base64/);
    expect(iconProblem(dataUrl("image/png", "<svg/>"))).toBe("the data is not PNG image data");
    expect(iconProblem(dataUrl("image/svg+xml", "\x89PNG"))).toBe("the data is not SVG image data");
    expect(iconProblem(dataUrl("image/png", Buffer.concat([PNG, Buffer.alloc(64 * 1024)])))).toBe(
      "the image is 65 KB; an icon is at most 64 KB",
    );
    expect(iconProblem(dataUrl("image/png", Buffer.concat([PNG, Buffer.alloc(64 * 1024 - PNG.length)])))).toBeNull();
  });
});
