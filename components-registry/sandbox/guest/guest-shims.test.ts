/** The sandbox's shims behave like Node's own implementations (run here, in Node, to compare). */
import { describe, expect, test } from "vitest";
import { atob, btoa } from "./base64";
import { TextDecoder, TextEncoder } from "./text-codec";
import { URL, URLSearchParams } from "./url";

describe("guest shims", () => {
  test("TextEncoder/TextDecoder match Node for all of Unicode and bad bytes", () => {
    const text = "aé€😀\u0000\uffff — ✓";
    expect(new TextEncoder().encode(text)).toEqual(new globalThis.TextEncoder().encode(text));
    expect(new TextEncoder().encode("\ud800x")).toEqual(new globalThis.TextEncoder().encode("\ud800x"));
    const bad = new Uint8Array([0x61, 0xff, 0xc3, 0x28, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xa0, 0x80]);
    expect(new TextDecoder().decode(bad)).toBe(new globalThis.TextDecoder().decode(bad));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bad)).toThrow(TypeError);
    expect(new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe("A");
  });

  test("atob/btoa match Node", () => {
    for (const s of ["", "a", "ab", "abc", "abcd", "\u00ff\u0000x"]) {
      expect(btoa(s)).toBe(globalThis.btoa(s));
      expect(atob(btoa(s))).toBe(s);
    }
    expect(() => btoa("€")).toThrow(/Latin1/);
    expect(() => atob("a")).toThrow(/not valid base64/);
  });

  test.each([
    ["https://User:Pw@Example.COM:443/a/./b/../c?x=1&y=2#frag"],
    ["http://example.com"],
    ["http://example.com:8080/p?q"],
    ["https://example.com/a b/ü?q=a b"],
    ["http://[::1]:3000/x"],
    ["mailto:someone@example.com"],
  ])("URL %s parses like Node", (input) => {
    const ours = new URL(input);
    const node = new globalThis.URL(input);
    for (const k of [
      "href",
      "protocol",
      "username",
      "password",
      "host",
      "hostname",
      "port",
      "pathname",
      "search",
      "hash",
      "origin",
    ] as const) {
      expect(ours[k], k).toBe(node[k]);
    }
  });

  test.each([
    ["../x?y#z", "https://a.com/b/c/d"],
    ["/abs", "https://a.com/b/c"],
    ["?q=1", "https://a.com/b/c?old"],
    ["#h", "https://a.com/b/c?old"],
    ["//other.org/p", "https://a.com/b"],
    ["", "https://a.com/b?q#h"],
  ])("URL %s against %s resolves like Node", (input, base) => {
    expect(new URL(input, base).href).toBe(new globalThis.URL(input, base).href);
  });

  test("invalid URLs throw; searchParams stays in step with search", () => {
    expect(() => new URL("not a url")).toThrow(TypeError);
    expect(() => new URL("http://")).toThrow(TypeError);
    const u = new URL("https://a.com/p?x=1");
    u.searchParams.append("q", "a&b=c d!");
    expect(u.href).toBe(new globalThis.URL("https://a.com/p?x=1&q=a%26b%3Dc+d%21").href);
    u.search = "?z=9";
    expect(u.searchParams.get("z")).toBe("9");
    expect([...new URLSearchParams({ a: "1", b: "2" })]).toEqual([
      ["a", "1"],
      ["b", "2"],
    ]);
    const p = new URLSearchParams("a=1&a=2&b=%20x+y");
    expect(p.getAll("a")).toEqual(["1", "2"]);
    expect(p.get("b")).toBe(" x y");
    p.set("a", "3");
    expect(p.toString()).toBe("a=3&b=+x+y");
  });
});
