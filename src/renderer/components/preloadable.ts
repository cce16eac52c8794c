// Code in its own chunk that can be started before it is rendered (a screen's page, a tab's
// view), and then rendered by React.lazy without a second wait. Free of React so the page's
// entry can hold it.

export interface Preloadable<M> {
  /** Starts the download (once). */
  start(): void;
  /**
   * For React.lazy(() => x.lazy()). When the module has already arrived, the answer is given
   * at once, so it renders in the first pass: with a promise, even a settled one, React.lazy
   * suspends, and React then holds the revealed content back for up to 300 ms after the
   * fallback was shown (its Suspense throttle). Measured on the accounts screen's cold start,
   * that wait was about 200 ms of idle time before the grid could ask for its rows.
   */
  lazy(): Promise<M>;
  /** Resolves when the module has arrived or failed to (starting it if need be). */
  settled(): Promise<void>;
}

export function preloadable<M>(load: () => Promise<M>): Preloadable<M> {
  let promise: Promise<M> | null = null;
  let arrived: { module: M } | null = null;
  const start = () => {
    if (promise) return promise;
    promise = load();
    promise.then(
      (module) => (arrived = { module }),
      () => {},
    );
    return promise;
  };
  return {
    start: () => void start(),
    settled: () =>
      start().then(
        () => {},
        () => {},
      ),
    lazy() {
      const loading = start();
      const immediate = {
        then(ok: (m: M) => unknown, fail?: (err: unknown) => unknown) {
          if (arrived) ok(arrived.module);
          else void loading.then(ok, fail);
        },
      };
      // React.lazy only calls then(ok, fail) on what the loader returns.
      return immediate as unknown as Promise<M>;
    },
  };
}

/**
 * Resolves when `ready` settles or after `ms`, whichever comes first: what waits on code to
 * render with it waits no longer than that on a stalled download (it then renders without).
 */
export function settledWithin(ready: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    ready.then(done, done);
  });
}
