import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AREA_TEXTS } from '../../src/renderer/app/areaPages';
import { importEdges } from './importGraph';

// Each area's texts are downloaded with its page (src/renderer/app/areaPages.ts), not with
// the shell. A module that uses another area's words (useTranslation('receivables'),
// t('receivables:rung.sales')) shows its raw keys ("rung.sales") when its area opens first,
// unless the area lists that namespace too. Read from the source: every module an area's
// page loads (statically or when a dialog or tab opens), and the namespaces each one uses.

const root = path.resolve(import.meta.dirname, '../..');
const AREA_PAGES_FILE = 'src/renderer/app/areaPages.ts';
/** The namespaces downloaded apart from the shell (src/renderer/i18n/areaTexts.ts). */
const LAZY = new Set(
  [...fs.readFileSync(path.join(root, 'src/renderer/i18n/areaTexts.ts'), 'utf8').matchAll(/^\s+(\w+): \(\) => import\(/gm)].map(
    (m) => m[1]!,
  ),
);

const edges = importEdges(root, ['src']).filter((e) => !e.typeOnly);
const importsOf = new Map<string, string[]>();
for (const e of edges) importsOf.set(e.from, [...(importsOf.get(e.from) ?? []), e.to]);

/** The area pages named by the loaders in areaPages.ts: `pareto: () => withTexts(import('…/ParetoPage'), …)`. */
function areaPageFiles(): Map<string, string> {
  const text = fs.readFileSync(path.join(root, AREA_PAGES_FILE), 'utf8');
  const pages = new Map<string, string>();
  for (const m of text.matchAll(/^\s+(\w+): \(\) => (?:withTexts\()?import\('([^']+)'\)/gm)) {
    const base = path.join(path.dirname(AREA_PAGES_FILE), m[2]!);
    pages.set(m[1]!, fs.existsSync(path.join(root, `${base}.tsx`)) ? `${base}.tsx` : `${base}.ts`);
  }
  return pages;
}

/** What the page loads, transitively; not the texts' own modules (they hold words, not uses). */
function reachable(page: string): Set<string> {
  const seen = new Set<string>();
  const todo = [page];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f) || f.includes('/i18n/') || f.endsWith('/messages.ts')) continue;
    seen.add(f);
    todo.push(...(importsOf.get(f) ?? []));
  }
  return seen;
}

/** The namespaces a module's code names: useTranslation('ns' | ['ns', …]), t('ns:key'), { ns: 'ns' }. */
export function namespacesUsed(code: string): Set<string> {
  const found = new Set<string>();
  for (const m of code.matchAll(/useTranslation\(\s*(\[[^\]]*\]|'[^']*')/g)) for (const q of m[1]!.matchAll(/'(\w+)'/g)) found.add(q[1]!);
  for (const m of code.matchAll(/\bt\(\s*['`](\w+):/g)) found.add(m[1]!);
  for (const m of code.matchAll(/\bns:\s*'(\w+)'/g)) found.add(m[1]!);
  return found;
}

describe('the texts each area downloads', () => {
  it('reads the namespaces a module uses', () => {
    expect([...namespacesUsed("useTranslation(['pipeline', 'common']); t(`receivables:rung.${r}`); t('x', { ns: 'org' })")].sort()).toEqual(
      ['common', 'org', 'pipeline', 'receivables'].sort(),
    );
  });

  const pages = areaPageFiles();
  it('finds every area page', () => {
    expect([...pages.keys()].sort()).toEqual(Object.keys(AREA_TEXTS).sort());
  });

  // The areas are named in three more places: the navigation (areas.tsx), the build, which cuts
  // a file per area page (electron.vite.config.ts), and the early calls. An area added to one
  // and not the build would be loaded with another's file; not to the navigation, unreachable.
  it('the navigation and the build name the same areas and pages as the loaders', () => {
    const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');
    const nav = [...read('src/renderer/app/areas.tsx').matchAll(/\{ key: '(\w+)', icon: \w+, page: page\('(\w+)'\) \}/g)];
    expect(nav.map((m) => m[1])).toEqual(nav.map((m) => m[2]));
    expect(nav.map((m) => m[1]!).sort()).toEqual([...pages.keys()].sort());
    const config = read('electron.vite.config.ts');
    const built = config.slice(config.indexOf('const AREA_PAGES = {'), config.indexOf('};', config.indexOf('const AREA_PAGES = {')));
    const buildPages = new Map([...built.matchAll(/^\s+(\w+): '([^']+)',$/gm)].map((m) => [m[1]!, `src/${m[2]!}`]));
    expect(buildPages).toEqual(pages);
  });

  for (const [area, page] of pages) {
    it(`${area}: every lazily loaded namespace its modules use is downloaded with it`, () => {
      const missing: string[] = [];
      for (const file of reachable(page)) {
        for (const ns of namespacesUsed(fs.readFileSync(path.join(root, file), 'utf8')))
          if (LAZY.has(ns) && !AREA_TEXTS[area]!.includes(ns as never)) missing.push(`${file} uses '${ns}'`);
      }
      expect(missing).toEqual([]);
    });
  }
});
