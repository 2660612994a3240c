/**
 * What the CLI tells the user when something fails: one line (or one line per problem), never a
 * stack trace unless `--debug`, and exit code 1. Server errors arrive as tRPC client errors and
 * are turned into these here, in one place.
 */

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    /** the original error, printed with `--debug` */
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A problem the server (or the offline validator) reports about one place in a document or config. */
export interface Problem {
  path: string;
  message: string;
  line?: number;
}

/** `flows[0].steps[1].inputs.url: unknown reference "x" (line 12)`, the same form the server and validator use. */
export const formatProblem = (p: Problem) => `${p.path ? `${p.path}: ` : ""}${p.message}${p.line === undefined ? "" : ` (line ${p.line})`}`;

export const loginHint = (url: string) =>
  `run \`junction login --url ${url} --email <you@example.com>\` or set JUNCTION_TOKEN (and JUNCTION_URL)`;

interface TrpcLikeError {
  name?: string;
  message: string;
  data?: { code?: string; httpStatus?: number; problems?: Problem[] } | null;
  cause?: unknown;
  meta?: { response?: { status?: number } };
}

const isTrpcClientError = (err: unknown): err is TrpcLikeError =>
  err instanceof Error && (err.name === "TRPCClientError" || err.constructor?.name === "TRPCClientError");

/**
 * Why a request never got an answer (ECONNREFUSED, ENOTFOUND, "bad port"…), or undefined when
 * it did. fetch reports these as `TypeError: fetch failed` with the reason as its cause.
 */
function networkCause(err: unknown): string | undefined {
  const chain: Array<{ cause?: unknown; code?: unknown; message?: string; errors?: unknown[] }> = [];
  for (let e = err as (typeof chain)[number] | undefined; e && typeof e === "object" && chain.length < 6; e = e.cause as typeof e)
    chain.push(e);
  const fetchFailed = chain.findIndex((e) => e instanceof TypeError && e.message === "fetch failed");
  if (fetchFailed < 0) return undefined;
  const below = chain.slice(fetchFailed + 1);
  const coded = below.find((e) => typeof e.code === "string");
  const nested = below
    .flatMap((e) => (Array.isArray(e.errors) ? e.errors : []))
    .find((e) => typeof (e as { code?: unknown }).code === "string");
  return (coded?.code as string) ?? (nested as { code?: string } | undefined)?.code ?? below[0]?.message ?? "fetch failed";
}

/** Turns anything thrown while talking to the server at `url` into a CliError a user can act on. */
export function describeServerError(err: unknown, url: string): CliError {
  if (err instanceof CliError) return err;
  const network = networkCause(err);
  const cause = { cause: err };
  if (network) return new CliError(`cannot reach the Junction server at ${url} (${network})`, 1, cause);
  if (!isTrpcClientError(err)) return new CliError(err instanceof Error ? err.message : String(err), 1, cause);

  const data = err.data ?? undefined;
  if (!data) {
    // not a tRPC answer at all: a proxy's error page, or not a Junction server
    const status = err.meta?.response?.status;
    return new CliError(
      `the server at ${url} did not answer like a Junction server${status ? ` (HTTP ${status})` : ""}: ${err.message}`,
      1,
      cause,
    );
  }
  switch (data.code) {
    case "UNAUTHORIZED":
      return new CliError(`not signed in to ${url} (${err.message}): ${loginHint(url)}`, 1, cause);
    case "FORBIDDEN":
      return new CliError(`not allowed: ${err.message}`, 1, cause);
    case "NOT_FOUND":
      return new CliError(/not found/i.test(err.message) ? err.message : `not found: ${err.message}`, 1, cause);
  }
  if (data.problems?.length) {
    // the summary line, then each problem on its own line (the message already lists them; avoid doubling)
    const summary = err.message.split("\n")[0]!.replace(/:$/, "");
    return new CliError([`${summary}:`, ...data.problems.map((p) => `  ${formatProblem(p)}`)].join("\n"), 1, cause);
  }
  return new CliError(err.message, 1, cause);
}
