import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBook } from '../../../app/book';
import { runCli } from '../../../app/cli/main';
import { fixedClock, tempDir } from '../../../../test/db/helpers';
import { classifyPareto } from '../domain';

// The CLI forms of the issue, end to end on a real file; the workbook is read back with
// SheetJS (an independent reader) and checked against the rule.

let dir: { dir: string; cleanup(): void };
let db: string;
beforeAll(async () => {
  dir = tempDir('sw-pareto-cli-');
  db = path.join(dir.dir, 'book.sqlite');
  (await openBook(db, { demo: true, clock: fixedClock() })).db.close();
});
afterAll(() => dir.cleanup());

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['--db', db, ...args],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

type Acc = {
  id: string;
  name: string;
  territory: string;
  owner: string | null;
  sales: number;
  profit: number;
  grade: string | null;
  grade_source: string | null;
};
async function readAccounts(): Promise<Acc[]> {
  const ctx = await openBook(db, { dailyBackup: false });
  try {
    return ctx.db
      .prepare(
        `SELECT a.id, a.name, t.name_en AS territory, r.name_en AS owner, a.sales_fen AS sales, a.profit_fen AS profit, a.grade, a.grade_source
         FROM accounts a JOIN territories t ON t.id = a.territory_id LEFT JOIN reps r ON r.id = a.owner_id WHERE a.deleted_at IS NULL`,
      )
      .all() as Acc[];
  } finally {
    ctx.db.close();
  }
}

describe('npm run cli -- export pareto', () => {
  it('writes sheets Pareto and Summary with the exact headers, matching the rule', async () => {
    const out = path.join(dir.dir, 'pareto.xlsx');
    const r = await cli('export', 'pareto', out, '--measure', 'profit', '--a', '70', '--b', '90', '--territory', 'East China');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const wb = XLSX.readFile(out, { cellNF: true });
    expect(wb.SheetNames).toEqual(['Pareto', 'Summary']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.Pareto!, { header: 1 });
    expect(rows[0]).toEqual(['Rank', 'Account', 'Territory', 'Owner', 'Value', 'Share', 'Cumulative share', 'Class']);

    const inScope = (await readAccounts()).filter((a) => a.territory === 'East China');
    const want = classifyPareto(
      inScope.map((a) => ({ id: a.id, name: a.name, value: a.profit })),
      { a: 70, b: 90 },
    );
    expect(want.composition.nonPositive).toBeGreaterThan(0); // the demo has loss-making accounts: they must be C
    const byId = new Map(inScope.map((a) => [a.id, a]));
    expect(rows.length - 1).toBe(want.rows.length);
    want.rows.forEach((w, i) => {
      const [rank, account, territory, owner, value, share, cumulative, cls] = rows[i + 1] as [
        number,
        string,
        string,
        string,
        number,
        number,
        number,
        string,
      ];
      const acc = byId.get(w.id)!;
      expect([rank, account, territory, owner ?? null, cls]).toEqual([w.rank, acc.name, 'East China', acc.owner, w.cls]);
      expect(value).toBe(w.value / 100); // yuan
      expect(share).toBeCloseTo(w.share, 12);
      expect(cumulative).toBeCloseTo(w.cumulativeShare, 12);
    });
    // Value in yuan with two decimals, shares as percent.
    expect(wb.Sheets.Pareto!.E2!.z).toBe('#,##0.00');
    expect(wb.Sheets.Pareto!.F2!.z).toBe('0.00%');
    expect(wb.Sheets.Pareto!.G2!.z).toBe('0.00%');

    const summary = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.Summary!, { header: 1 });
    expect(summary[0]).toEqual(['Class', 'Accounts', 'Account share', 'Value', 'Value share']);
    expect(summary.length).toBe(4);
    want.composition.classes.forEach((c, i) => {
      const [cls, n, accountShare, value, valueShare] = summary[i + 1] as [string, number, number, number, number];
      expect([cls, n]).toEqual([c.cls, c.accounts]);
      expect(accountShare).toBeCloseTo(c.accountShare, 12);
      expect(value).toBeCloseTo(c.value / 100, 2);
      expect(valueShare).toBeCloseTo(c.valueShare, 12);
    });
  });

  it('defaults to sales 55/85 over all accounts, and filters by owner', async () => {
    const out = path.join(dir.dir, 'all.xlsx');
    expect((await cli('export', 'pareto', out)).code).toBe(0);
    const all = await readAccounts();
    const want = classifyPareto(
      all.map((a) => ({ id: a.id, name: a.name, value: a.sales })),
      { a: 55, b: 85 },
    );
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(XLSX.readFile(out).Sheets.Pareto!);
    expect(rows.map((r) => r.Class)).toEqual(want.rows.map((r) => r.cls));

    const mine = path.join(dir.dir, 'owner.xlsx');
    expect((await cli('export', 'pareto', mine, '--owner', '王磊')).code).toBe(0);
    const ownerRows = XLSX.utils.sheet_to_json<Record<string, unknown>>(XLSX.readFile(mine).Sheets.Pareto!);
    expect(ownerRows.length).toBe(all.filter((a) => a.owner === 'Wang Lei').length);
    expect(new Set(ownerRows.map((r) => r.Owner))).toEqual(new Set(['Wang Lei']));
  });

  it('refuses bad options with a usage error', async () => {
    const out = path.join(dir.dir, 'bad.xlsx');
    expect((await cli('export', 'pareto', out, '--a', '90', '--b', '80')).code).toBe(2);
    expect((await cli('export', 'pareto', out, '--measure', 'cash')).code).toBe(2);
    const r = await cli('export', 'pareto', out, '--territory', 'Atlantis');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/No territory named "Atlantis"/);
  });
});

describe('npm run cli -- grade apply', () => {
  it('writes the classes into accounts.grade, marked pareto', async () => {
    const r = await cli('grade', 'apply', '--measure', 'salesLastYear', '--a', '80', '--b', '95');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Graded: 400 accounts changed/);
    const all = await readAccounts();
    const ly = await (async () => {
      const ctx = await openBook(db, { dailyBackup: false });
      try {
        return new Map(
          (ctx.db.prepare('SELECT id, sales_last_year_fen AS v FROM accounts').all() as { id: string; v: number }[]).map((x) => [
            x.id,
            x.v,
          ]),
        );
      } finally {
        ctx.db.close();
      }
    })();
    const want = new Map(
      classifyPareto(
        all.map((a) => ({ id: a.id, name: a.name, value: ly.get(a.id)! })),
        { a: 80, b: 95 },
      ).rows.map((x) => [x.id, x.cls]),
    );
    for (const a of all) expect([a.grade, a.grade_source]).toEqual([want.get(a.id), 'pareto']);
    const again = await cli('grade', 'apply', '--measure', 'salesLastYear', '--a', '80', '--b', '95');
    expect(again.out).toMatch(/Nothing to change/);
  });
});
