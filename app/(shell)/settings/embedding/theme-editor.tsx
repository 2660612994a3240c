"use client";
/** The embedded views' theme: mode, colors, font and corner radius, checked by the server's own schema, with a live preview. */
import { useState, type CSSProperties } from "react";
import { DEFAULT_THEME, themeSchema, type EmbedTheme } from "@/app/_server/services/embedding/theme";
import { Button, Card, Field, TextInput } from "@/app/_ui/ui";
import { primaryClass } from "@/app/embedded/_views/embed-ui";
import { MarketplaceCard } from "@/app/embedded/_views/marketplace-card";
import { themeVariables } from "@/app/embedded/_lib/theme-vars";
import { useEmbeddingSettings } from "./use-embedding-settings";

const DARK: EmbedTheme = {
  ...DEFAULT_THEME,
  mode: "dark",
  primary: "#818cf8",
  background: "#0f172a",
  surface: "#1e293b",
  text: "#f1f5f9",
  muted: "#94a3b8",
  border: "#334155",
};

const COLORS: { key: keyof EmbedTheme; label: string; hint: string }[] = [
  { key: "primary", label: "Primary", hint: "Buttons and links" },
  { key: "background", label: "Background", hint: "The page and cards" },
  { key: "surface", label: "Surface", hint: "Panels and fields" },
  { key: "text", label: "Text", hint: "Headings and body" },
  { key: "muted", label: "Muted text", hint: "Descriptions and hints" },
  { key: "border", label: "Border", hint: "Card and field outlines" },
];

const problemsOf = (theme: EmbedTheme) => {
  const result = themeSchema.safeParse(theme);
  if (result.success) return {};
  // the first problem of each field: the one to fix first
  return Object.fromEntries(result.error.issues.toReversed().map((i) => [String(i.path[0]), i.message]));
};

export function ThemeEditor() {
  const { settings, update } = useEmbeddingSettings();
  const [draft, setDraft] = useState<EmbedTheme | null>(null);
  const [saved, setSaved] = useState(false);
  if (!settings.data) return null;
  const theme = draft ?? settings.data.theme;
  const problems: Record<string, string> = problemsOf(theme);
  const set = (patch: Partial<EmbedTheme>) => {
    setDraft({ ...theme, ...patch });
    setSaved(false);
  };

  return (
    <Card title="Theme">
      <p className="mb-4 text-sm text-slate-500">
        How the embedded views look in your product. A page may still override any of these per view (the package&apos;s{" "}
        <code className="rounded bg-slate-100 px-1">theme</code> option).
      </p>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]">
        <form
          aria-label="Theme"
          className="space-y-4"
          onSubmit={async (e) => {
            e.preventDefault();
            const next = await update.mutateAsync({ theme }).catch(() => null);
            if (next) {
              setDraft(null);
              setSaved(true);
            }
          }}
        >
          <div className="flex flex-wrap items-end gap-3">
            <Field label="Mode" htmlFor="theme-mode">
              <select
                id="theme-mode"
                value={theme.mode}
                onChange={(e) => set({ mode: e.target.value as EmbedTheme["mode"] })}
                className="block rounded-md border-0 py-1.5 pr-8 pl-3 text-sm ring-1 ring-slate-300"
              >
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            </Field>
            <Button type="button" variant="ghost" onClick={() => set(theme.mode === "dark" ? DARK : DEFAULT_THEME)}>
              Use {theme.mode} defaults
            </Button>
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            {COLORS.map((c) => (
              <Field key={c.key} label={c.label} htmlFor={`theme-${c.key}`} hint={c.hint} error={problems[c.key]}>
                <div className="flex items-center gap-2">
                  <input
                    type="color"
                    aria-label={`${c.label} color picker`}
                    value={/^#[0-9a-f]{6}$/i.test(theme[c.key]) ? theme[c.key] : "#000000"}
                    onChange={(e) => set({ [c.key]: e.target.value })}
                    className="h-8 w-10 shrink-0 cursor-pointer rounded border-0 bg-transparent p-0"
                  />
                  <TextInput id={`theme-${c.key}`} value={theme[c.key]} onChange={(e) => set({ [c.key]: e.target.value })} />
                </div>
              </Field>
            ))}
          </div>
          <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_8rem]">
            <Field
              label="Font"
              htmlFor="theme-font"
              hint="A CSS font list; the host page's fonts are not loaded in the frame."
              error={problems.fontFamily}
            >
              <TextInput id="theme-font" value={theme.fontFamily} onChange={(e) => set({ fontFamily: e.target.value })} />
            </Field>
            <Field label="Corner radius" htmlFor="theme-radius" error={problems.radius}>
              <TextInput id="theme-radius" value={theme.radius} onChange={(e) => set({ radius: e.target.value })} />
            </Field>
          </div>
          {update.error && (
            <p role="alert" className="text-sm text-red-600">
              {update.error.message}
            </p>
          )}
          <div className="flex items-center gap-2">
            <Button type="submit" disabled={update.isPending || Object.keys(problems).length > 0 || !draft}>
              Save theme
            </Button>
            {draft && (
              <Button type="button" variant="ghost" onClick={() => setDraft(null)}>
                Discard changes
              </Button>
            )}
            {saved && (
              <span role="status" className="text-sm text-emerald-700">
                Saved: the views use it from their next load.
              </span>
            )}
          </div>
        </form>
        <ThemePreview theme={Object.keys(problems).length ? settings.data.theme : theme} />
      </div>
    </Card>
  );
}

/** A marketplace card drawn with the theme, as the embedded marketplace draws it. */
function ThemePreview({ theme }: { theme: EmbedTheme }) {
  const style = {
    ...themeVariables(theme),
    "--color-brand-50": `color-mix(in srgb, ${theme.primary} 12%, ${theme.background})`,
    "--color-brand-700": theme.primary,
    colorScheme: theme.mode,
    background: theme.background,
    color: theme.text,
    fontFamily: theme.fontFamily,
  } as CSSProperties;
  return (
    <figure aria-label="Theme preview" className="self-start">
      <figcaption className="mb-2 text-xs font-medium text-slate-500 uppercase">Preview</figcaption>
      <div style={style} className="rounded-lg p-4 ring-1 ring-slate-200">
        <p className="mb-3 text-sm font-semibold text-[var(--junction-text)]">Integrations</p>
        <ul>
          <MarketplaceCard
            integration={{
              id: "preview",
              name: "Order Sync",
              description: "Keeps your shop's orders in step with your ERP.",
              icon: null,
              labels: ["ERP", "Orders"],
            }}
            badge={<span className="text-xs text-[var(--junction-muted)]">by your provider</span>}
            action={
              <span role="presentation" className={primaryClass}>
                Activate
              </span>
            }
          />
        </ul>
      </div>
    </figure>
  );
}
