/**
 * The organization's embedding settings (one `org_settings` row): which origins may frame the
 * embedded views and call the sign-in endpoint, whether a JWT may create its customer, how long
 * an embedded session lasts, and the theme.
 */
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { orgSettings } from "@/db/schema";
import { ServiceError } from "../errors";
import { DEFAULT_THEME, themeSchema, type EmbedTheme } from "./theme";

export interface EmbeddingSettings {
  allowedOrigins: string[];
  autoCreateCustomers: boolean;
  sessionMinutes: number;
  theme: EmbedTheme;
}

const KEY = "embedding";
export const DEFAULT_SETTINGS: EmbeddingSettings = {
  allowedOrigins: [],
  autoCreateCustomers: false,
  sessionMinutes: 120,
  theme: DEFAULT_THEME,
};

const origin = z
  .string()
  .trim()
  .refine((o) => /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(o), {
    message: "must be an origin like https://app.example.com (no path, no wildcard)",
  })
  .transform((o) => o.toLowerCase());

export const settingsUpdateSchema = z.strictObject({
  allowedOrigins: z.array(origin).max(50).optional(),
  autoCreateCustomers: z.boolean().optional(),
  sessionMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .optional(),
  theme: themeSchema.partial().optional(),
});

export async function getEmbeddingSettings(db: Db): Promise<EmbeddingSettings> {
  const [row] = await db.select({ value: orgSettings.value }).from(orgSettings).where(eq(orgSettings.key, KEY));
  const stored = (row?.value ?? {}) as Partial<EmbeddingSettings>;
  return { ...DEFAULT_SETTINGS, ...stored, theme: { ...DEFAULT_THEME, ...stored.theme } };
}

export async function updateEmbeddingSettings(db: Db, input: unknown, userId: string): Promise<EmbeddingSettings> {
  const parsed = settingsUpdateSchema.safeParse(input);
  if (!parsed.success)
    throw new ServiceError("BAD_REQUEST", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const current = await getEmbeddingSettings(db);
  const { theme, allowedOrigins, ...rest } = parsed.data;
  const next: EmbeddingSettings = {
    ...current,
    ...rest,
    ...(allowedOrigins ? { allowedOrigins: [...new Set(allowedOrigins)] } : {}),
    theme: { ...current.theme, ...theme },
  };
  await db
    .insert(orgSettings)
    .values({ key: KEY, value: next, updatedBy: userId })
    .onConflictDoUpdate({ target: orgSettings.key, set: { value: next, updatedBy: userId, updatedAt: sql`now()` } });
  return next;
}
