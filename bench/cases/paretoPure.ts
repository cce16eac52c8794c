import { classifyPareto, compareText, type ParetoItem } from '../../src/features/pareto/domain';
import { type BenchCase } from '../harness';
import { accountRecords } from '../data';
import { bulkAccountId } from '../bulkAccounts';

// The pure ABC rule on a list of 1,000,000 accounts (issue 3: "a list of 1,000,000 values,
// time reported in the benchmark"): classifyPareto — sort by value desc, name, id; running
// sum of positive values; class, shares and composition — against the floor of a plain
// JS sort of the same list by the same key. The list is built in reset(), which runs in the
// timed run's own process before the clock starts, so only the classification is timed.
// Shrink with SW_BENCH_PARETO=20000 (shared with the Pareto book cases).

const N = Number(process.env.SW_BENCH_PARETO ?? 1_000_000);
const THRESHOLDS = { a: 55, b: 85 };

let items: ParetoItem[] = [];

export const paretoPureCases: BenchCase[] = [
  {
    name: 'pareto-classify-pure',
    size: `${N.toLocaleString('en-US')} values`,
    target: 'time only (floor: plain sort)',
    async prepare() {},
    async reset() {
      items = [];
      let i = 0;
      for (const r of accountRecords(N)) items.push({ id: bulkAccountId(i++), name: r.name, value: Math.round(r.sales * 100) });
    },
    async product() {
      const r = classifyPareto(items, THRESHOLDS);
      if (r.rows.length !== N) throw new Error(`classified ${r.rows.length} of ${N}`);
    },
    async floor() {
      const sorted = [...items].sort((x, y) => y.value - x.value || compareText(x.name, y.name) || compareText(x.id, y.id));
      if (sorted.length !== N) throw new Error(`sorted ${sorted.length} of ${N}`);
    },
  },
];
