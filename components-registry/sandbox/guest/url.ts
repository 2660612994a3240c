/**
 * URL and URLSearchParams for the sandbox, which has neither. Covers what components do with
 * URLs (parse, resolve against a base, read and edit parts and the query); no IDNA/punycode.
 * The host parses every URL again with Node's own URL before fetching.
 */

const SPECIAL_PORTS: Record<string, string> = { "http:": "80", "https:": "443", "ws:": "80", "wss:": "443", "ftp:": "21", "file:": "" };

export class URLSearchParams {
  private list: [string, string][] = [];
  /** set by a URL that owns these params, to keep its `search` in step */
  onChange?: () => void;

  constructor(init?: string | Record<string, string> | Iterable<[string, string]> | URLSearchParams) {
    if (init === undefined || init === null) return;
    if (typeof init === "string") this.list = parseQuery(init);
    else if (init instanceof URLSearchParams) this.list = init.list.map(([k, v]) => [k, v]);
    else if (typeof (init as Iterable<[string, string]>)[Symbol.iterator] === "function") {
      for (const pair of init as Iterable<[string, string]>) this.list.push([String(pair[0]), String(pair[1])]);
    } else for (const [k, v] of Object.entries(init)) this.list.push([k, String(v)]);
  }

  get size(): number {
    return this.list.length;
  }
  append(name: string, value: string): void {
    this.list.push([String(name), String(value)]);
    this.onChange?.();
  }
  delete(name: string): void {
    this.list = this.list.filter(([k]) => k !== name);
    this.onChange?.();
  }
  get(name: string): string | null {
    return this.list.find(([k]) => k === name)?.[1] ?? null;
  }
  getAll(name: string): string[] {
    return this.list.filter(([k]) => k === name).map(([, v]) => v);
  }
  has(name: string): boolean {
    return this.list.some(([k]) => k === name);
  }
  set(name: string, value: string): void {
    const i = this.list.findIndex(([k]) => k === name);
    if (i < 0) this.list.push([String(name), String(value)]);
    else {
      this.list[i] = [String(name), String(value)];
      this.list = this.list.filter(([k], j) => k !== name || j === i);
    }
    this.onChange?.();
  }
  sort(): void {
    this.list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.onChange?.();
  }
  forEach(fn: (value: string, name: string, params: URLSearchParams) => void): void {
    for (const [k, v] of this.list) fn(v, k, this);
  }
  keys(): IterableIterator<string> {
    return this.list.map(([k]) => k)[Symbol.iterator]();
  }
  values(): IterableIterator<string> {
    return this.list.map(([, v]) => v)[Symbol.iterator]();
  }
  entries(): IterableIterator<[string, string]> {
    return this.list.map(([k, v]) => [k, v] as [string, string])[Symbol.iterator]();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
  toString(): string {
    return this.list.map(([k, v]) => `${formEncode(k)}=${formEncode(v)}`).join("&");
  }
  /** replaces the pairs without notifying the owner (used when the owner's search changes) */
  replace(query: string): void {
    this.list = parseQuery(query);
  }
}

function parseQuery(query: string): [string, string][] {
  const q = query.startsWith("?") ? query.slice(1) : query;
  if (q === "") return [];
  return q
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const eq = part.indexOf("=");
      const [k, v] = eq < 0 ? [part, ""] : [part.slice(0, eq), part.slice(eq + 1)];
      return [formDecode(k), formDecode(v)];
    });
}

function formDecode(s: string): string {
  const plus = s.replace(/\+/g, " ");
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus;
  }
}

function formEncode(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, "+")
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** percent-encodes what may not appear raw in a URL part, leaving existing %XX escapes alone */
function encodePart(s: string, extraUnsafe = ""): string {
  let out = "";
  for (const ch of s) {
    if (/[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/.test(ch) && !extraUnsafe.includes(ch)) out += ch;
    else out += encodeURIComponent(ch);
  }
  return out;
}

function normalizePath(path: string): string {
  const out: string[] = [];
  const segments = path.split("/");
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    if (seg === "." || seg.toLowerCase() === "%2e") {
      if (last) out.push("");
    } else if (seg === ".." || /^(\.|%2e){2}$/i.test(seg)) {
      if (out.length > 1) out.pop();
      if (last) out.push("");
    } else out.push(seg);
  }
  const joined = out.join("/");
  return joined.startsWith("/") ? joined : `/${joined}`;
}

interface Parts {
  protocol: string;
  username: string;
  password: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  hash: string;
  special: boolean;
}

function invalid(input: string): TypeError {
  return new TypeError(`Invalid URL: ${input}`);
}

