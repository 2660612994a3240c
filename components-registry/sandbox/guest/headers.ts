/** Fetch's Headers for the sandbox: case-insensitive, repeated names joined with ", ". */
export class Headers {
  private map = new Map<string, string>();

  constructor(init?: Record<string, string> | Iterable<[string, string]> | Headers) {
    if (!init) return;
    const pairs =
      init instanceof Headers || typeof (init as Iterable<[string, string]>)[Symbol.iterator] === "function"
        ? (init as Iterable<[string, string]>)
        : Object.entries(init as Record<string, string>);
    for (const [name, value] of pairs) this.append(name, value);
  }

  append(name: string, value: string): void {
    const key = String(name).toLowerCase();
    const prev = this.map.get(key);
    this.map.set(key, prev === undefined ? String(value) : `${prev}, ${value}`);
  }
  set(name: string, value: string): void {
    this.map.set(String(name).toLowerCase(), String(value));
  }
  get(name: string): string | null {
    return this.map.get(String(name).toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(String(name).toLowerCase());
  }
  delete(name: string): void {
    this.map.delete(String(name).toLowerCase());
  }
  forEach(fn: (value: string, name: string, headers: Headers) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
  keys(): IterableIterator<string> {
    return [...this.entries()].map(([k]) => k)[Symbol.iterator]();
  }
  values(): IterableIterator<string> {
    return [...this.entries()].map(([, v]) => v)[Symbol.iterator]();
  }
  entries(): IterableIterator<[string, string]> {
    return [...this.map.entries()].sort(([a], [b]) => (a < b ? -1 : 1))[Symbol.iterator]();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}
