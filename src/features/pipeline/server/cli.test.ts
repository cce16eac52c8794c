import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { runCli } from '../../../app/cli/main';
import { openBook } from '../../../app/book';
import { insertRow, updateRow } from '../../../platform/db/changeLog';
import { tempDir } from '../../../../test/db/helpers';

// The CLI's exact forms (a contract): `import opportunities IN.xlsx [--map …]` and
// `export pipeline-review OUT.xlsx --from DATE --to DATE [--stall-days N]`. The input is
// written with SheetJS and the review read back with it: the hand-built histories of the
// domain tests, now through a real file, a real SQLite book and the real CLI.

let dir: string;
let cleanup: () => void;
let db: string;
beforeEach(async () => {
  const t = tempDir('sw-pipeline-cli-');
  dir = t.dir;
  cleanup = t.cleanup;
  db = path.join(dir, 'book.sqlite');
  const ctx = await openBook(db, { dailyBackup: false });
  ctx.db.transaction(() => {
    const east = insertRow(ctx, 'territories', { name_zh: '华东区', name_en: 'East' });
    const north = insertRow(ctx, 'territories', { name_zh: '华北区', name_en: 'North' });
    const wang = insertRow(ctx, 'reps', { territory_id: east, name_zh: '王磊', name_en: 'Wang Lei' });
    insertRow(ctx, 'reps', { territory_id: east, name_zh: '李娜', name_en: 'Li Na' });
    insertRow(ctx, 'reps', { territory_id: north, name_zh: '张伟', name_en: 'Zhang Wei' });
    insertRow(ctx, 'accounts', { territory_id: east, owner_id: wang, name: '上海华盛机械', name_en: 'Huasheng Machinery' });
    insertRow(ctx, 'accounts', { territory_id: east, owner_id: wang, name: 'Acme' });
  })();
  ctx.db.close();
});
afterEach(() => cleanup());

type Cell = string | number | null | { date: string };
/** A workbook written by SheetJS; {date} cells become real date cells (serial + date format). */
function workbook(file: string, sheets: Record<string, Cell[][]>): string {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = XLSX.utils.aoa_to_sheet(rows.map((r) => r.map((c) => (c && typeof c === 'object' ? null : c))));
    rows.forEach((r, ri) =>
      r.forEach((c, ci) => {
        if (c && typeof c === 'object') {
          const serial = Date.parse(`${c.date}T00:00:00Z`) / 86_400_000 + 25_569;
          ws[XLSX.utils.encode_cell({ r: ri, c: ci })] = { t: 'n', v: serial, z: 'yyyy-mm-dd' };
        }
      }),
    );
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  XLSX.writeFile(wb, file);
  return file;
}

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['--db', db, ...args],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out, err };
}

function readSheet(file: string, name: string): Record<string, unknown>[] {
  const wb = XLSX.readFile(file, { cellDates: false });
  const ws = wb.Sheets[name];
  if (!ws) throw new Error(`no sheet ${name}; sheets: ${wb.SheetNames.join(', ')}`);
  return XLSX.utils.sheet_to_json(ws, { raw: true, defval: null });
}

const serialToIso = (v: unknown) => (typeof v === 'number' ? new Date((v - 25_569) * 86_400_000).toISOString().slice(0, 10) : v);

const OPP_HEADERS = ['Id', 'Account', 'Name', 'Owner', 'Amount', 'Stage', 'Expected close', 'Created', 'Status', 'Lost reason'];
const HIST_HEADERS = ['Id', 'Date', 'Stage', 'Status', 'Amount', 'Expected close'];

