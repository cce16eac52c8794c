import { useEffect, useState } from 'react';

/** '#/accounts?id=…' → { area: 'accounts', params }. Hash routing works under app:// and http alike. */
export function parseHash(hash: string): { area: string; params: URLSearchParams } {
  const h = hash.replace(/^#\/?/, '');
  const [area = '', query = ''] = h.split('?');
  return { area, params: new URLSearchParams(query) };
}

export function useHashRoute(): { area: string; params: URLSearchParams } {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return parseHash(hash);
}

export function navigate(area: string, params?: Record<string, string>): void {
  const q = params ? `?${new URLSearchParams(params).toString()}` : '';
  location.hash = `#/${area}${q}`;
}
