import fs from 'node:fs';
import path from 'node:path';

// The folder-level import graph of src/ and electron/, read from the source text (no compiler):
// every `import … from`, `export … from`, side-effect import and dynamic import('…') with a
// relative specifier. Used by test/unit/layers.test.ts (the layer rule) and scripts/importGraph.ts.

export interface ImportEdge {
  from: string; // importing file, relative to the repo root, '/'-separated
  to: string; // imported file, same form
  specifier: string;
  typeOnly: boolean; // `import type … from` / `export type … from`: no run-time dependency
}

const SOURCE = /\.(ts|tsx|mts)$/;
const STATEMENT = /(?:^|[\s;}])(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g;
const BARE = /(?:^|[\s;])import\s*['"]([^'"]+)['"]/g;
const DYNAMIC = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function sourceFiles(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const d of dirs) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
  return out.sort();
}

export function specifiers(text: string): { spec: string; typeOnly: boolean }[] {
  const found: { spec: string; typeOnly: boolean }[] = [];
  for (const re of [STATEMENT, BARE, DYNAMIC]) {
    for (const m of text.matchAll(re)) found.push({ spec: m[1]!, typeOnly: /^\W*(import|export)\s+type\s/.test(m[0]) });
  }
  return found;
}

function resolve(fromFile: string, spec: string): string | null {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  }
  return null;
}

export function importEdges(root: string, dirs = ['src', 'electron']): ImportEdge[] {
  const rel = (p: string): string => path.relative(root, p).split(path.sep).join('/');
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(root, dirs)) {
    for (const { spec, typeOnly } of specifiers(fs.readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = resolve(file, spec);
      if (target) edges.push({ from: rel(file), to: rel(target), specifier: spec, typeOnly });
    }
  }
  return edges;
}

/** The folder a file is drawn in: a feature's server/ or ui/ (or its top files), else the first two path parts. */
export function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'src' && parts[1] === 'features') return parts.length > 4 ? parts.slice(0, 4).join('/') : parts.slice(0, 3).join('/');
  return parts.slice(0, Math.min(2, parts.length - 1)).join('/');
}
