import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { openBook } from '../../../app/book';
import type { ServerContext } from '../../../platform/context';
import { createRegistry } from '../../../app/handlers';
import { runCli } from '../../../app/cli/main';
import { ZipArchive } from '../../../platform/excel/zipArchive';
import { fixedClock, tempDir } from '../../../../test/db/helpers';
import type { PlanInput, Worksheet } from '../contract';
import type { AppError } from '../../../shared/errors';
import { zImportError, type ImportError } from '../../../shared/contract/define';
import { seedExampleIssues } from '../seedExample';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

interface Book {
  ctx: ServerContext;
  dir: string;
  file: string;
  call: <T = Worksheet>(channel: string, input: unknown) => Promise<T>;
}

async function book(): Promise<Book> {
  const t = tempDir('sw-negx-');
  const file = path.join(t.dir, 'book.sqlite');
  const ctx = await openBook(file, { clock: fixedClock(), platform: 'test' });
  cleanup = () => {
    ctx.db.close();
    t.cleanup();
  };
  const registry = createRegistry({ validateOutput: true });
  return { ctx, dir: t.dir, file, call: (channel, input) => registry.call(ctx, channel, input) };
}

async function seedWorksheet(b: Book, edit: (p: PlanInput) => void = () => {}): Promise<Worksheet> {
  const w = await b.call('negotiation:create', { name: '华东医院 CT 项目', opportunityId: null, lang: 'zh-CN' });
  const plan: PlanInput = {
    id: w.id,
    version: w.version,
    name: w.name,
    opportunityId: null,
    notes: '',
    team: [
      { name: '张伟', title: '谈判者', role: 'negotiator', topicIssueId: 'price' },
      { name: '李娜', title: null, role: 'decisionMaker', topicIssueId: null },
    ],
    issues: structuredClone(seedExampleIssues),
  };
  edit(plan);
  return b.call('negotiation:savePlan', plan);
}

async function exportTo(b: Book, id: string, name: string, lang: 'zh-CN' | 'en' = 'en'): Promise<string> {
  const out = path.join(b.dir, name);
  const file = b.ctx.files.register(out, 'write').token;
  await b.call('negotiation:export', { id, file, lang });
  return out;
}

/** Sheet rows as SheetJS (an independent reader) sees them. */
function sheet(file: string, name: string): unknown[][] {
  const wb = XLSX.read(fs.readFileSync(file));
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1, defval: null, blankrows: true });
  return rows.map((r) => {
    const out = [...r];
    while (out.length && out[out.length - 1] === null) out.pop();
    return out;
  });
}

/** The plan without ids, to compare a worksheet with its round trip. */
function planOf(w: Worksheet) {
  const name = new Map(w.issues.map((i) => [i.id, i.name]));
  return {
    issues: w.issues.map(({ id: _id, steps, ...i }) => ({
      ...i,
      steps: steps.map(({ id: _s, tradedIssueId, ...s }) => ({ ...s, traded: tradedIssueId ? name.get(tradedIssueId) : null })),
    })),
    team: w.team.map(({ id: _id, topicIssueId, ...m }) => ({ ...m, topic: topicIssueId ? name.get(topicIssueId) : null })),
  };
}

