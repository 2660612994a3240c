import { expect, test } from "vitest";
import { originOrNull, parseFragment, themeOverrides } from "./launch";

const SESSION = "jes_" + "a".repeat(43);
const fragment = (parts: Record<string, string>) =>
  "#" +
  Object.entries(parts)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join("&");

test("the package's fragment: the session, the host's origin and the theme overrides", () => {
  const theme = { primary: "#0f766e", fontFamily: '"Inter Var", system-ui', mode: "dark" };
  expect(parseFragment(fragment({ session: SESSION, parent: "https://app.example.com", theme: JSON.stringify(theme) }))).toEqual({
    session: SESSION,
    parentOrigin: "https://app.example.com",
    theme,
  });
  expect(parseFragment("")).toBeNull();
  expect(parseFragment("#parent=https%3A%2F%2Fapp.example.com")).toBeNull();
});

test("a session that is not an embedded session token is no session", () => {
  expect(parseFragment(fragment({ session: "jwt_or_api_token", parent: "https://a.example" }))?.session).toBeNull();
  expect(parseFragment(fragment({ session: `${SESSION}"><script>`, parent: "https://a.example" }))?.session).toBeNull();
});

test("the host's origin must be an exact http(s) origin: never *, null, a path or javascript:", () => {
  expect(originOrNull("https://app.example.com")).toBe("https://app.example.com");
  expect(originOrNull("http://127.0.0.1:4100")).toBe("http://127.0.0.1:4100");
  for (const bad of [
    "*",
    "null",
    "",
    "https://app.example.com/",
    "https://app.example.com/path",
    "javascript:alert(1)",
    "data:text/html,x",
    42,
  ]) {
    expect(originOrNull(bad)).toBeNull();
  }
});

test("theme overrides that could break out of a CSS declaration are dropped, one by one", () => {
  expect(
    themeOverrides({
      primary: "red; background: url(https://evil.example/x)",
      background: "#101827",
      text: "}</style><script>alert(1)</script>",
      fontFamily: "Inter, sans-serif",
      radius: "calc(1px) ;",
      mode: "sepia",
      unknown: "#fff",
    }),
  ).toEqual({ background: "#101827", fontFamily: "Inter, sans-serif" });
  expect(themeOverrides("not an object")).toEqual({});
  expect(themeOverrides(["#fff"])).toEqual({});
  expect(parseFragment(fragment({ session: SESSION, theme: "{not json" }))?.theme).toEqual({});
});
