/**
 * better-auth: email + password sign-in for organization and customer users. Sign-up is closed:
 * users are created by an admin (or the first-admin setup) through `createUser`.
 */
import { createHmac } from "node:crypto";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError } from "better-auth/api";
import { eq } from "drizzle-orm";
import { nextCookies } from "better-auth/next-js";
import type { Db } from "@/db/client";
import { accounts, sessions, users, verifications } from "@/db/schema";
import { secretKey } from "@/runtime/security/secret-box";
import { CLIENT_ADDRESS_HEADER } from "@/server/http/client-address";

function createAuth(db: Db) {
  return betterAuth({
    appName: "Junction",
    // derived from the one Junction secret, so there is nothing else to configure
    secret: createHmac("sha256", secretKey()).update("better-auth").digest("base64url"),
    baseURL: process.env.JUNCTION_URL,
    basePath: "/api/auth",
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    session: {
      expiresIn: Number(process.env.JUNCTION_SESSION_DAYS ?? 7) * 86_400,
      updateAge: 86_400,
    },
    // a deactivated user's password still matches: no session is made for it (the Team page deactivates)
    databaseHooks: {
      session: {
        create: {
          async before(session) {
            const [user] = await db.select({ deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, session.userId));
            if (user?.deactivatedAt) {
              throw new APIError("FORBIDDEN", { message: "This account has been deactivated: ask an administrator of your team." });
            }
          },
        },
      },
    },
    user: {
      additionalFields: {
        role: { type: "string", input: false, required: true, defaultValue: "builder" },
        customerId: { type: "string", input: false, required: false },
        deactivatedAt: { type: "date", input: false, required: false },
      },
    },
    // same-origin: the page that posts must be served from the host it posts to
    trustedOrigins: (request) => {
      const origins = [process.env.JUNCTION_URL];
      const host = request?.headers.get("host");
      if (host) origins.push(`http://${host}`, `https://${host}`);
      return origins;
    },
    rateLimit: {
      enabled: process.env.JUNCTION_AUTH_RATE_LIMIT !== "off",
      window: 60,
      max: 300,
      customRules: { "/sign-in/email": { window: 60, max: 30 } },
    },
    // its per-address limits key on the address the web server derived (socket, or trusted proxies), never on a header a client sets
    advanced: { ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] } },
    telemetry: { enabled: false },
    // without JUNCTION_URL the origin comes from each request, which is what a self-hosted app wants
    logger: { level: "error" },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

// one per database: its rate limits count in memory
const instances = new WeakMap<Db, Auth>();

export function getAuth(db: Db): Auth {
  let auth = instances.get(db);
  if (!auth) instances.set(db, (auth = createAuth(db)));
  return auth;
}
