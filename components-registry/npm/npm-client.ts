/**
 * A small npm registry client on pacote: the packument of a package, the version a spec resolves
 * to, its tarball checked against the registry's integrity (ssri), and keyword search. Every
 * failure is a RegistryError naming the registry, never its token.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pacote from "pacote";
import semver from "semver";
import ssri from "ssri";
import { RegistryError } from "../packages/registry-error";
import { parsePackageSpec } from "./package-spec";
import { nerfDart, type NpmRegistryConfig } from "./registry-config";

/** the keyword a package carries to be listed as a Junction component */
export const COMPONENT_KEYWORD = "junction-component";

export interface PackumentVersion {
  name: string;
  version: string;
  description?: string;
  keywords?: string[];
  dependencies?: Record<string, string>;
  bundleDependencies?: string[] | boolean;
  bundledDependencies?: string[] | boolean;
  deprecated?: string;
  dist: { tarball: string; integrity?: string; shasum?: string; unpackedSize?: number };
}

export interface Packument {
  name: string;
  description?: string;
  readme?: string;
  keywords?: string[];
  "dist-tags": Record<string, string>;
  versions: Record<string, PackumentVersion>;
  time?: Record<string, string>;
}

export interface ResolvedVersion {
  name: string;
  version: string;
  /** SRI string (sha512 normally; sha1 from `shasum` for very old packages) */
  integrity: string;
  tarball: string;
  manifest: PackumentVersion;
}

export interface SearchHit {
  name: string;
  version: string;
  description: string;
  keywords: string[];
  date?: string;
}

export interface NpmClient {
  readonly url: string;
  packument(name: string): Promise<Packument>;
  resolve(spec: string): Promise<ResolvedVersion>;
  /** the tarball's bytes, refused unless they match `resolved.integrity` */
  download(resolved: ResolvedVersion): Promise<Buffer>;
  search(text: string, size?: number): Promise<SearchHit[]>;
}

const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);

