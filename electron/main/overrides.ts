// Developer overrides are environment variables named SW_* (SW_DB: another book file,
// SW_NATIVE_BINDING: another better-sqlite3 build, SW_MIGRATIONS_DIR, SW_VALIDATE_OUTPUT,
// SW_QUIET, and any added later). They exist for `npm start`, tests and benchmarks. In the
// packaged app they would let anyone who can set an environment variable load native code
// or point the app at another file — what the RunAsNode and NODE_OPTIONS fuses exist to
// prevent — so there every one of them is ignored. Plain data in, plain data out: no Electron.

export interface DeveloperOverrides {
  /** The book file to open instead of the one in the user-data folder. */
  db?: string;
  /** A better-sqlite3 .node build to load before the bundled one. */
  nativeBinding?: string;
  /** SW_* names present in the environment but not honoured: main removes them from process.env. */
  ignored: string[];
}

export function developerOverrides(env: Record<string, string | undefined>, isPackaged: boolean): DeveloperOverrides {
  const names = Object.keys(env).filter((k) => /^SW_/i.test(k) && env[k] !== undefined);
  if (isPackaged) return { ignored: names.sort() };
  const value = (k: string) => (env[k] ? env[k] : undefined);
  return {
    ...(value('SW_DB') ? { db: value('SW_DB') } : {}),
    ...(value('SW_NATIVE_BINDING') ? { nativeBinding: value('SW_NATIVE_BINDING') } : {}),
    ignored: [],
  };
}
