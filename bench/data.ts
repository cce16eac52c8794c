import fs from 'node:fs';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { openBook } from '../src/app/book';
import { insertRow } from '../src/platform/db/changeLog';
import type { ServerContext } from '../src/platform/context';

// Deterministic bench data: the same seed gives the same books and files every run.

export const TERRITORIES = [
  ['华东区', 'East China'],
  ['华北区', 'North China'],
  ['华南区', 'South China'],
] as const;
export const REPS = [
  ['王磊', 0],
  ['李娜', 0],
  ['张伟', 1],
  ['刘洋', 1],
  ['陈静', 2],
  ['赵强', 2],
] as const;
const CITIES = ['上海', '杭州', '北京', '天津', '广州', '深圳'];
const INDUSTRIES = ['制造业', '医药', '电子', '化工', '物流'];

export interface AccountRecord {
  name: string;
  territory: string;
  owner: string;
  industry: string;
  city: string;
  sales: number; // yuan with 2 decimals
  salesLastYear: number;
  profit: number;
  grade: string;
  notes: string;
}

export function* accountRecords(n: number, seed = 'bench'): Generator<AccountRecord> {
  const rng = seedrandom(seed);
  for (let i = 0; i < n; i++) {
    const rep = REPS[i % REPS.length]!;
    const sales = Math.round(Math.pow(rng(), 4) * 500_000_000) / 100;
    yield {
      name: `客户${String(i).padStart(6, '0')} ${CITIES[i % CITIES.length]}有限公司`,
      territory: TERRITORIES[rep[1]]![0],
      owner: rep[0],
      industry: INDUSTRIES[i % INDUSTRIES.length]!,
      city: CITIES[i % CITIES.length]!,
      sales,
      salesLastYear: Math.round(sales * 80) / 100,
      profit: Math.round(sales * (rng() * 30 - 5)) / 100,
      grade: 'ABC'[i % 3]!,
      notes: i % 10 === 0 ? `备注 "quoted", with commas ${i}` : '',
    };
  }
}

export const ACCOUNT_HEADERS = ['Name', 'Territory', 'Owner', 'Industry', 'City', 'Sales', 'Sales last year', 'Profit', 'Grade', 'Notes'];
const toCells = (r: AccountRecord) => [
  r.name,
  r.territory,
  r.owner,
  r.industry,
  r.city,
  r.sales,
  r.salesLastYear,
  r.profit,
  r.grade,
  r.notes,
];

export async function writeAccountsXlsx(file: string, n: number): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('Accounts');
  ws.addRow(ACCOUNT_HEADERS).commit();
  for (const r of accountRecords(n)) ws.addRow(toCells(r)).commit();
  ws.commit();
  await wb.commit();
}

export function writeAccountsCsv(file: string, n: number): void {
  const q = (v: unknown) => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [ACCOUNT_HEADERS.join(',')];
  for (const r of accountRecords(n)) lines.push(toCells(r).map(q).join(','));
  fs.writeFileSync(file, '\uFEFF' + lines.join('\n') + '\n');
}

/** An empty book with the territories and reps the files refer to. */
export async function makeEmptyBook(file: string): Promise<void> {
  fs.rmSync(file, { force: true });
  const ctx = await openBook(file, { dailyBackup: false });
  seedOrg(ctx);
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  ctx.db.close();
}

export function seedOrg(ctx: ServerContext): { territoryIds: string[]; repIds: string[] } {
  return ctx.db.transaction(() => {
    const territoryIds = TERRITORIES.map(([zh, en]) => insertRow(ctx, 'territories', { name_zh: zh, name_en: en }));
    const repIds = REPS.map(([zh, t]) => insertRow(ctx, 'reps', { territory_id: territoryIds[t]!, name_zh: zh, name_en: zh }));
    return { territoryIds, repIds };
  })();
}

/** A book holding n accounts, written through the change-logged path. */
export async function makeAccountsBook(file: string, n: number): Promise<void> {
  fs.rmSync(file, { force: true });
  const ctx = await openBook(file, { dailyBackup: false });
  const { territoryIds, repIds } = seedOrg(ctx);
  const terr = new Map<string, string>(TERRITORIES.map(([zh], i) => [zh, territoryIds[i]!]));
  const reps = new Map<string, string>(REPS.map(([zh], i) => [zh, repIds[i]!]));
  ctx.db.transaction(() => {
    for (const r of accountRecords(n)) {
      insertRow(ctx, 'accounts', {
        territory_id: terr.get(r.territory),
        owner_id: reps.get(r.owner),
        name: r.name,
        industry: r.industry,
        city: r.city,
        sales_fen: Math.round(r.sales * 100),
        sales_last_year_fen: Math.round(r.salesLastYear * 100),
        profit_fen: Math.round(r.profit * 100),
        grade: r.grade,
        notes: r.notes || null,
      });
    }
  })();
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  ctx.db.close();
}

export function copyBook(from: string, to: string): void {
  for (const ext of ['', '-wal', '-shm']) fs.rmSync(to + ext, { force: true });
  fs.copyFileSync(from, to);
  fs.rmSync(path.join(path.dirname(to), 'backups'), { recursive: true, force: true });
}
