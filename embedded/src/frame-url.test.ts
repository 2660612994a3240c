import { expect, test } from "vitest";
import { frameUrl } from "./frame-url";

const BASE = "https://junction.example.com";

test("each view's address, with the session, the host's origin and the theme in the fragment only", () => {
  const url = new URL(frameUrl(BASE, { view: "marketplace" }, "jes_abc", "https://app.example.com", { primary: "#ff0000" }));
  expect(url.origin + url.pathname + url.search).toBe(`${BASE}/embedded/marketplace`);
  const fragment = new URLSearchParams(url.hash.slice(1));
  expect(fragment.get("session")).toBe("jes_abc");
  expect(fragment.get("parent")).toBe("https://app.example.com");
  expect(JSON.parse(fragment.get("theme")!)).toEqual({ primary: "#ff0000" });
  expect(url.hash).toContain(`parent=${encodeURIComponent("https://app.example.com")}`);

  const at = (target: Parameters<typeof frameUrl>[1]) => frameUrl(BASE, target, "s", "https://a.example").split("#")[0];
  expect(at({ view: "alerts" })).toBe(`${BASE}/embedded/alerts`);
  expect(at({ view: "instance", instanceId: "i/1" })).toBe(`${BASE}/embedded/instances/i%2F1`);
  expect(at({ view: "configure", integrationId: "g?1" })).toBe(`${BASE}/embedded/configure?integrationId=g%3F1`);
  expect(at({ view: "configure", instanceId: "i1" })).toBe(`${BASE}/embedded/configure?instanceId=i1`);
});

test("a font list with spaces and quotes survives the fragment", () => {
  const theme = { fontFamily: `"Inter Var", system-ui, sans-serif`, radius: "12px" };
  const url = new URL(frameUrl(BASE, { view: "alerts" }, "s", "https://a.example", theme));
  expect(JSON.parse(new URLSearchParams(url.hash.slice(1)).get("theme")!)).toEqual(theme);
});

test("a missing id is refused before any iframe is made", () => {
  expect(() => frameUrl(BASE, { view: "instance", instanceId: "" }, "s", "https://a.example")).toThrow("instanceId is required");
});