export function createNpmClient(config: NpmRegistryConfig): NpmClient {
  const url = config.url;
  const timeout = config.timeoutMs ?? 30_000;

  /** pacote's options with a cache of its own, removed after each call, so nothing stale or tampered outlives it */
  async function withPacote<T>(fn: (opts: pacote.Options) => Promise<T>): Promise<T> {
    const cache = mkdtempSync(join(tmpdir(), "junction-npm-"));
    try {
      return await fn({
        registry: url,
        cache,
        fullMetadata: true,
        preferOnline: true,
        timeout,
        ...({ fetchRetries: 1, fetchRetryMintimeout: 100, fetchRetryMaxtimeout: 500 } as object),
        ...(config.token ? { [`${nerfDart(url)}:_authToken`]: config.token } : {}),
      } as pacote.Options);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }

  function refusal(err: unknown, what: string): RegistryError {
    if (err instanceof RegistryError) return err;
    const e = err as { code?: string; statusCode?: number; type?: string; message?: string };
    const status = e.statusCode ?? Number(/^E(\d{3})$/.exec(e.code ?? "")?.[1] ?? NaN);
    if (status === 404) return new RegistryError("not-found", `no package ${what} in registry ${url}`);
    if (e.code === "EINTEGRITY")
      return new RegistryError("integrity", `the tarball of ${what} from ${url} does not match its published integrity: refused`);
    if (status === 401 || status === 403)
      return new RegistryError(
        "unreachable",
        `the npm registry ${url} refused access to ${what} (${status}): set a token for it (Settings → Component registry or JUNCTION_NPM_TOKEN)`,
      );
    if (Number.isFinite(status)) return new RegistryError("unreachable", `the npm registry ${url} answered ${status} for ${what}`);
    const code =
      e.code && (UNREACHABLE.has(e.code) || e.code.startsWith("ERR_SOCKET")) ? e.code : e.type === "request-timeout" ? "timeout" : e.code;
    return new RegistryError(
      "unreachable",
      `the npm registry ${url} is down or unreachable (${code ?? (e.message || "no answer").slice(0, 200)}) while fetching ${what}`,
    );
  }

  async function packument(name: string): Promise<Packument> {
    try {
      return (await withPacote((opts) => pacote.packument(name, { ...opts, fullMetadata: true }))) as unknown as Packument;
    } catch (err) {
      throw refusal(err, name);
    }
  }

  async function resolve(raw: string): Promise<ResolvedVersion> {
    const spec = parsePackageSpec(raw);
    const doc = await packument(spec.name);
    const versions = Object.keys(doc.versions ?? {}).filter((v) => semver.valid(v));
    const tags = doc["dist-tags"] ?? {};
    let version: string | undefined;
    if (spec.kind === "tag") version = tags[spec.selector];
    else if (spec.kind === "version") version = doc.versions[spec.selector] ? spec.selector : undefined;
    else {
      // npm's rule: the latest tag when it satisfies the range, otherwise the highest that does
      const latest = tags.latest;
      version = latest && semver.satisfies(latest, spec.selector) ? latest : (semver.maxSatisfying(versions, spec.selector) ?? undefined);
    }
    if (!version || !doc.versions[version]) {
      const listed = versions.sort(semver.rcompare).slice(0, 30).join(", ") || "none";
      const tagList = Object.entries(tags)
        .map(([t, v]) => `${t} → ${v}`)
        .join(", ");
      throw new RegistryError(
        "not-found",
        `no version of ${spec.name} in ${url} matches "${spec.selector}"; versions: ${listed}${tagList ? `; dist-tags: ${tagList}` : ""}`,
      );
    }
    const manifest = doc.versions[version];
    const integrity = manifest.dist?.integrity ?? (manifest.dist?.shasum ? ssri.fromHex(manifest.dist.shasum, "sha1").toString() : "");
    if (!integrity || !ssri.parse(integrity))
      throw new RegistryError("integrity", `${spec.name}@${version} in ${url} publishes no integrity for its tarball: refused`);
    return { name: spec.name, version, integrity, tarball: manifest.dist.tarball, manifest };
  }

  async function download(resolved: ResolvedVersion): Promise<Buffer> {
    const what = `${resolved.name}@${resolved.version}`;
    let data: Buffer;
    try {
      data = await withPacote((opts) => pacote.tarball(what, { ...opts, integrity: resolved.integrity, resolved: resolved.tarball }));
    } catch (err) {
      throw refusal(err, what);
    }
    // pacote checked it already; checked again here so no path around the check exists
    if (!ssri.checkData(data, resolved.integrity))
      throw new RegistryError("integrity", `the tarball of ${what} from ${url} does not match its published integrity: refused`);
    return data;
  }

  async function searchOnce(text: string, size: number): Promise<SearchHit[]> {
    const query = new URL(`-/v1/search?text=${encodeURIComponent(text)}&size=${size}`, url);
    let res: Response;
    try {
      res = await fetch(query, {
        headers: { accept: "application/json", ...(config.token ? { authorization: `Bearer ${config.token}` } : {}) },
        signal: AbortSignal.timeout(timeout),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause;
      throw refusal(
        { code: cause?.code ?? ((err as Error).name === "TimeoutError" ? "ETIMEDOUT" : undefined), message: (err as Error).message },
        "a search",
      );
    }
    if (!res.ok) throw refusal({ statusCode: res.status === 404 ? 501 : res.status }, "a search");
    const body = (await res.json().catch(() => null)) as { objects?: { package?: Partial<SearchHit> }[] } | null;
    if (!body || !Array.isArray(body.objects))
      throw new RegistryError("unreachable", `the npm registry ${url} answered a search with no results list`);
    return body.objects
      .map((o) => o.package)
      .filter((p): p is Partial<SearchHit> & { name: string } => typeof p?.name === "string")
      .map((p) => ({
        name: p.name,
        version: String(p.version ?? (p as { "dist-tags"?: { latest?: string } })["dist-tags"]?.latest ?? ""),
        description: String(p.description ?? ""),
        keywords: Array.isArray(p.keywords) ? p.keywords.map(String) : [],
        date: typeof p.date === "string" ? p.date : undefined,
      }));
  }

  /**
   * npm understands `keywords:` in the text; verdaccio does not (it matches names only), so a
   * search that finds nothing that way is asked again as plain text, keeping components only.
   */
  async function search(text: string, size = 50): Promise<SearchHit[]> {
    const plain = text.trim();
    const isComponent = (h: SearchHit) => h.keywords.includes(COMPONENT_KEYWORD);
    const hits = (await searchOnce(`keywords:${COMPONENT_KEYWORD}${plain ? ` ${plain}` : ""}`, size)).filter(isComponent);
    if (hits.length) return hits;
    return (await searchOnce(plain, size)).filter(isComponent);
  }

  return { url, packument, resolve, download, search };
}

/** dependencies the tarball does not carry: the sandbox bundle is made from the tarball alone */
export function unbundledDependencies(manifest: PackumentVersion): string[] {
  const bundled = manifest.bundleDependencies ?? manifest.bundledDependencies;
  if (bundled === true) return [];
  const inside = new Set(Array.isArray(bundled) ? bundled : []);
  // the SDK is the host's, not a package the tarball needs
  return Object.keys(manifest.dependencies ?? {}).filter((d) => !inside.has(d) && d !== "@junction/sdk");
}
