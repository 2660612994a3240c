/**
 * Which npm registry components are installed from: JUNCTION_NPM_REGISTRY (default the public
 * registry) and JUNCTION_NPM_TOKEN, unless the organization's settings name another.
 */
import { RegistryError } from "../packages/registry-error";

export const DEFAULT_REGISTRY = "https://registry.npmjs.org/";

export interface NpmRegistryConfig {
  /** http(s) URL with a trailing slash */
  url: string;
  /** bearer token for a private registry; never shown to users */
  token?: string;
  /** per request; default JUNCTION_NPM_TIMEOUT_MS or 30 s */
  timeoutMs?: number;
}

/** `https://npm.example.com/path` → `https://npm.example.com/path/`; anything but http(s) is refused, naming the field */
export function normalizeRegistryUrl(raw: string, field = "registry URL"): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new RegistryError("invalid-package", `${field}: "${raw}" is not a URL (like https://registry.npmjs.org/)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new RegistryError("invalid-package", `${field}: must be an http(s) URL, got ${url.protocol}`);
  if (url.username || url.password) throw new RegistryError("invalid-package", `${field}: put credentials in the token, not the URL`);
  url.search = "";
  url.hash = "";
  return url.toString().replace(/\/?$/, "/");
}

export function registryFromEnv(env: NodeJS.ProcessEnv = process.env): NpmRegistryConfig {
  const timeout = Number(env.JUNCTION_NPM_TIMEOUT_MS || 30_000);
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new Error(`JUNCTION_NPM_TIMEOUT_MS must be a positive number of milliseconds, got "${env.JUNCTION_NPM_TIMEOUT_MS}"`);
  return {
    url: normalizeRegistryUrl(env.JUNCTION_NPM_REGISTRY || DEFAULT_REGISTRY, "JUNCTION_NPM_REGISTRY"),
    token: env.JUNCTION_NPM_TOKEN || undefined,
    timeoutMs: timeout,
  };
}

/** npm's "nerf dart" for a registry, the key its auth settings are stored under: `//host:port/path/` */
export function nerfDart(url: string): string {
  const u = new URL(url);
  return `//${u.host}${u.pathname.replace(/\/?$/, "/")}`;
}
