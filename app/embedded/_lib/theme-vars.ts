import { DEFAULT_THEME, type EmbedTheme } from "@/app/_server/services/embedding/theme";

/** CSS variables of a theme (embedded.css maps the shared components' palette onto them) */
export function themeVariables(theme: EmbedTheme): Record<string, string> {
  return {
    "--junction-primary": theme.primary,
    "--junction-background": theme.background,
    "--junction-surface": theme.surface,
    "--junction-text": theme.text,
    "--junction-muted": theme.muted,
    "--junction-border": theme.border,
    "--junction-font": theme.fontFamily,
    "--junction-radius": theme.radius,
    "--junction-on-primary": textOn(theme.primary),
  };
}

/** White or near-black, whichever reads better on the color (WCAG contrast); white when the color is not a hex. */
export function textOn(color: string): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) return "#ffffff";
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  const DARK_LUMINANCE = 0.0089; // #0f172a
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / (DARK_LUMINANCE + 0.05) ? "#ffffff" : "#0f172a";
}

/** the organization's theme (defaults until it is known) with the host page's overrides on top */
export const mergeTheme = (org: EmbedTheme | undefined, overrides: Partial<EmbedTheme>): EmbedTheme => ({
  ...DEFAULT_THEME,
  ...org,
  ...overrides,
});

/** Sets the theme on <html> for as long as the view is up; returns what takes it off. */
export function applyTheme(theme: EmbedTheme): () => void {
  const root = document.documentElement;
  const vars = themeVariables(theme);
  for (const [name, value] of Object.entries(vars)) root.style.setProperty(name, value);
  root.dataset.junctionEmbed = "";
  root.dataset.junctionMode = theme.mode;
  return () => {
    for (const name of Object.keys(vars)) root.style.removeProperty(name);
    delete root.dataset.junctionEmbed;
    delete root.dataset.junctionMode;
  };
}
