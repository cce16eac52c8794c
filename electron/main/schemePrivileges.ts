import type { CustomScheme } from 'electron';

// The privileges of the app:// scheme the renderer is served from. Pure data (no Electron
// runtime), so a unit test holds it on machines without an Electron binary.
// - standard + secure: a real origin (app://bundle) for the CSP, storage and the sender check.
// - supportFetchAPI: the renderer's modules load through fetch.
// - codeCache: V8 keeps the compiled code of our scripts between starts (Electron ≥ 28;
//   only honoured on a standard scheme). Most of a cold start is compiling ~4 MB of
//   JavaScript; with the cache a second start skips it.
// Not granted: bypassCSP, corsEnabled, allowServiceWorkers, stream.
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
} as const satisfies NonNullable<CustomScheme['privileges']>;
