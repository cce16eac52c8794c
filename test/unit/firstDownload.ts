import fs from 'node:fs';
import path from 'node:path';

/** One chunk of Vite's build manifest (`.vite/manifest.json`), keyed by its source path. */
interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** A chunk cut by scripts/screenChunks.ts (`shell`, `grid`, `charts`, an area's) is found by its name. */
export function chunkNamed(b: RendererBuild, name: string): string {
  const key = Object.keys(b.manifest).find((k) => k.startsWith('_') && b.manifest[k]!.name === name);
  if (!key) throw new Error(`no chunk named ${name} in the build`);
  return key;
}

/** The app's frame (React, i18next, the menu; not Ant Design: src/renderer/components/firstScreen.ts), loaded by the entry for every screen. */
export const SHELL = 'shell';

export interface RendererBuild {
  dir: string;
  manifest: Record<string, ManifestChunk>;
}

export function readRendererBuild(dir: string): RendererBuild {
  return { dir, manifest: JSON.parse(fs.readFileSync(path.join(dir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk> };
}

/** The manifest key of the page's entry (index.html). */
export function entryKey(b: RendererBuild): string {
  const key = Object.keys(b.manifest).find((k) => b.manifest[k]!.isEntry);
  if (!key) throw new Error('no entry in the manifest');
  return key;
}

/** The manifest key whose source path ends with `suffix` (e.g. 'accounts/ui/AccountsPage.tsx'). */
export function keyOf(b: RendererBuild, suffix: string): string {
  const key = Object.keys(b.manifest).find((k) => k.endsWith(suffix));
  if (!key) throw new Error(`${suffix} is not a chunk of its own in the build`);
  return key;
}

/**
 * The chunks a browser must download to run the given chunks: each with its static
 * imports, transitively (dynamic imports load later, when the code asks for them).
 */
export function staticClosure(b: RendererBuild, keys: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...keys];
  while (todo.length) {
    const k = todo.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    todo.push(...(b.manifest[k]!.imports ?? []));
  }
  return seen;
}

/** Bytes of script in those chunks, as served. */
export function scriptBytes(b: RendererBuild, keys: Iterable<string>): number {
  let n = 0;
  for (const k of keys) n += fs.statSync(path.join(b.dir, b.manifest[k]!.file)).size;
  return n;
}

/**
 * The script an area's screen downloads before it can show anything: the entry's closure,
 * the shell's (the entry loads it at once: src/renderer/start.tsx) and the area's page's.
 */
export function screenDownload(b: RendererBuild, area: string): { chunks: Set<string>; bytes: number } {
  const chunks = staticClosure(b, [entryKey(b), chunkNamed(b, SHELL), chunkNamed(b, area)]);
  return { chunks, bytes: scriptBytes(b, chunks) };
}
