/**
 * What one action call may hold of the host at once: network operations (fetch, SFTP) running
 * together, and bytes of responses and files being read. A step that starts 10,000 fetches gets
 * them run `maxOps` at a time (the rest wait their turn, up to MAX_WAITING, then are refused);
 * reads that together pass `maxBytes` fail with an error naming the setting.
 */
/** operations that may wait for a turn before further ones are refused */
const MAX_WAITING = 1000;

export class CallBudget {
  private running = 0;
  private waiting: (() => void)[] = [];
  private bytes = 0;

  constructor(
    private maxOps: number,
    private maxBytes: number,
  ) {}

  /** runs `op` when fewer than maxOps of this call's operations are running */
  async run<T>(op: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxOps) {
      if (this.waiting.length >= MAX_WAITING) {
        throw new Error(
          `The step has more than ${this.maxOps} network operations running and ${MAX_WAITING} waiting (JUNCTION_SANDBOX_HOST_CONCURRENCY): wait for some before starting more`,
        );
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      return await op();
    } finally {
      // the turn passes straight to the next waiter, if any
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** counts `n` more bytes held by this call's reads; throws past the limit */
  take(n: number): void {
    if (this.bytes + n > this.maxBytes) {
      throw new Error(
        `The step's network reads hold more than ${this.maxBytes / 1024 / 1024} MB at once (JUNCTION_SANDBOX_INFLIGHT_MB): read fewer at a time`,
      );
    }
    this.bytes += n;
  }

  /** gives back bytes once the read they belonged to has been handed over or failed */
  give(n: number): void {
    this.bytes = Math.max(0, this.bytes - n);
  }
}

/**
 * Reads a stream (a response body, a file) into a fresh buffer of exactly its size — nothing else
 * of the host's memory crosses over — refusing past `max` bytes and charging the call's budget
 * while it reads (several reads of one call add up). On a throw the caller discards the stream.
 */
export async function readCapped(
  stream: AsyncIterable<Uint8Array>,
  max: number,
  tooLarge: () => Error,
  budget?: CallBudget,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += chunk.byteLength;
      if (size > max) throw tooLarge();
      budget?.take(chunk.byteLength);
      chunks.push(chunk);
    }
  } finally {
    // what was charged goes back whether the read ended or failed
    budget?.give(chunks.reduce((n, c) => n + c.byteLength, 0));
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}
