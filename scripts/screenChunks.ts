import path from 'node:path';

// How the renderer's code is cut into files (Vite's `output.codeSplitting`). Left to
// itself the bundler cuts one file per set of screens sharing a module: the accounts screen
// loaded 33 of them, the other areas 41–53. A browser opens at most six connections to a
// host, so each further file queues behind the others: on a network (the team server's
// browser mode) each costs a round trip. (On the bench's loopback the first rows did not move
// measurably: the first screen is bound by compiling and running its script.) Here the
// accounts screen loads six files and the other areas 13–26:
// - `shell`: what the frame needs (the static imports of start.tsx);
// - `grid`: ag-grid (the accounts grid and the other screens' tables);
// - `charts`: ECharts, for the screens that draw one;
// - one file per area (`accounts`, `pareto`, …) with what only it uses;
// - `shared`: what the accounts screen (opened by most sessions) shares with other areas;
// - `antd`: Ant Design as the frame's controls and the accounts toolbar use it, and the parts
//   of it every other screen loads (Table, Spin…). The accounts screen shows its rows
//   without it and loads it next (src/renderer/components/firstScreen.ts); the other screens
//   load it with their page.
// A module's place follows the static imports, what the module really loads. Ant Design and
// its icons are imported through one index file that names every component: followed as
// is, that index would put the whole library in the shell. Such an index is followed only
// to the components a module names in its import.

type Info = { importedIds: readonly string[]; code: string | null } | null;
type Ctx = { getModuleInfo(id: string): Info };

const GRID = /node_modules[\\/]ag-grid-(community|react)[\\/]/;
const CHARTS = /node_modules[\\/](echarts|zrender)[\\/]|renderer[\\/]components[\\/]EChart\.tsx$/;
/** Libraries that are files of their own, loaded by the screens that use them. */
const ownFile = (id: string) => GRID.test(id) || CHARTS.test(id);
/** Index files that only re-export a library's components (followed by name, not whole). */
const BARRELS: Record<string, RegExp> = {
  antd: /node_modules[\\/]antd[\\/]es[\\/]index\.js$/,
  '@ant-design/icons': /node_modules[\\/]@ant-design[\\/]icons[\\/]es[\\/]index\.js$/,
};
const isBarrel = (id: string) =>
  Object.values(BARRELS).some((re) => re.test(id)) || /@ant-design[\\/]icons[\\/]es[\\/]icons[\\/]index\.js$/.test(id);

/** The names `code` imports from `from` (`import { A, B as C, type D } from 'from'`), types aside. */
export function namedImports(code: string, from: string): string[] {
  const names: string[] = [];
  const re = new RegExp(`import\\s*(?:type\\s*)?\\{([^}]*)\\}\\s*from\\s*['"]${from.replace(/[/.]/g, '\\$&')}['"]`, 'g');
  for (const m of code.matchAll(re)) {
    if (/^import\s*type/.test(m[0])) continue;
    for (const part of m[1]!.split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+.*/, '')
        .split(/\s+as\s+/)[0]!
        .trim();
      if (name) names.push(name);
    }
  }
  return names;
}

