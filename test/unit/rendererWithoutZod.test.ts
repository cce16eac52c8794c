import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importEdges, specifiers } from './importGraph';

// The contracts' zod schemas validate in the main process (and in the tests); the renderer
// only needs their types and a few fixed lists, kept in zod-free files beside the contracts
// (pipeline/keys.ts, negotiation/vocabulary.ts, team/teamErrors.ts). A value import of a
// contract from a screen put zod (90 KB) in that screen's download and ~30 ms of its start.

const root = path.resolve(import.meta.dirname, '../..');

/** The files the renderer runs: everything main.tsx reaches by value imports, static or dynamic. */
function rendererFiles(): Set<string> {
  const edges = importEdges(root, ['src']).filter((e) => !e.typeOnly);
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const seen = new Set<string>();
  const todo = ['src/renderer/main.tsx'];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    todo.push(...(out.get(f) ?? []));
  }
  return seen;
}

describe('the renderer', () => {
  it('runs no zod', () => {
    const files = rendererFiles();
    expect(files.size).toBeGreaterThan(100);
    expect(files).toContain('src/features/pipeline/ui/EditorSections.tsx');
    const withZod = [...files].filter((f) =>
      specifiers(fs.readFileSync(path.join(root, f), 'utf8')).some((s) => s.spec === 'zod' && !s.typeOnly),
    );
    expect(withZod).toEqual([]);
  });
});
