import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importEdges, type ImportEdge } from './importGraph';

// Issue 19: no file imports itself back through others. A cycle makes load order matter
// (a module sees another half-initialised) and means neither file can be read, moved or
// tested alone. Type-only imports count too: they carry no run-time order, but a type
// cycle still ties two files together (the example was a page and its tabs sharing
// one type), and each one seen so far had a plain fix (the shared type moved down).

const root = path.resolve(import.meta.dirname, '../..');

/** Every group of files that reach each other (Tarjan's strongly connected components, size > 1 or a self-import). */
export function importCycles(edges: ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || next.get(v)?.includes(v)) cycles.push(group.sort());
  };
  for (const f of [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort()) if (!index.has(f)) visit(f);
  return cycles;
}

describe('no import cycles', () => {
  const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, specifier: '', typeOnly });

  it('finds a cycle of two, of three through a type-only import, and a self-import; not a diamond', () => {
    expect(importCycles([edge('a', 'b'), edge('b', 'a'), edge('c', 'a')])).toEqual([['a', 'b']]);
    expect(importCycles([edge('p', 'q'), edge('q', 'r'), edge('r', 'p', true)])).toEqual([['p', 'q', 'r']]);
    expect(importCycles([edge('s', 's')])).toEqual([['s']]);
    expect(importCycles([edge('top', 'l'), edge('top', 'r'), edge('l', 'base'), edge('r', 'base')])).toEqual([]);
  });

  it('src/ and electron/ have none (type-only imports included)', () => {
    const edges = importEdges(root);
    expect(edges.length).toBeGreaterThan(500);
    expect(importCycles(edges)).toEqual([]);
  });
});