/** Where an index file takes `name` from: its own `export { default as name } from './x'`, or an `export * from` index it names. */
export function barrelTarget(ctx: Ctx, barrelId: string, name: string, depth = 0): string | undefined {
  const info = ctx.getModuleInfo(barrelId);
  if (!info?.code || depth > 3) return undefined;
  const resolveRel = (rel: string) => {
    const base = path.join(path.dirname(barrelId), rel);
    return info.importedIds.find((id) => id === `${base}.js` || id.startsWith(`${base}${path.sep}index.`) || id === base);
  };
  const own = new RegExp(`export\\s*\\{\\s*default\\s+as\\s+${name}\\s*\\}\\s*from\\s*['"](\\.[^'"]+)['"]`).exec(info.code);
  if (own) return resolveRel(own[1]!);
  for (const star of info.code.matchAll(/export\s*\*\s*from\s*['"](\.[^'"]+)['"]/g)) {
    const next = resolveRel(star[1]!);
    const found = next && barrelTarget(ctx, next, name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The modules `starts` load statically (ag-grid and other stops excluded), index files followed by name. */
export function staticModules(ctx: Ctx, starts: string[], stop: (id: string) => boolean): Set<string> {
  const seen = new Set<string>();
  const todo = [...starts];
  while (todo.length) {
    const id = todo.pop()!;
    if (seen.has(id) || stop(id)) continue;
    seen.add(id);
    const info = ctx.getModuleInfo(id);
    if (!info) continue;
    for (const dep of info.importedIds) {
      if (!isBarrel(dep)) {
        todo.push(dep);
        continue;
      }
      const from = Object.entries(BARRELS).find(([, re]) => re.test(dep))?.[0];
      for (const name of from && info.code ? namedImports(info.code, from) : []) {
        const target = barrelTarget(ctx, dep, name);
        if (target) todo.push(target);
      }
    }
  }
  return seen;
}

/** Whether a module loads ag-grid (statically, at any depth). */
function gridLoaders(ctx: Ctx): (id: string) => boolean {
  const known = new Map<string, boolean>();
  const loads = (id: string): boolean => {
    if (GRID.test(id)) return true;
    if (isBarrel(id)) return false;
    const had = known.get(id);
    if (had !== undefined) return had;
    known.set(id, false); // a cycle adds nothing
    const yes = (ctx.getModuleInfo(id)?.importedIds ?? []).some(loads);
    known.set(id, yes);
    return yes;
  };
  return loads;
}

/** A library's module (placed in `antd` when an island reaches it), not the app's own. */
const LIBRARY = /node_modules[\\/]/;

/**
 * Vite's `build.rollupOptions.output.codeSplitting` for the renderer under `srcRoot`.
 * `antdIslands`: the modules drawn with Ant Design that load after the first screen; the
 * libraries they reach form the `antd` file.
 */
export function screenChunks(srcRoot: string, areaPages: Record<string, string>, antdIslands: string[] = []) {
  const at = (f: string) => path.join(srcRoot, f);
  // One placement per chunking pass (the context is the pass's).
  const placements = new WeakMap<Ctx, Map<string, string>>();
  const place = (ctx: Ctx): Map<string, string> => {
    const places = new Map<string, string>();
    // What the page's entry imports stays in its own small file.
    const entry = staticModules(ctx, [at('renderer/main.tsx')], () => false);
    const shell = staticModules(ctx, [at('renderer/start.tsx')], (id) => ownFile(id) || entry.has(id));
    for (const id of shell) places.set(id, 'shell');
    const early = (id: string) => ownFile(id) || entry.has(id) || shell.has(id);
    // What the accounts page itself loads (it shows before the islands) stays out of it.
    const accountsPage = areaPages.accounts ? staticModules(ctx, [at(areaPages.accounts)], early) : new Set<string>();
    const islands = [...staticModules(ctx, antdIslands.map(at), early)].filter((id) => LIBRARY.test(id));
    const antd = new Set(islands.filter((id) => !accountsPage.has(id)));
    // Both (the icons' SVG definitions): in `shared`, which the accounts screen loads, so that
    // `antd` does not import the accounts page's file (and ag-grid with it).
    const both = islands.filter((id) => accountsPage.has(id));
    for (const id of antd) places.set(id, 'antd');
    const outside = (id: string) => ownFile(id) || entry.has(id) || shell.has(id) || antd.has(id);
    // Which areas load each module. One area's own go in its file. What the accounts screen
    // (opened by most sessions) shares with other areas goes in `shared`, or with ag-grid when
    // it loads ag-grid (whoever loads it loads ag-grid anyway). What only the other areas
    // share is left to the bundler, which cuts it by the set of areas using it: merged, an
    // area would download others' code (measured: the Settings screen 1.3 MB → 2.4 MB).
    const reachedBy = new Map<string, string[]>();
    for (const [area, page] of Object.entries(areaPages))
      for (const id of staticModules(ctx, [at(page)], outside)) reachedBy.set(id, [...(reachedBy.get(id) ?? []), area]);
    const loadsGrid = gridLoaders(ctx);
    const others = Object.keys(areaPages).filter((a) => a !== 'accounts').length;
    for (const [id, areas] of reachedBy) {
      if (areas.length === 1) places.set(id, areas[0]!);
      else if (areas.includes('accounts')) places.set(id, loadsGrid(id) ? 'grid' : 'shared');
      // A library every other screen loads (Ant Design's Table, Spin, Form's hooks…) joins
      // `antd`, which they all load anyway, rather than a dozen small files each.
      else if (areas.length === others && LIBRARY.test(id) && !loadsGrid(id)) places.set(id, 'antd');
    }
    for (const id of both) if (!loadsGrid(id)) places.set(id, 'shared');
    return places;
  };
  const placeIn = (ctx: Ctx) => {
    if (!placements.has(ctx)) placements.set(ctx, place(ctx));
    return placements.get(ctx)!;
  };
  // A group takes exactly the modules placed in it: what they import is already placed (in
  // the entry, the shell, a library's file or a shared file), so the bundler is not asked to
  // pull it in (its includeDependenciesRecursively would move the entry's modules out of the
  // entry and into the shell).
  const group = (name: string, priority: number) => ({
    name: (id: string, ctx: Ctx) => (placeIn(ctx).get(id) === name ? name : null),
    priority,
    includeDependenciesRecursively: false,
  });
  return {
    groups: [
      group('shell', 50),
      group('antd', 48),
      { name: (id: string, ctx: Ctx) => (GRID.test(id) || placeIn(ctx).get(id) === 'grid' ? 'grid' : null), priority: 45 },
      { name: 'charts', test: (id: string) => CHARTS.test(id), priority: 40 },
      group('shared', 30),
      ...Object.keys(areaPages).map((area) => group(area, 10)),
    ],
  };
}