function parseAbsolute(input: string): Parts | null {
  const m = /^([a-zA-Z][a-zA-Z\d+\-.]*):(.*)$/s.exec(input);
  if (!m) return null;
  const protocol = `${m[1].toLowerCase()}:`;
  const special = protocol in SPECIAL_PORTS;
  let rest = m[2];
  let hash = "";
  let search = "";
  const hashAt = rest.indexOf("#");
  if (hashAt >= 0) [rest, hash] = [rest.slice(0, hashAt), rest.slice(hashAt)];
  const qAt = rest.indexOf("?");
  if (qAt >= 0) [rest, search] = [rest.slice(0, qAt), rest.slice(qAt)];
  const parts: Parts = { protocol, username: "", password: "", hostname: "", port: "", pathname: rest, search, hash, special };
  if (special) rest = rest.replace(/\\/g, "/");
  if (rest.startsWith("//")) {
    const slash = rest.indexOf("/", 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    parts.pathname = slash < 0 ? "" : rest.slice(slash);
    const at = authority.lastIndexOf("@");
    const hostPort = at < 0 ? authority : authority.slice(at + 1);
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      const colon = userinfo.indexOf(":");
      parts.username = encodePart(colon < 0 ? userinfo : userinfo.slice(0, colon), ":@/");
      parts.password = colon < 0 ? "" : encodePart(userinfo.slice(colon + 1), ":@/");
    }
    const pm = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
    if (!pm) throw invalid(input);
    parts.hostname = pm[1].toLowerCase();
    parts.port = pm[2] ?? "";
    if (/[\s<>^|%]/.test(parts.hostname)) throw invalid(input);
    if (parts.port !== "" && Number(parts.port) > 65535) throw invalid(input);
    if (parts.port === SPECIAL_PORTS[protocol]) parts.port = "";
  } else if (special && protocol !== "file:") {
    throw invalid(input);
  }
  if (special && protocol !== "file:" && parts.hostname === "") throw invalid(input);
  if (special) parts.pathname = normalizePath(parts.pathname || "/");
  return parts;
}

function resolve(input: string, base: Parts): Parts {
  const r: Parts = { ...base, hash: "" };
  let rest = input;
  const hashAt = rest.indexOf("#");
  if (hashAt >= 0) [rest, r.hash] = [rest.slice(0, hashAt), rest.slice(hashAt)];
  if (rest === "") return r;
  if (rest.startsWith("//")) return parseAbsolute(`${base.protocol}${input}`)!;
  const qAt = rest.indexOf("?");
  const path = qAt < 0 ? rest : rest.slice(0, qAt);
  r.search = qAt < 0 ? "" : rest.slice(qAt);
  if (path === "") {
    if (qAt < 0) r.search = base.search;
    return r;
  }
  const dir = base.pathname.slice(0, base.pathname.lastIndexOf("/") + 1);
  r.pathname = normalizePath(path.startsWith("/") ? path : dir + path);
  return r;
}

export class URL {
  private p: Parts;
  private params?: URLSearchParams;

  constructor(url: string | URL, base?: string | URL) {
    const input = String(url).trim();
    const absolute = parseAbsolute(input);
    if (absolute) this.p = absolute;
    else if (base !== undefined) {
      const b = parseAbsolute(String(base).trim());
      if (!b) throw invalid(String(base));
      this.p = resolve(input, b);
    } else throw invalid(input);
    this.p.pathname = encodePart(this.p.pathname, "?");
    this.p.search = this.p.search === "?" ? "" : encodePart(this.p.search);
    this.p.hash = this.p.hash === "#" || this.p.hash === "" ? "" : `#${encodePart(this.p.hash.slice(1), "")}`;
  }

  static canParse(url: string, base?: string): boolean {
    try {
      new URL(url, base);
      return true;
    } catch {
      return false;
    }
  }

  get protocol() {
    return this.p.protocol;
  }
  set protocol(v: string) {
    this.p.protocol = `${String(v).replace(/:$/, "").toLowerCase()}:`;
  }
  get username() {
    return this.p.username;
  }
  set username(v: string) {
    this.p.username = encodePart(String(v), ":@/");
  }
  get password() {
    return this.p.password;
  }
  set password(v: string) {
    this.p.password = encodePart(String(v), ":@/");
  }
  get hostname() {
    return this.p.hostname;
  }
  set hostname(v: string) {
    this.p.hostname = String(v).toLowerCase();
  }
  get port() {
    return this.p.port;
  }
  set port(v: string | number) {
    const s = String(v);
    this.p.port = s === SPECIAL_PORTS[this.p.protocol] ? "" : s;
  }
  get host() {
    return this.p.port ? `${this.p.hostname}:${this.p.port}` : this.p.hostname;
  }
  set host(v: string) {
    const [h, port = ""] = String(v).split(":");
    this.hostname = h;
    this.port = port;
  }
  get origin() {
    return this.p.special && this.p.protocol !== "file:" ? `${this.p.protocol}//${this.host}` : "null";
  }
  get pathname() {
    return this.p.pathname;
  }
  set pathname(v: string) {
    this.p.pathname = encodePart(this.p.special ? normalizePath(String(v)) : String(v), "?");
  }
  get search() {
    return this.p.search;
  }
  set search(v: string) {
    const s = String(v);
    this.p.search = s === "" || s === "?" ? "" : encodePart(s.startsWith("?") ? s : `?${s}`);
    this.params?.replace(this.p.search);
  }
  get hash() {
    return this.p.hash;
  }
  set hash(v: string) {
    const s = String(v).replace(/^#/, "");
    this.p.hash = s === "" ? "" : `#${encodePart(s)}`;
  }
  get searchParams(): URLSearchParams {
    if (!this.params) {
      this.params = new URLSearchParams(this.p.search);
      this.params.onChange = () => {
        const q = this.params!.toString();
        this.p.search = q ? `?${q}` : "";
      };
    }
    return this.params;
  }
  get href(): string {
    const { protocol, username, password, hostname, pathname, search, hash } = this.p;
    const auth = username || password ? `${username}${password ? `:${password}` : ""}@` : "";
    const authority = hostname || this.p.special ? `//${auth}${this.host}` : "";
    return `${protocol}${authority}${pathname}${search}${hash}`;
  }
  set href(v: string) {
    this.p = new URL(v).p;
    this.params?.replace(this.p.search);
  }
  toString(): string {
    return this.href;
  }
  toJSON(): string {
    return this.href;
  }
}
