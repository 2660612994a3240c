/** Seeding through the real tRPC API (plain JSON, no transformer) with a signed-in request context. */
import { expect, type APIRequestContext } from "@playwright/test";

export async function signIn(request: APIRequestContext, user: { email: string; password: string }): Promise<void> {
  const res = await request.post("/api/auth/sign-in/email", { data: user });
  expect(res.ok(), `sign in as ${user.email}`).toBeTruthy();
}

export async function trpcMutation<T = Record<string, unknown>>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.post(`/api/trpc/${path}`, { data: input });
  const body = await res.json();
  expect(res.ok(), `${path}: ${JSON.stringify(body.error ?? body)}`).toBeTruthy();
  return body.result.data as T;
}

/** A query's HTTP status and body (for refusals as much as for results). */
export async function trpcQuery(
  request: APIRequestContext,
  path: string,
  input: unknown,
): Promise<{ status: number; data: unknown; error?: { message: string } }> {
  const res = await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  const body = await res.json();
  return { status: res.status(), data: body.result?.data, error: body.error };
}
