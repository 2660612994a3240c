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

/** a reader's tally: charges each chunk as it arrives and hands the whole back at the end */
export function tally(budget: CallBudget | undefined) {
  let held = 0;
  return {
    add(n: number) {
      budget?.take(n);
      held += n;
    },
    done() {
      budget?.give(held);
      held = 0;
    },
  };
}
