import type { DocPage } from '../sections';

// The method's pages, taken from the repository's docs/ folder at build time (as text) and
// loaded when a "?" is first opened, so they are not part of the app's first download.
const loaders = import.meta.glob<string>('../../../../docs/*/*.md', { query: '?raw', import: 'default' });

export function loadDoc(lang: 'en' | 'zh-CN', page: DocPage): Promise<string> {
  const load = loaders[`../../../../docs/${lang}/${page}.md`];
  return load ? load() : Promise.reject(new Error(`docs/${lang}/${page}.md is missing`));
}
