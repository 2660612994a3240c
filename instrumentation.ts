/**
 * Next.js runs `register` once when its server starts, in its own bundle: the web app's own
 * startup work. On an empty database, JUNCTION_ADMIN_EMAIL + JUNCTION_ADMIN_PASSWORD create the
 * first administrator; the log says how to sign in.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { processServices } = await import("./server/services");
  const { ensureEnvAdmin } = await import("./app/_server/services/users/ensure-env-admin");
  const admin = await ensureEnvAdmin(processServices().db);
  const url = process.env.JUNCTION_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const email = process.env.JUNCTION_ADMIN_EMAIL;
  if (admin === "created") console.log(`[junction] created the administrator ${email}`);
  console.log(
    admin === "not-configured"
      ? `[junction] first visit: open ${url} and create the first administrator`
      : `[junction] sign in at ${url}/sign-in${email ? ` as ${email}` : ""}`,
  );
}
