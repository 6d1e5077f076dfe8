/**
 * Wraps `run` so that calls made while it runs share that run, and the first call after it
 * settles starts a new one. Clearing a shared promise in a `finally` inside `run` is not the
 * same: when `run` ends without awaiting anything, that `finally` runs before the promise is
 * stored, and the stored, settled promise is then handed out forever.
 */
export function singleFlight<A extends unknown[], T>(run: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  let running: Promise<T> | null = null;
  return (...args: A) => {
    running ??= run(...args).finally(() => {
      running = null;
    });
    return running;
  };
}
