/** '#/accounts?id=…' → { area: 'accounts', params }. Hash routing works under app:// and http alike. */
export function parseHash(hash: string): { area: string; params: URLSearchParams } {
  const h = hash.replace(/^#\/?/, '');
  const [area = '', query = ''] = h.split('?');
  return { area, params: new URLSearchParams(query) };
}
