/**
 * The CLI's way to the server: a typed tRPC client (the same router types the web app uses, so a
 * renamed procedure breaks `tsc`, not a user) that sends the API token as a bearer token, and
 * the one plain HTTP call tRPC does not cover: better-auth's email sign-in.
 */
import { createTRPCClient, httpLink, type TRPCClient } from "@trpc/client";
import type { AppRouter } from "@/app/_server/routers";
import { resolveConnection, type Connection } from "./config";
import { CliError, describeServerError, loginHint } from "./errors";

export type Api = TRPCClient<AppRouter>;

/** A client for `url` that authenticates with `token` (a session cookie instead, during login). */
export function createApi(url: string, auth: { token?: string; cookie?: string }): Api {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/api/trpc`,
        headers: () => ({
          ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
          ...(auth.cookie ? { cookie: auth.cookie } : {}),
        }),
      }),
    ],
  });
}

export interface Session {
  api: Api;
  connection: Connection & { token: string };
  /** runs one server call and turns its failure into a one-line CliError */
  call<T>(fn: (api: Api) => Promise<T>): Promise<T>;
}

/** The signed-in client, or a CliError telling how to sign in. */
export function connect(env: Record<string, string | undefined> = process.env): Session {
  const connection = resolveConnection(env);
  if (!connection.token) throw new CliError(`not signed in to ${connection.url}: ${loginHint(connection.url)}`);
  const withToken = { ...connection, token: connection.token };
  const api = createApi(connection.url, { token: connection.token });
  return {
    api,
    connection: withToken,
    async call(fn) {
      try {
        return await fn(api);
      } catch (err) {
        throw describeServerError(err, connection.url);
      }
    },
  };
}

/**
 * better-auth's email sign-in; returns the session cookie to create an API token with. The Origin
 * header is the server's own, as a browser on that page would send it.
 */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: new URL(url).origin },
      body: JSON.stringify({ email, password }),
    });
  } catch (err) {
    throw describeServerError(err, url);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    if (res.status === 401 || res.status === 403) throw new CliError(`sign-in refused: ${body?.message ?? "wrong email or password"}`);
    if (res.status === 404) throw new CliError(`the server at ${url} has no Junction sign-in (HTTP 404): is the URL right?`);
    throw new CliError(`sign-in failed at ${url} (HTTP ${res.status})${body?.message ? `: ${body.message}` : ""}`);
  }
  const cookies = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter(Boolean);
  if (cookies.length === 0) throw new CliError(`the server at ${url} signed you in but sent no session cookie`);
  return cookies.join("; ");
}