describe('export negotiation', () => {
  it("writes Plan, Concessions and Checks with the contract's headers and the seed example's numbers", async () => {
    const b = await book();
    const w = await seedWorksheet(b);
    const out = await exportTo(b, w.id, 'seed.xlsx');
    const wb = XLSX.read(fs.readFileSync(out));
    expect(wb.SheetNames).toEqual(['Plan', 'Concessions', 'Checks', 'Customer', 'Team']);

    const plan = sheet(out, 'Plan');
    expect(plan[0]![0]).toBe('Negotiation plan: 华东医院 CT 项目');
    expect(plan[3]).toEqual(['Issue', 'Unit', 'Direction', 'Quote', 'Target', 'Floor', 'Margin', 'Our priority', 'Their priority']);
    expect(plan[4]).toEqual(['价格', 'yuan', 'higher', 3_100_000, 2_500_000, 1_880_000, 1_220_000, 2, 1]);
    expect(plan[5]).toEqual(['付款条件', 'days', 'lower', 30, 60, 90, 60, 1, 4]);
    expect(plan[7]).toEqual(['到货时间', 'days', 'higher', 90, 60, 45, 45, 4, 2]);
    expect(plan[9]![0]).toBe('价格: planned concessions total ¥600,000 = 49.18% of the negotiation margin ¥1,220,000 (quote − floor)');

    const conc = sheet(out, 'Concessions');
    expect(conc[2]).toEqual(['Issue', 'Step', 'Position', 'Size', 'Exchange', 'Reason']);
    expect(conc.slice(3, 6)).toEqual([
      ['价格', 1, 2_800_000, 300_000, '预付 30% [付款条件: 30]', '对方预算压力'],
      ['价格', 2, 2_620_000, 180_000, '签三年服务合同 [到货时间: 15]', '竞争对手报价更低'],
      ['价格', 3, 2_500_000, 120_000, '本月内签约', '决策者最后让步'],
    ]);
    expect(sheet(out, 'Checks')).toEqual([['Negotiation plan: 华东医院 CT 项目'], [], ['Issue', 'Step', 'Rule', 'Message']]);

    // Money cells carry two decimals; the Plan prints on one landscape page with the charts as PNGs.
    const ej = new ExcelJS.Workbook();
    await ej.xlsx.readFile(out);
    const ps = ej.getWorksheet('Plan')!;
    expect(ps.getCell('D5').numFmt).toBe('#,##0.00');
    expect(ps.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 1 });
    expect(ps.getImages()).toHaveLength(1);
    const zip = ZipArchive.open(out, 'seed.xlsx');
    const chunks: Buffer[] = [];
    for await (const c of zip.stream('xl/media/image1.png')) chunks.push(c as Buffer);
    const png = Buffer.concat(chunks);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    fs.mkdirSync('test-results', { recursive: true });
    fs.writeFileSync('test-results/negotiation-ladder-export.png', png); // to look at
  });

  it('lists every failed check with its stable rule code and message in the chosen language', async () => {
    const b = await book();
    const w = await seedWorksheet(b, (p) => {
      p.issues[0]!.steps[1]!.exchange = '';
      p.issues[0]!.steps[1]!.tradedIssueId = null;
      p.issues[0]!.steps[2] = { ...p.issues[0]!.steps[2]!, size: 70_000_000 }; // 2,620,000 → 1,920,000: beyond target, growing
      p.issues[1]!.target = 2000; // payment target better than the quote
    });
    const zh = sheet(await exportTo(b, w.id, 'zh.xlsx', 'zh-CN'), 'Checks');
    expect(zh.slice(3).map((r) => r.slice(0, 3))).toEqual([
      ['价格', 2, 'no-exchange'],
      ['价格', 3, 'growing-steps'],
      ['价格', 3, 'beyond-target'],
      ['付款条件', null, 'order'],
      ['付款条件', 1, 'beyond-target'],
    ]);
    expect(zh[3]![3]).toBe('价格 第2次让步：没有提出交换条件——让步必须有交换条件。');
    expect(sheet(await exportTo(b, w.id, 'en.xlsx'), 'Checks')[3]![3]).toBe(
      '价格, step 2: no exchange demanded — never concede without an exchange.',
    );
  });

  it('keeps text that looks like a formula as text', async () => {
    const b = await book();
    const w = await seedWorksheet(b, (p) => {
      p.issues[0]!.steps[0]!.reason = '=HYPERLINK("http://x")';
    });
    const ws = XLSX.read(fs.readFileSync(await exportTo(b, w.id, 'f.xlsx'))).Sheets.Concessions!;
    expect(ws.F4).toMatchObject({ t: 's', v: '=HYPERLINK("http://x")' });
    expect(ws.F4.f).toBeUndefined();
  });
});

