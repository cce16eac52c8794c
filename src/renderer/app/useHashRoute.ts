import { useEffect, useState } from 'react';
import { parseHash } from './hash';

// parseHash lives in ./hash (no React): the page's entry reads the route before React loads.
export { parseHash };

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
