import type { ErrorShape } from '../../shared/errors';
import type { FileRef } from '../../shared/contract/system';

export type Result = { ok: true; value: unknown } | { ok: false; error: ErrorShape };

/**
 * How the renderer reaches the handlers. Electron's preload (and the test bridge, which
 * imitates it) put `window.api` in the page: one function per channel. Without it, the
 * page was served by `npm run web` and talks HTTP to the same handlers.
 */
export interface Transport {
  kind: 'preload' | 'http';
  invoke(channel: string, input: unknown): Promise<Result>;
  /** Lets the user choose a file to read; null when cancelled. */
  pickOpen(extensions: string[], purpose: 'import' | 'restore' | 'book'): Promise<FileRef | null>;
  /** Lets the user choose where a file goes; null when cancelled. */
  pickSave(suggestedName: string): Promise<FileRef | null>;
  /** After a handler wrote to a pickSave target (the web transport downloads it now). */
  delivered(ref: FileRef): Promise<void>;
}

type PreloadApi = Record<string, (input: unknown) => Promise<Result>>;

declare global {
  interface Window {
    api?: PreloadApi;
  }
}

export function preloadTransport(api: PreloadApi): Transport {
  const invoke = (channel: string, input: unknown): Promise<Result> => {
    const fn = api[channel];
    if (!fn) return Promise.resolve({ ok: false, error: { code: 'not-found', message: `unknown channel ${channel}` } });
    return fn(input);
  };
  const unwrap = async (r: Promise<Result>) => {
    const res = await r;
    if (!res.ok) throw new Error(res.error.message);
    return res.value as FileRef | null;
  };
  return {
    kind: 'preload',
    invoke,
    pickOpen: (extensions, purpose) => unwrap(invoke('files:pickOpen', { extensions, purpose })),
    pickSave: (suggestedName) => unwrap(invoke('files:pickSave', { suggestedName })),
    delivered: async () => {},
  };
}

const TOKEN_KEY = 'sw-token';

/**
 * The per-start token from the URL the server printed, kept for this tab only. The server
 * accepts it in the address once (the first load) and on the API only in the x-sw-token
 * header, so it is moved out of the address bar and history at once.
 */
function sessionToken(): string {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    history.replaceState(null, '', location.pathname + location.hash);
    keepForReload(fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/**
 * Keeps the token in the tab's storage for a reload: once the page is idle, or as it goes
 * away (a reload), whichever comes first. Not at once: a tab's first use of its storage
 * cost 7–14 ms of the first screen's start in CPU profiles of cold opens.
 */
function keepForReload(token: string): void {
  let kept = false;
  const keep = () => {
    if (kept) return;
    kept = true;
    sessionStorage.setItem(TOKEN_KEY, token);
  };
  addEventListener('pagehide', keep, { once: true });
  if (typeof requestIdleCallback === 'function') requestIdleCallback(keep, { timeout: 3000 });
  else setTimeout(keep, 1000);
}

export function httpTransport(): Transport {
  const token = sessionToken();
  const headers = { 'x-sw-token': token };
  const invoke = async (channel: string, input: unknown): Promise<Result> => {
    const res = await fetch(`/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
    // The team server's browser sessions: an expired or missing session goes to its sign-in page.
    const signIn = res.status === 401 ? res.headers.get('x-sw-sign-in') : null;
    if (signIn === '/sign-in') location.assign(signIn);
    if (res.status === 401)
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message:
            'The session token is missing or wrong: restart `npm run web` and open the new URL it prints (each URL opens the app once).',
        },
      };
    return (await res.json()) as Result;
  };
  return {
    kind: 'http',
    invoke,
    pickOpen: (extensions) =>
      new Promise((resolve, reject) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.accept = extensions.map((e) => `.${e}`).join(',');
        input.setAttribute('data-testid', 'upload-input');
        input.style.display = 'none';
        input.addEventListener('change', async () => {
          const file = input.files?.[0];
          input.remove();
          if (!file) return resolve(null);
          try {
            const res = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', headers, body: file });
            const body = (await res.json()) as Result;
            if (!body.ok) return reject(new Error(body.error.message));
            resolve(body.value as FileRef);
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        });
        input.addEventListener('cancel', () => {
          input.remove();
          resolve(null);
        });
        document.body.appendChild(input);
        input.click();
      }),
    pickSave: async (suggestedName) => {
      const res = await fetch(`/files/new?name=${encodeURIComponent(suggestedName)}`, { method: 'POST', headers });
      const body = (await res.json()) as Result;
      if (!body.ok) throw new Error(body.error.message);
      return body.value as FileRef;
    },
    delivered: async (ref) => {
      // Fetch with the token header, then hand the bytes to the browser as a download.
      const res = await fetch(`/download/${encodeURIComponent(ref.token)}`, { headers });
      if (!res.ok) throw new Error(`download failed (${res.status})`);
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = ref.name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  };
}

export function detectTransport(): Transport {
  return window.api ? preloadTransport(window.api) : httpTransport();
}
