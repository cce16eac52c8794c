import path from 'node:path';

// The security settings and rules in one place, so a test can assert them without Electron.
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://bundle`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // Ant Design and ag-grid inject style elements at run time; no script is inline.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Only the app's own pages may be shown; everything else is refused. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** What ipc.ts knows about the frame that sent a message (null: the frame is gone). */
export interface IpcSender {
  url: string;
  isMainFrame: boolean;
}

/**
 * The sender rule: only the app's own top-level page may call a channel. A subframe (even
 * one of ours), a page of any other origin, a frame being torn down (no URL) are refused.
 */
export function isTrustedSender(sender: IpcSender | null | undefined): boolean {
  return !!sender && sender.isMainFrame === true && isAppUrl(sender.url);
}

/**
 * The file under `root` that an app:// request names, or null when it names anything else.
 * Decoded once; what is still encoded after that (a doubled %252e), backslashes, NUL and
 * other control characters, drive letters or streams (:), empty, '.' or '..' segments
 * (also when spelled %2e%2e or ..%2f), and another host are refused rather than
 * interpreted. `p` is node:path; a test passes path.win32 to check Windows rules on Linux.
 */
export function appPathFor(root: string, requestUrl: string, p: path.PlatformPath = path): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== 'bundle') return null;
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return null; // a malformed escape
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  if (!rel.startsWith('/') || /[\\%:\u0000-\u001f\u007f]/.test(rel)) return null;
  const segments = rel.slice(1).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  const base = p.resolve(root);
  const file = p.resolve(base, ...segments);
  return file.startsWith(base + p.sep) ? file : null;
}
