/**
 * Installs a connector package by name from the e2e server's registry, or finds it already there:
 * the e2e specs share one server, and the marketplace spec installs every connector from the page.
 */
import { expect, type APIRequestContext } from "@playwright/test";

export async function installConnector(request: APIRequestContext, spec: string): Promise<void> {
  const res = await request.post("/api/trpc/components.registry.install", { data: { spec } });
  if (res.ok()) return;
  const body = await res.json();
  expect(String(body.error?.message), `installing ${spec}`).toMatch(/is already installed/);
}
