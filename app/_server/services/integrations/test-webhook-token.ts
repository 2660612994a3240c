import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrations } from "@/db/schema";
import { flowKey, type Definition } from "@/runtime/definition";
import { publicUrl } from "@/runtime/config/public-url";
import { notFound } from "../errors";

const newToken = () => randomBytes(24).toString("base64url");

function urlsOf(token: string, draft: Definition) {
  const base = `${publicUrl()}/api/test-webhooks/${token}`;
  return { url: base, flows: draft.flows.map((f, i) => ({ name: f.name, url: i === 0 ? base : `${base}/${flowKey(f.name)}` })) };
}

/** The draft's test webhook URLs, made on first ask. */
export async function testWebhook(db: Db, integrationId: string) {
  const [row] = await db
    .select({ token: integrations.testWebhookToken, draft: integrations.draft })
    .from(integrations)
    .where(eq(integrations.id, integrationId));
  if (!row) throw notFound("integration");
  if (row.token) return urlsOf(row.token, row.draft as Definition);
  // two first asks at once agree on one token: only the first write lands
  await db
    .update(integrations)
    .set({ testWebhookToken: newToken() })
    .where(and(eq(integrations.id, integrationId), isNull(integrations.testWebhookToken)));
  const [made] = await db.select({ token: integrations.testWebhookToken }).from(integrations).where(eq(integrations.id, integrationId));
  return urlsOf(made!.token!, row.draft as Definition);
}

/** A new token: the old URL answers 404 from now on. */
export async function rotateTestWebhook(db: Db, integrationId: string) {
  const [row] = await db
    .update(integrations)
    .set({ testWebhookToken: newToken() })
    .where(eq(integrations.id, integrationId))
    .returning({ token: integrations.testWebhookToken, draft: integrations.draft });
  if (!row) throw notFound("integration");
  return urlsOf(row.token!, row.draft as Definition);
}
