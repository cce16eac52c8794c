// Stylesheets imported for their side effect (bundled by Vite).
declare module '*.css';

// Vite's build-time glob import (the method's Markdown pages, taken as text with ?raw).
interface ImportMeta {
  glob<T>(pattern: string, opts: { query: string; import: string; eager?: false }): Record<string, () => Promise<T>>;
}
