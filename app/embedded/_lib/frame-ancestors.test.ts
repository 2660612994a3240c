import { expect, test } from "vitest";
import { frameAncestorOrigins } from "./frame-ancestors";

test("the allowed origins are read from the page's frame-ancestors, nothing else", () => {
  expect(frameAncestorOrigins("frame-ancestors 'self' https://app.example.com http://127.0.0.1:4100")).toEqual([
    "https://app.example.com",
    "http://127.0.0.1:4100",
  ]);
  expect(frameAncestorOrigins("default-src 'self'; frame-ancestors 'self' HTTPS://App.Example.com; base-uri 'none'")).toEqual([
    "https://app.example.com",
  ]);
  expect(frameAncestorOrigins("frame-ancestors 'self'")).toEqual([]);
  expect(frameAncestorOrigins("frame-ancestors *")).toEqual([]);
  expect(frameAncestorOrigins("frame-ancestors https://*.example.com")).toEqual([]);
  expect(frameAncestorOrigins(null)).toEqual([]);
});