describe('import negotiation', () => {
  it('round-trips: exported then imported gives the same worksheet', async () => {
    const b = await book();
    const w = await seedWorksheet(b, (p) => {
      p.issues[0]!.steps[2]!.exchange = '=本月签约';
      p.issues.push({ ...p.issues[2]!, id: 'training', kind: 'custom', name: 'Training days', unit: 'days', steps: [] });
    });
    const out = await exportTo(b, w.id, 'trip.xlsx', 'zh-CN');
    const file = b.ctx.files.register(out, 'read').token;
    const r = await b.call<{ id: string; name: string; checks: number }>('negotiation:import', { file });
    expect(r).toMatchObject({ name: '华东医院 CT 项目', checks: 0 });
    const back = await b.call('negotiation:get', { id: r.id });
    // A step typed as a size comes back typed as a position (the file carries positions).
    const expected = planOf(w);
    expected.issues[0]!.steps[2] = { ...expected.issues[0]!.steps[2]!, entered: 'position', position: 250_000_000, size: null };
    expect(planOf(back)).toEqual(expected);
    const named = await b.call<{ name: string }>('negotiation:import', { file, name: '培训案例' });
    expect(named.name).toBe('培训案例');
  });

  it('imports a plan that breaks checks (they are advice) and says how many', async () => {
    const b = await book();
    const w = await seedWorksheet(b, (p) => {
      p.issues[0]!.steps[0]!.exchange = '';
      p.issues[0]!.steps[0]!.tradedIssueId = null;
    });
    const file = b.ctx.files.register(await exportTo(b, w.id, 'adv.xlsx'), 'read').token;
    expect(await b.call('negotiation:import', { file })).toMatchObject({ checks: 1 });
  });

  it('refuses a malformed workbook with sheet, row, column, value and reason, writing nothing', async () => {
    const b = await book();
    const w = await seedWorksheet(b);
    const out = await exportTo(b, w.id, 'bad.xlsx');
    const ej = new ExcelJS.Workbook();
    await ej.xlsx.readFile(out);
    ej.getWorksheet('Plan')!.getCell('C5').value = 'up';
    ej.getWorksheet('Plan')!.getCell('D6').value = 'thirty';
    ej.getWorksheet('Plan')!.getCell('H7').value = 7;
    ej.getWorksheet('Concessions')!.getCell('A5').value = 'Nonexistent';
    ej.getWorksheet('Concessions')!.getCell('B6').value = 1;
    await ej.xlsx.writeFile(out);
    const before = (b.ctx.db.prepare('SELECT count(*) AS n FROM negotiation_worksheets').get() as { n: number }).n;
    const file = b.ctx.files.register(out, 'read').token;
    const err = await b.call('negotiation:import', { file }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'import-rejected' });
    const details = (err as { details: { errors: unknown[] } }).details.errors;
    expect(details).toEqual([
      { sheet: 'Plan', row: 5, column: 'Direction', value: 'up', reason: 'must be "higher" or "lower" (which way is better for us)' },
      { sheet: 'Plan', row: 6, column: 'Quote', value: 'thirty', reason: 'not a number with at most two decimals' },
      { sheet: 'Plan', row: 7, column: 'Our priority', value: '7', reason: 'a priority is a whole number 1–4' },
      { sheet: 'Concessions', row: 5, column: 'Issue', value: 'Nonexistent', reason: 'no issue of this name on the Plan sheet' },
      { sheet: 'Concessions', row: 6, column: 'Step', value: '1', reason: 'step 1 of this issue is listed twice' },
    ]);
    expect((err as Error).message).toContain('Plan row 6, column Quote, value "thirty": not a number with at most two decimals');
    expect((b.ctx.db.prepare('SELECT count(*) AS n FROM negotiation_worksheets').get() as { n: number }).n).toBe(before);
  });

  it('refuses a workbook without the Plan sheet or with a wrong header', async () => {
    const b = await book();
    const out = path.join(b.dir, 'other.xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Name'], ['x']]), 'Accounts');
    XLSX.writeFile(wb, out);
    await expect(b.call('negotiation:import', { file: b.ctx.files.register(out, 'read').token })).rejects.toMatchObject({
      code: 'bad-file',
      message: expect.stringContaining('has no sheet "Plan" or "Concessions"'),
    });
    const wb2 = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb2,
      XLSX.utils.aoa_to_sheet([
        ['Issue', 'Unit', 'Quote'],
        ['价格', 'yuan', 1],
      ]),
      'Plan',
    );
    XLSX.utils.book_append_sheet(
      wb2,
      XLSX.utils.aoa_to_sheet([['Issue', 'Step', 'Position', 'Size', 'Exchange', 'Reason']]),
      'Concessions',
    );
    XLSX.writeFile(wb2, out);
    const err = await b.call('negotiation:import', { file: b.ctx.files.register(out, 'read').token }).catch((e: unknown) => e);
    expect((err as Error).message).toContain(
      'Plan row 1, column Direction, value "": required column is missing (headers recognised: Direction)',
    );
  });

  it('reports a bad row and a bad header in the common import error form (sheet, row, column, value, reason)', async () => {
    const b = await book();
    const out = path.join(b.dir, 'rows.xlsx');
    const write = (concessionHeader: string[]) => {
      const wb = XLSX.utils.book_new();
      const plan = [
        ['Issue', 'Unit', 'Direction', 'Quote', 'Target', 'Floor', 'Our priority', 'Their priority'],
        ['Price', 'yuan', 'sideways', 100, 90, 80, 1, 2],
      ];
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(plan), 'Plan');
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([concessionHeader]), 'Concessions');
      XLSX.writeFile(wb, out);
      return b.ctx.files.register(out, 'read').token;
    };
    const refusal = async (file: string) => {
      const err = (await b.call('negotiation:import', { file }).catch((e: unknown) => e)) as AppError;
      expect(err).toMatchObject({ code: 'import-rejected' });
      const { errors, errorCount } = err.details as { errors: ImportError[]; errorCount: number };
      // The shape every spreadsheet import reports (accounts, pipeline, receivables too).
      for (const e of errors) expect(zImportError.parse(e)).toEqual(e);
      expect(errorCount).toBe(errors.length);
      return { errors, message: err.message };
    };

    const bad = await refusal(write(['Issue', 'Step', 'Position', 'Size', 'Exchange', 'Reason']));
    expect(bad.errors).toEqual([
      { sheet: 'Plan', row: 2, column: 'Direction', value: 'sideways', reason: 'must be "higher" or "lower" (which way is better for us)' },
    ]);
    expect(bad.message).toContain('Plan row 2, column Direction, value "sideways": must be "higher" or "lower"');

    // A header the shared table path refuses, in the words the accounts import uses for it.
    const dup = await refusal(write(['Issue', 'Step', 'Position', 'Step', 'Exchange', 'Reason']));
    expect(dup.errors).toEqual([
      { sheet: 'Concessions', row: 1, column: 'Step', value: 'Step', reason: 'duplicate column: "Step" (column B) already gives Step' },
    ]);
    expect(b.ctx.db.prepare('SELECT count(*) FROM negotiation_worksheets').pluck().get()).toBe(0);
  });
});