/** The week's cast (review 2026-03-02 → 2026-03-09), stages by number, zh and en name. */
function goodImport(): { Opportunities: Cell[][]; History: Cell[][] } {
  return {
    Opportunities: [
      OPP_HEADERS,
      ['OPP-1', '上海华盛机械', 'Several changes', 'Wang Lei', 120000, 3, { date: '2026-03-20' }, '2026-01-05', 'open', null],
      ['OPP-2', 'Acme', 'Back then forward', '李娜', 100000, '呈现价值', '2026-03-31', '2026-02-01', 'open', null],
      ['OPP-3', 'Huasheng Machinery', 'Lost, reopened', null, 100000, 'Uncover needs', '2026-03-31', '2026-01-10', 'open', null],
      ['OPP-4', 'Acme', 'Close slips twice', null, 50000, 4, '2026-04-30', '2026-02-01', 'open', null],
      ['OPP-5', 'Acme', 'Brand new', null, 10000.5, 0, '2026-05-15', '2026-03-04', 'open', null],
      ['OPP-6', 'Acme', 'Won this week', null, 82000, 6, '2026-03-05', '2026-01-15', 'won', null],
      ['OPP-7', 'Acme', 'New and lost', null, 100000, 1, '2026-03-31', '2026-03-04', 'lost', 'Budget cut'],
      ['OPP-8', 'Acme', 'Moved back', null, 40000, 3, '2026-04-10', '2026-02-01', 'open', null],
      ['OPP-9', 'Acme', 'Lost long ago', null, 5000, 1, '2026-02-01', '2026-01-10', 'lost', 'Price'],
    ],
    History: [
      HIST_HEADERS,
      ['OPP-1', '2026-01-05', 1, 'open', 100000, '2026-03-31'],
      ['OPP-1', '2026-03-03', 2, 'open', 100000, '2026-03-31'],
      ['OPP-1', '2026-03-04', 2, 'open', 120000, '2026-03-31'],
      ['OPP-1', { date: '2026-03-05' }, 3, 'open', 120000, '2026-03-31'],
      ['OPP-1', '2026-03-06', 3, 'open', 120000, '2026-03-20'],
      ['OPP-2', '2026-02-01', 3, 'open', 100000, '2026-03-31'],
      ['OPP-2', '2026-03-04', 2, 'open', 100000, '2026-03-31'],
      ['OPP-2', '2026-03-06', 3, 'open', 100000, '2026-03-31'],
      ['OPP-3', '2026-01-10', 2, 'open', 100000, '2026-03-31'],
      ['OPP-3', '2026-02-20', 2, 'lost', 100000, '2026-03-31'],
      ['OPP-3', '2026-03-04', 2, 'open', 100000, '2026-03-31'],
      ['OPP-4', '2026-02-01', 4, 'open', 50000, '2026-03-15'],
      ['OPP-4', '2026-03-03', 4, 'open', 50000, '2026-03-31'],
      ['OPP-4', '2026-03-06', 4, 'open', 50000, '2026-04-30'],
      ['OPP-6', '2026-01-15', 5, 'open', 80000, '2026-03-31'],
      ['OPP-6', '2026-03-05', 6, 'won', 82000, '2026-03-05'],
      ['OPP-7', '2026-03-04', 1, 'open', 100000, '2026-03-31'],
      ['OPP-7', '2026-03-05', 1, 'lost', 100000, '2026-03-31'],
      ['OPP-8', '2026-02-01', 4, 'open', 40000, '2026-04-10'],
      ['OPP-8', '2026-03-05', 3, 'open', 40000, '2026-04-10'],
      ['OPP-9', '2026-01-10', 1, 'open', 5000, '2026-02-01'],
      ['OPP-9', '2026-02-01', 1, 'lost', 5000, '2026-02-01'],
    ],
  };
}

