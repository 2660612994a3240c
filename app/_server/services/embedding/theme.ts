import { z } from "zod";

/** CSS values the embedded views are drawn with (as --junction-* variables); a host page may override them per view. */
export interface EmbedTheme {
  mode: "light" | "dark";
  primary: string;
  background: string;
  surface: string;
  text: string;
  muted: string;
  border: string;
  fontFamily: string;
  radius: string;
}

export const DEFAULT_THEME: EmbedTheme = {
  mode: "light",
  primary: "#4f46e5",
  background: "#ffffff",
  surface: "#f8fafc",
  text: "#0f172a",
  muted: "#64748b",
  border: "#e2e8f0",
  fontFamily: "ui-sans-serif, system-ui, sans-serif",
  radius: "8px",
};

// a value lands in a style attribute: no way out of the declaration (`;`, braces, url(), comments, quotes that open markup)
const cssValue = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} must not be blank`)
    .max(200, `${what} is too long`)
    .refine((v) => !/[;{}<>\\]|\/\*|url\s*\(|expression\s*\(/i.test(v), { message: `${what} must be a plain CSS value` });
const color = (what: string) =>
  cssValue(what).refine((v) => /^(#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla|oklch)\([\d\s.,%/-]+\)|[a-z]+)$/i.test(v), {
    message: `${what} must be a CSS color like #4f46e5`,
  });

export const themeSchema = z.strictObject({
  mode: z.enum(["light", "dark"]),
  primary: color("primary"),
  background: color("background"),
  surface: color("surface"),
  text: color("text"),
  muted: color("muted"),
  border: color("border"),
  fontFamily: cssValue("fontFamily").refine((v) => /^[\w\s,"'-]+$/.test(v), { message: "fontFamily must be a list of font names" }),
  radius: cssValue("radius").refine((v) => /^\d+(\.\d+)?(px|rem|em)?$/.test(v), { message: "radius must be a length like 8px" }),
});
