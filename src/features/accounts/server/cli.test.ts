import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../app/cli/main';
import { openBook } from '../../../app/book';
import { accountsBook } from './testBook';
import { readWithSheetJS, sheetRows, tempDir } from '../../../../test/excel/helpers';

process.env.TZ = 'America/Los_Angeles';

let t: ReturnType<typeof tempDir>;
let db: string;
beforeEach(async () => {
  t = tempDir();
  const book = await accountsBook(t.file('db'));
  db = book.ctx.dbPath;
  book.close();
});
afterEach(() => t.cleanup());

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['--db', db, ...argv],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out, err };
}

async function accountCount(): Promise<number> {
  const ctx = await openBook(db, { platform: 'test', dailyBackup: false });
  try {
    return (ctx.db.prepare('SELECT count(*) AS n FROM accounts WHERE deleted_at IS NULL').get() as { n: number }).n;
  } finally {
    ctx.db.close();
  }
}

describe('npm run cli -- --db FILE import accounts', () => {
  it('imports a valid file: exit 0 and the count', async () => {
    const file = t.file('ok.csv');
    fs.writeFileSync(file, 'Name,Territory,Owner,Sales\nA,华东区,王磊,1.50\nB,North China,Zhang Wei,2\n');
    const r = await cli('import', 'accounts', file);
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(r.out).toEqual([expect.stringMatching(/^Imported 2 accounts: 2 new, 0 updated, 0 unchanged \(batch [0-9a-f-]{36}\)\.$/)]);
    expect(await accountCount()).toBe(2);
  });

  it('refuses a file with an invalid row: exit 1, each (row, column, value, reason) on stderr, nothing written', async () => {
    const file = t.file('bad.csv');
    fs.writeFileSync(file, 'Name,Territory,Sales\nA,华东区,1\n,华东区,x\nC,Mars,3\n');
    const r = await cli('import', 'accounts', file);
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([
      'row 3, column "Name", value "": required: this cell is empty',
      'row 3, column "Sales", value "x": not a money amount (expected yuan, e.g. 1234.50)',
      'row 4, column "Territory", value "Mars": unknown territory (known: 华东区, East China, 华北区, North China)',
      '3 cells were rejected; nothing was written. The file names territories or reps the book does not have (Mars): import again with --create-missing to create them, or add them first with import org.',
    ]);
    expect(await accountCount()).toBe(0);
  });

  it('--map names the field of a header the synonyms do not know', async () => {
    const file = t.file('mapped.csv');
    fs.writeFileSync(file, '公司全称,片区,Turnover,Comment\nA,华东区,7,x\n');
    const r = await cli(
      'import',
      'accounts',
      file,
      '--map',
      '公司全称=name',
      '--map',
      '片区=territory',
      '--map',
      'Turnover=sales',
      '--map',
      'Comment=ignore',
    );
    expect(r).toMatchObject({ code: 0 });
    expect(await accountCount()).toBe(1);
    const wrong = await cli('import', 'accounts', file, '--map', '公司全称=company');
    expect(wrong.code).toBe(2);
    expect(wrong.err[0]).toMatch(/names no field; fields are: id, name, territory, owner/);
  });

  it('a bad file: exit 1 with the reason', async () => {
    const file = t.file('bad.xlsx');
    fs.writeFileSync(file, 'not a workbook');
    const r = await cli('import', 'accounts', file);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([expect.stringMatching(/^Error \(bad-file\): bad\.xlsx is not an Excel workbook/)]);
  });
});

describe('npm run cli -- --db FILE export accounts', () => {
  it('writes English headers by default, Chinese with --lang zh-CN, and the file imports back by ID', async () => {
    const src = t.file('in.csv');
    fs.writeFileSync(src, 'Name,Territory,Owner,Sales,Profit,Grade,Last visit,Notes\n甲,华东区,李娜,10,-2,B,2026-02-03,"a, ""b"""\n');
    expect((await cli('import', 'accounts', src)).code).toBe(0);

    const en = t.file('en.xlsx');
    const r = await cli('export', 'accounts', en);
    expect(r).toMatchObject({ code: 0, out: [`Exported 1 accounts to ${path.resolve(en)}`] });
    const rows = sheetRows(readWithSheetJS(en));
    expect(rows[0]!.slice(0, 10)).toEqual([
      'ID',
      'Name',
      'Territory',
      'Owner',
      'Industry',
      'City',
      'Sales',
      'Sales last year',
      'Profit',
      'Grade',
    ]);
    expect(rows[1]!.slice(1, 10)).toEqual(['甲', 'East China', 'Li Na', null, null, 10, 0, -2, 'B']);

    const zh = t.file('zh.xlsx');
    expect((await cli('export', 'accounts', zh, '--lang', 'zh-CN')).code).toBe(0);
    expect(sheetRows(readWithSheetJS(zh))[0]!.slice(0, 10)).toEqual([
      '编号',
      '客户名称',
      '区域',
      '负责人',
      '行业',
      '城市',
      '今年销售额',
      '去年销售额',
      '利润',
      '等级',
    ]);

    const back = await cli('import', 'accounts', zh);
    expect(back.out[0]).toMatch(/^Imported 1 accounts: 0 new, 0 updated, 1 unchanged/);
    expect(await accountCount()).toBe(1);
    expect((await cli('export', 'accounts', zh, '--lang', 'fr')).code).toBe(2);
  });
});

describe('the real command line (child process)', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/app/cli/main.ts', '--db', db, ...args], {
      encoding: 'utf8',
      env: { ...process.env, SW_QUIET: '1' },
      timeout: 110_000,
    });

  it('exits 1 with the errors on stderr for a bad row, 0 for export', { timeout: 240_000 }, async () => {
    const bad = t.file('bad.csv');
    fs.writeFileSync(bad, 'Name,Territory,Sales\nA,华东区,abc\n');
    const r = run('import', 'accounts', bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('row 2, column "Sales", value "abc": not a money amount');
    const out = t.file('out.xlsx');
    const e = run('export', 'accounts', out, '--lang', 'zh-CN');
    expect(e.status).toBe(0);
    expect(e.stdout).toContain('Exported 0 accounts');
    expect(fs.existsSync(out)).toBe(true);
  });
});
