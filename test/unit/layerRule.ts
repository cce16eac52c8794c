import type { ImportEdge } from './importGraph';

// The layer rule (issue 19): imports point down.
//
//   src/shared            types, money, dates, errors, the contract helpers (define.ts, system.ts)
//   src/platform          db, excel readers/writers, jobs, backups, registry, settings, book files
//   src/features/<f>      contract.ts + domain.ts (both sides), server/ (main process), ui/ (renderer)
//   src/app               composition root: merged contract, handler registration, CLI, web server, demo
//   electron/, renderer   shells
//
// The renderer's kit (api client, components, grid, i18n helpers, prefs, hash route) is the UI
// side's platform: feature ui/ uses it, so it ranks with src/platform and may not import features
// back; the rest of src/renderer (App, areas, main, the merged i18n) is the shell.
// Besides rank: a feature never imports another feature's server/ or ui/ (only its contract.ts
// and domain.ts); UI code never imports Node code (platform, a server/, src/app) except the merged
// contract's types (src/app/contract.ts, type-only); a feature's top files never import its own server/ or ui/.

export interface Violation extends ImportEdge {
  why: string;
}

const RANK = { shared: 0, platform: 1, feature: 2, app: 3, shell: 4 } as const;
type Layer = keyof typeof RANK;

const RENDERER_KIT =
  /^src\/renderer\/(api\/|components\/|grid\/|i18n\/(serverReasons|common|texts)\.ts$|app\/(prefs\.tsx|useHashRoute\.ts|hash\.ts)$)/;

export function layerOf(file: string): Layer | null {
  if (file.startsWith('src/shared/')) return 'shared';
  if (file.startsWith('src/platform/')) return 'platform';
  if (file.startsWith('src/features/')) return 'feature';
  if (file.startsWith('src/app/')) return 'app';
  if (RENDERER_KIT.test(file)) return 'platform';
  if (file.startsWith('src/renderer/') || file.startsWith('electron/')) return 'shell';
  return null;
}

const featureOf = (file: string): { name: string; part: string } | null => {
  const m = /^src\/features\/([^/]+)\/(?:(server|ui)\/)?/.exec(file);
  return m ? { name: m[1]!, part: m[2] ?? 'top' } : null;
};
const isUi = (file: string): boolean => file.startsWith('src/renderer/') || featureOf(file)?.part === 'ui';
const isNodeSide = (file: string): boolean =>
  (['platform', 'app'].includes(layerOf(file) ?? '') && !RENDERER_KIT.test(file)) || featureOf(file)?.part === 'server';
const MERGED_CONTRACT = 'src/app/contract.ts';

export function why(edge: ImportEdge): string | null {
  const { from, to } = edge;
  const a = layerOf(from);
  const b = layerOf(to);
  if (a === null || b === null) return null;
  const fa = featureOf(from);
  const fb = featureOf(to);
  if (isUi(from) && isNodeSide(to) && !(to === MERGED_CONTRACT && edge.typeOnly)) return 'UI code imports main-process code';
  if (RANK[b] > RANK[a] && !(to === MERGED_CONTRACT && edge.typeOnly && isUi(from))) return `${a} imports ${b} (points up)`;
  if (fa && fb && fa.name !== fb.name && fb.part !== 'top') return `feature ${fa.name} imports ${fb.name}/${fb.part}`;
  if (fa && fb && fa.name === fb.name && fa.part === 'top' && fb.part !== 'top')
    return `${fa.name}'s contract/domain imports its own ${fb.part}/`;
  return null;
}

/** The product's entry points: what ships is what these reach. Tests and their helpers may reach up (a test drives the whole app). */
export const ENTRY_POINTS = [
  'electron/main/index.ts',
  'electron/preload/index.ts',
  'src/renderer/main.tsx',
  'src/app/cli/main.ts',
  'src/app/web/main.ts',
];

export function shipped(edges: ImportEdge[], entries = ENTRY_POINTS): Set<string> {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length > 0) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    stack.push(...(next.get(f) ?? []));
  }
  return seen;
}

/** Imports in shipped code that break the rule. */
export function violations(edges: ImportEdge[]): Violation[] {
  const product = shipped(edges);
  const out: Violation[] = [];
  for (const e of edges) {
    if (!product.has(e.from)) continue;
    const w = why(e);
    if (w) out.push({ ...e, why: w });
  }
  return out;
}
