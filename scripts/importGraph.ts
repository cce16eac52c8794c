// Prints the folder-level import graph: `npx tsx scripts/importGraph.ts` (add --files to list
// the file-level imports behind each arrow that breaks the layer rule).
import path from 'node:path';
import { folderOf, importEdges } from '../test/unit/importGraph';
import { violations } from '../test/unit/layerRule';

const root = path.resolve(import.meta.dirname, '..');
const edges = importEdges(root);
const arrows = new Map<string, number>();
for (const e of edges) {
  const a = folderOf(e.from);
  const b = folderOf(e.to);
  if (a !== b) arrows.set(`${a} -> ${b}`, (arrows.get(`${a} -> ${b}`) ?? 0) + 1);
}
const bad = violations(edges);
const badArrows = new Set(bad.map((v) => `${folderOf(v.from)} -> ${folderOf(v.to)}`));
for (const [arrow, n] of [...arrows].sort()) console.log(`${badArrows.has(arrow) ? 'UP ' : '   '}${arrow}  (${n})`);
console.log(`\n${arrows.size} folder-level arrows, ${badArrows.size} break the layer rule (${bad.length} imports)`);
if (process.argv.includes('--files')) for (const v of bad) console.log(`${v.from} -> ${v.to}: ${v.why}`);