describe('import opportunities and export pipeline-review', () => {
  it('imports the history and the review workbook shows every movement class', async () => {
    const imp = await cli('import', 'opportunities', workbook(path.join(dir, 'in.xlsx'), goodImport()));
    expect(imp.err).toEqual([]);
    expect(imp.code).toBe(0);
    expect(imp.out[0]).toMatch(/9 new, 0 updated opportunities/);

    const out = path.join(dir, 'review.xlsx');
    const exp = await cli('export', 'pipeline-review', out, '--from', '2026-03-02', '--to', '2026-03-09');
    expect(exp.err).toEqual([]);
    expect(exp.code).toBe(0);
    expect(XLSX.readFile(out).SheetNames.slice(0, 4)).toEqual(['Funnel', 'Movement', 'Stalled', 'Forecast']);

    const movement = readSheet(out, 'Movement');
    expect(Object.keys(movement[0]!)).toEqual([
      'Id',
      'Opportunity',
      'Account',
      'Owner',
      'Stage at from',
      'Stage at to',
      'Change',
      'Amount at from',
      'Amount at to',
      'Close at from',
      'Close at to',
    ]);
    const byId = new Map(movement.map((r) => [r.Id, r]));
    expect(Object.fromEntries(movement.map((r) => [r.Id, r.Change]))).toEqual({
      'OPP-1': 'advanced',
      'OPP-2': 'unchanged',
      'OPP-3': 'unchanged',
      'OPP-4': 'unchanged',
      'OPP-5': 'new',
      'OPP-6': 'won',
      'OPP-7': 'lost',
      'OPP-8': 'moved back',
    });
    expect(byId.get('OPP-1')).toMatchObject({
      Owner: 'Wang Lei',
      'Stage at from': 'Build trust',
      'Stage at to': 'Present value',
      'Amount at from': 100000,
      'Amount at to': 120000,
    });
    expect(serialToIso(byId.get('OPP-4')!['Close at from'])).toBe('2026-03-15');
    expect(serialToIso(byId.get('OPP-4')!['Close at to'])).toBe('2026-04-30');
    expect(byId.get('OPP-5')).toMatchObject({ 'Stage at from': null, 'Amount at from': null, 'Amount at to': 10000.5 });
    expect(byId.get('OPP-2')!.Owner).toBe('Li Na');

    expect(readSheet(out, 'Funnel')).toEqual([
      { Stage: 'Gather information', Opportunities: 1, Amount: 10000.5, 'Weighted amount': 500.03 },
      { Stage: 'Build trust', Opportunities: 0, Amount: 0, 'Weighted amount': 0 },
      { Stage: 'Uncover needs', Opportunities: 1, Amount: 100000, 'Weighted amount': 25000 },
      { Stage: 'Present value', Opportunities: 3, Amount: 260000, 'Weighted amount': 104000 },
      { Stage: 'Win commitment', Opportunities: 1, Amount: 50000, 'Weighted amount': 30000 },
      { Stage: 'Follow-up / contract', Opportunities: 0, Amount: 0, 'Weighted amount': 0 },
      { Stage: 'Collect payment', Opportunities: 0, Amount: 0, 'Weighted amount': 0 },
      { Stage: 'Total', Opportunities: 6, Amount: 420000.5, 'Weighted amount': 159500.03 },
    ]);
    expect(readSheet(out, 'Stalled')).toEqual([
      { Id: 'OPP-4', Opportunity: 'Close slips twice', Stage: 'Win commitment', 'Days in stage': 36 },
    ]);
    expect(readSheet(out, 'Forecast')).toEqual([
      { Month: '2026-03', Amount: 320000, 'Weighted amount': 113000 },
      { Month: '2026-04', Amount: 90000, 'Weighted amount': 46000 },
      { Month: '2026-05', Amount: 10000.5, 'Weighted amount': 500.03 },
      { Month: 'Total', Amount: 420000.5, 'Weighted amount': 159500.03 },
    ]);

    const fewer = path.join(dir, 'review3.xlsx');
    expect((await cli('export', 'pipeline-review', fewer, '--from', '2026-03-02', '--to', '2026-03-09', '--stall-days', '4')).code).toBe(0);
    expect(readSheet(fewer, 'Stalled').map((r) => [r.Id, r['Days in stage']])).toEqual([
      ['OPP-4', 36],
      ['OPP-3', 5],
      ['OPP-5', 5],
      ['OPP-1', 4],
      ['OPP-8', 4],
    ]);
  });

  it('the review as of an earlier week reconstructs the pipeline then', async () => {
    await cli('import', 'opportunities', workbook(path.join(dir, 'in.xlsx'), goodImport()));
    const out = path.join(dir, 'feb.xlsx');
    await cli('export', 'pipeline-review', out, '--from', '2026-02-15', '--to', '2026-02-22');
    const m = new Map(readSheet(out, 'Movement').map((r) => [r.Id, r]));
    // OPP-3 was lost on 02-20; OPP-1 still in Build trust; OPP-5 did not exist.
    expect(m.get('OPP-3')).toMatchObject({ Change: 'lost' });
    expect(m.get('OPP-1')).toMatchObject({ Change: 'unchanged', 'Stage at to': 'Build trust', 'Amount at to': 100000 });
    expect(m.has('OPP-5')).toBe(false);
  });

  it('rejects the whole file with every bad cell and writes nothing', async () => {
    const bad = goodImport();
    bad.Opportunities[2]![1] = 'No Such Company';
    bad.Opportunities[3]![5] = 'Negotiation';
    bad.Opportunities[4]![8] = 'maybe';
    bad.Opportunities[5]![4] = '12.345';
    bad.Opportunities[5]![3] = 'Zhang Wei';
    bad.History[5]![4] = 999; // OPP-1's last History row no longer agrees
    const r = await cli('import', 'opportunities', workbook(path.join(dir, 'bad.xlsx'), bad));
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('nothing was imported');
    const lines = r.err.slice(1);
    expect(lines).toContain('  Opportunities row 3, column Account, value "No Such Company": unknown account');
    expect(lines.some((l) => l.startsWith('  Opportunities row 4, column Stage, value "Negotiation": not a stage'))).toBe(true);
    expect(lines).toContain('  Opportunities row 5, column Status, value "maybe": must be open, won or lost');
    expect(lines.some((l) => l.startsWith('  Opportunities row 6, column Amount, value "12.345"'))).toBe(true);
    expect(lines).toContain('  Opportunities row 6, column Owner, value "Zhang Wei": does not work in the account\'s territory');
    expect(lines.some((l) => l.startsWith('  History row 6, column Amount') && l.includes('must agree'))).toBe(true);
    const ctx = await openBook(db, { dailyBackup: false });
    expect((ctx.db.prepare('SELECT count(*) AS n FROM opportunities').get() as { n: number }).n).toBe(0);
    expect((ctx.db.prepare('SELECT count(*) AS n FROM opportunity_events').get() as { n: number }).n).toBe(0);
    ctx.db.close();
  });

  it('without a History sheet the row holds since Created; --map renames headers; a second import appends', async () => {
    const rows: Cell[][] = [
      ['编号', 'Customer name', 'Name', 'Owner', 'Amount', 'Stage', 'Expected close', 'Created', 'Status', 'Lost reason'],
      ['X-1', 'Acme', 'Plain', null, 1000, 'Present value', '2026-06-30', '2026-02-01', 'open', null],
    ];
    expect(
      (await cli('import', 'opportunities', workbook(path.join(dir, 'a.xlsx'), { Opportunities: rows }), '--map', 'Customer name=Account'))
        .code,
    ).toBe(0);
    rows[1]![5] = 'Win commitment';
    rows[1]![4] = 1500;
    const again = await cli(
      'import',
      'opportunities',
      workbook(path.join(dir, 'b.xlsx'), { Opportunities: rows }),
      '--map',
      'Customer name=Account',
    );
    expect(again.out[0]).toMatch(/0 new, 1 updated/);
    const ctx = await openBook(db, { dailyBackup: false });
    const ev = ctx.db
      .prepare(
        "SELECT e.date, e.amount_fen FROM opportunity_events e JOIN opportunities o ON o.id = e.opportunity_id WHERE o.ref = 'X-1' ORDER BY e.seq",
      )
      .all();
    expect(ev).toEqual([
      { date: '2026-02-01', amount_fen: 100000 },
      { date: ctx.clock.today(), amount_fen: 150000 },
    ]);
    ctx.db.close();
  });

  it('a deactivated rep keeps the opportunities they own but is given none: named as Owner or as the account owner the row falls back to', async () => {
    const rows: Cell[][] = [OPP_HEADERS, ['D-1', 'Acme', 'Kept', '李娜', 1000, 1, '2026-12-31', '2026-02-01', 'open', null]];
    expect((await cli('import', 'opportunities', workbook(path.join(dir, 'd1.xlsx'), { Opportunities: rows }))).code).toBe(0);
    let ctx = await openBook(db, { dailyBackup: false });
    for (const name of ['Li Na', 'Wang Lei']) {
      const id = ctx.db.prepare('SELECT id FROM reps WHERE name_en = ?').pluck().get(name) as string;
      updateRow(ctx, 'reps', id, { deactivated_at: '2026-03-01T00:00:00.000Z' });
    }
    ctx.db.close();
    rows.push(['D-2', 'Acme', 'New for Li Na', 'Li Na', 2000, 1, '2026-12-31', '2026-02-01', 'open', null]);
    rows.push(['D-3', 'Acme', "Falls back to Acme's owner", null, 3000, 1, '2026-12-31', '2026-02-01', 'open', null]);
    const r = await cli('import', 'opportunities', workbook(path.join(dir, 'd2.xlsx'), { Opportunities: rows }));
    expect(r.code).toBe(1);
    expect(r.err.slice(1)).toEqual([
      '  Opportunities row 3, column Owner, value "Li Na": deactivated: choose an active rep (or reactivate them in Settings)',
      '  Opportunities row 4, column Owner, value "": required (the account\'s owner is deactivated: name an active rep)',
    ]);
    ctx = await openBook(db, { dailyBackup: false });
    expect(ctx.db.prepare('SELECT ref FROM opportunities ORDER BY ref').pluck().all()).toEqual(['D-1']);
    ctx.db.close();
    // Without the new rows the import goes through: D-1 stays with the rep who owns it.
    const kept = await cli('import', 'opportunities', workbook(path.join(dir, 'd3.xlsx'), { Opportunities: rows.slice(0, 2) }));
    expect(kept.err).toEqual([]);
    expect(kept.code).toBe(0);
  });

  it('refuses bad command lines with exit code 2', async () => {
    expect((await cli('export', 'pipeline-review', path.join(dir, 'x.xlsx'), '--from', '2026-13-01', '--to', '2026-03-09')).code).toBe(2);
    expect((await cli('export', 'pipeline-review', path.join(dir, 'x.xlsx'), '--to', '2026-03-09')).code).toBe(2);
  });
});
