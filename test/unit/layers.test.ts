import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importEdges } from './importGraph';
import { violations, why } from './layerRule';

// Issue 19: layers point down (shared <- platform <- features <- app <- shells), a feature never
// imports another feature's server/ or ui/, UI code never imports main-process code. The rule is
// in layerRule.ts; `npx tsx scripts/importGraph.ts --files` prints the graph and what breaks it.

const root = path.resolve(import.meta.dirname, '../..');

describe('layers point down', () => {
  const edges = importEdges(root);

  it('reads the import graph of src/ and electron/', () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges.some((e) => e.from === 'src/app/handlers.ts' && e.to === 'src/features/books/server/handlers.ts')).toBe(true);
  });

  it('no shipped import breaks the rule', () => {
    expect(
      violations(edges).map((v) => `${v.from} -> ${v.to}: ${v.why}`),
      'imports that break the layer rule',
    ).toEqual([]);
  });

  it('names what each kind of upward import breaks', () => {
    const edge = (from: string, to: string, typeOnly = false) => ({ from, to, specifier: '', typeOnly });
    expect(why(edge('src/shared/money.ts', 'src/features/accounts/contract.ts'))).toBe('shared imports feature (points up)');
    expect(why(edge('src/platform/registry.ts', 'src/app/contract.ts'))).toBe('platform imports app (points up)');
    expect(why(edge('src/features/pareto/server/repo.ts', 'src/app/handlers.ts'))).toBe('feature imports app (points up)');
    expect(why(edge('src/features/pareto/server/repo.ts', 'src/features/accounts/server/repo.ts'))).toBe(
      'feature pareto imports accounts/server',
    );
    expect(why(edge('src/features/pareto/server/repo.ts', 'src/features/accounts/contract.ts'))).toBeNull();
    expect(why(edge('src/features/pareto/ui/ParetoPage.tsx', 'src/platform/db/connection.ts'))).toBe('UI code imports main-process code');
    expect(why(edge('src/renderer/api/client.ts', 'src/app/contract.ts', true))).toBeNull();
    expect(why(edge('src/renderer/api/client.ts', 'src/app/contract.ts', false))).toBe('UI code imports main-process code');
    expect(why(edge('src/app/cli/main.ts', 'src/platform/db/connection.ts'))).toBeNull();
  });
});
