/**
 * What a process started, stopped in reverse order on SIGINT/SIGTERM (a worker finishes or hands
 * back its runs, the web server closes, pools end); a second signal stops at once.
 */
const log = (m: string) => console.log(`[junction] ${m}`);

export interface ProcessStops {
  add(stop: () => Promise<void> | void): void;
  /** runs every stop, newest first; a failing one is logged and the rest still run */
  stopAll(): Promise<void>;
}

export function processStops(): ProcessStops {
  const stops: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    while (stops.length) {
      const stop = stops.pop()!;
      await Promise.resolve()
        .then(stop)
        .catch((err) => console.error(`[junction] while stopping: ${(err as Error).message}`));
    }
  };
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) {
      log("stopping now");
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: stopping…`);
    void stopAll().then(() => {
      log("stopped");
      process.exit(0);
    });
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return { add: (stop) => void stops.push(stop), stopAll };
}
