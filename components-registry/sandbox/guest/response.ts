/** What the sandbox's `fetch` resolves with: the host read the whole body, so reads are instant. */
import { Headers } from "./headers";
import { TextDecoder } from "./text-codec";

export interface HostResponse {
  status: number;
  statusText: string;
  url: string;
  redirected: boolean;
  headers: [string, string][];
  body: Uint8Array;
}

export class Response {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly redirected: boolean;
  readonly headers: Headers;
  private body: Uint8Array;
  bodyUsed = false;

  constructor(r: HostResponse) {
    this.status = r.status;
    this.ok = r.status >= 200 && r.status < 300;
    this.statusText = r.statusText;
    this.url = r.url;
    this.redirected = r.redirected;
    this.headers = new Headers(r.headers);
    this.body = r.body;
  }

  private take(): Uint8Array {
    if (this.bodyUsed) throw new TypeError("Body has already been read");
    this.bodyUsed = true;
    return this.body;
  }
  async bytes(): Promise<Uint8Array> {
    return this.take();
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.take();
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }
  async text(): Promise<string> {
    return new TextDecoder().decode(this.take());
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}
