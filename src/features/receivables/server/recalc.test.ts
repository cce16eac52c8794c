import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import type { ServerContext } from '../../../platform/context';
import { tempDir } from '../../../../test/db/helpers';
import { exportAgingWorkbook } from './export';
import { agingReport } from './handlers';
import { randomReceivables, receivablesBook, TODAY } from './testBook';

// The aging workbook's formulas recalculated by an independent spreadsheet engine:
// LibreOffice Calc headless (Debian package libreoffice-calc-nogui). Every cached formula
// result is first overwritten with 0, then LibreOffice loads the file with "always
// recalculate" and saves it; the recomputed values must equal the app's numbers.

const soffice = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find((p) => fs.existsSync(p)) ?? null;
const SKIP_REASON = 'LibreOffice (soffice) is not installed: apt-get install -y --no-install-recommends libreoffice-calc-nogui';

let ctx: ServerContext;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  const t = tempDir('sw-rcv-lo-');
  dir = t.dir;
  cleanup = t.cleanup;
  let accounts: string[];
  ({ ctx, accounts } = await receivablesBook(dir, ['甲公司', '乙公司', '丙公司', '丁公司', '=SUM(1,2)', 'Émile & Söhne GmbH']));
  randomReceivables(ctx, accounts, 'recalc', 400);
});
afterAll(() => {
  ctx.db.close();
  cleanup();
});

/** LibreOffice with a throwaway profile that recalculates every formula when loading OOXML. */
function recalcWithLibreOffice(file: string): string {
  const profile = path.join(dir, 'lo-profile');
  fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
  fs.writeFileSync(
    path.join(profile, 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  const outDir = path.join(dir, 'lo-out');
  fs.mkdirSync(outDir, { recursive: true });
  const r = spawnSync(
    soffice!,
    [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', outDir, file],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const out = path.join(outDir, path.basename(file));
  if (!fs.existsSync(out)) throw new Error(`LibreOffice did not convert ${file}: ${r.stderr} ${r.stdout}`);
  return out;
}

type Sheet = XLSX.WorkSheet;
const formulaCells = (ws: Sheet) => Object.keys(ws).filter((k) => !k.startsWith('!') && ws[k].f);

describe('independent recalculation', () => {
  it.skipIf(!soffice)(`LibreOffice recomputes every total to the app's numbers${soffice ? '' : ` — SKIPPED: ${SKIP_REASON}`}`, async () => {
    const exported = path.join(dir, 'aging.xlsx');
    await exportAgingWorkbook(ctx.db, exported, TODAY, 'en');
    const aging = agingReport(ctx.db, TODAY);

    // Blank every cached result so only a real recalculation can produce the numbers.
    const wb = XLSX.readFile(exported, { cellFormula: true });
    let blanked = 0;
    for (const name of wb.SheetNames) {
      const ws = wb.Sheets[name]!;
      for (const k of formulaCells(ws)) {
        ws[k].v = 0;
        delete ws[k].w;
        blanked++;
      }
    }
    expect(blanked).toBe(6 + 10 + 4); // six customer rows, the Summary totals row, the Detail totals
    const tampered = path.join(dir, 'tampered.xlsx');
    XLSX.writeFile(wb, tampered);
    const recalculated = XLSX.readFile(recalcWithLibreOffice(tampered), { cellFormula: true });
    const original = XLSX.readFile(exported, { cellFormula: true });

    for (const name of ['Summary', 'Detail']) {
      const lo = recalculated.Sheets[name]!;
      const app = original.Sheets[name]!;
      for (const k of formulaCells(app)) {
        expect(lo[k]?.f, `${name}!${k} formula`).toBe(app[k].f);
        // Yuan with two decimals: equal to the cent (sums of binary fractions differ by < 1e-6).
        expect(Math.round(lo[k].v * 100), `${name}!${k} = ${app[k].f}`).toBe(Math.round(app[k].v * 100));
      }
    }
    // And the recomputed grand totals are the app's own aging, in fen.
    const summary = XLSX.utils.sheet_to_json<unknown[]>(recalculated.Sheets.Summary!, { header: 1, raw: true, blankrows: true });
    const totalRow = summary[summary.length - 1] as number[];
    expect(totalRow[0]).toBe('Total');
    expect(Math.round(totalRow[9]! * 100)).toBe(aging.totals.total);
    expect(Math.round(totalRow[10]! * 100)).toBe(aging.totals.provision);
    aging.totals.byBucket.forEach((fen, i) => expect(Math.round(totalRow[i + 1]! * 100)).toBe(fen));
    // The text that looks like a formula stayed text through both programs.
    expect(summary.some((row) => row[0] === '=SUM(1,2)')).toBe(true);
  });
});