describe('CLI: export negotiation / import negotiation', () => {
  it('exports by ID and imports back, printing the new ID; a malformed file exits 1', async () => {
    const b = await book();
    const w = await seedWorksheet(b);
    b.ctx.db.close();
    const out = path.join(b.dir, 'cli.xlsx');
    const lines: string[] = [];
    const errs: string[] = [];
    const run = (...args: string[]) =>
      runCli(
        ['--db', b.file, ...args],
        (s) => lines.push(s),
        (s) => errs.push(s),
      );
    expect(await run('export', 'negotiation', w.id, out)).toBe(0);
    expect(lines.pop()).toMatch(/^Written: .*cli\.xlsx \(sheets Plan, Concessions, Checks, Customer, Team; 0 failed checks\)$/);
    expect(await run('import', 'negotiation', out, '--name', 'Copy')).toBe(0);
    const id = lines.pop()!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await run('export', 'negotiation', id, path.join(b.dir, 'copy.xlsx'))).toBe(0);
    expect(sheet(path.join(b.dir, 'copy.xlsx'), 'Plan').slice(3, 8)).toEqual(sheet(out, 'Plan').slice(3, 8));

    const bad = path.join(b.dir, 'bad.xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        [...['Issue', 'Unit', 'Direction', 'Quote', 'Target', 'Floor', 'Margin', 'Our priority', 'Their priority']],
        ['价格', 'yuan', 'sideways', 1, 1, 1, null, 1, 1],
      ]),
      'Plan',
    );
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Issue', 'Step', 'Position', 'Size', 'Exchange', 'Reason']]), 'Concessions');
    XLSX.writeFile(wb, bad);
    expect(await run('import', 'negotiation', bad)).toBe(1);
    expect(errs.join('\n')).toContain('Plan row 2, column Direction, value "sideways": must be "higher" or "lower"');
    expect(await run('export', 'negotiation', '0190a0b0-0000-7000-8000-000000000000', path.join(b.dir, 'none.xlsx'))).toBe(1);
    expect(errs.pop()).toContain('Error (not-found)');
    // reopen so the cleanup's close has a live handle
    b.ctx.db = (await openBook(b.file, { platform: 'test' })).db;
  });
});
