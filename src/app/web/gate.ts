import type http from 'node:http';

// Who may talk to `npm run web`: only the page this server served, in a browser on this
// machine. Cookies are not scoped by port and a SameSite=Strict cookie still goes with a
// request from any other 127.0.0.1 page (same site), so the cookie proves nothing about the
// caller: the API takes its token only from a header that the page's own script adds
// (another origin cannot add one without a CORS preflight, which this server never
// grants), and any request a browser marks as coming from elsewhere is refused.

export type RouteKind = 'api' | 'page';

/** API, upload, file and download routes: token in the x-sw-token header only. */
export function routeKind(method: string | undefined, pathname: string): RouteKind {
  if (pathname.startsWith('/api/') || pathname === '/upload' || pathname.startsWith('/files/') || pathname.startsWith('/download/'))
    return 'api';
  return method === 'GET' || method === 'HEAD' ? 'page' : 'api';
}

/**
 * The Host header must name this server as the browser reached it: a DNS name that was
 * rebound to 127.0.0.1 (evil.example:PORT) reaches the socket but not the app.
 */
export function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export type Verdict = { ok: true } | { ok: false; status: number; reason: string };

/**
 * Refuses what a browser labels as coming from another origin. A browser sends Origin on
 * every POST (and on CORS requests) and Sec-Fetch-Site on every request; clients that are
 * not browsers (the CLI test, curl) send neither and are judged by the token alone.
 * Sec-Fetch-Site 'none' is a navigation the user started (typed or pasted the URL): allowed
 * for the page, never for the API.
 */
export function originAllowed(headers: http.IncomingHttpHeaders, kind: RouteKind, scheme: 'http' | 'https' = 'http'): Verdict {
  // https only when the deployer says TLS terminates in front (the team server's --behind-tls,
  // with a proxy that keeps the Host header); `npm run web` is plain http on loopback.
  const own = `${scheme}://${headers.host ?? ''}`;
  const origin = headers.origin;
  if (origin !== undefined && origin !== own) return { ok: false, status: 403, reason: `requests from ${origin} are not accepted` };
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && !(kind === 'page' && site === 'none')) {
    return { ok: false, status: 403, reason: `cross-origin request refused (Sec-Fetch-Site: ${site})` };
  }
  return { ok: true };
}

/** The value of one cookie, or undefined. */
export function cookieValue(cookie: string | undefined, name: string): string | undefined {
  for (const part of (cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
