import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ExcelJS } from '../../../platform/lazyLibs';
import { AppError } from '../../../shared/errors';
import { isoToExcelDate } from '../../../shared/dates';
import { safeText } from '../../../platform/excel/safeText';
import type { Issue, Worksheet } from '../contract';
import { concessionChecks, ladderOf, marginText } from '../domain';
import { formatQuantity, isMoneyUnit, toUnits, type Lang } from '../units';
import { laddersPng } from './chartImage';

// The worksheet as a small printable workbook. The sheet names and headers below are a
// contract (issue 5): Plan, Concessions and Checks, headers in English whatever the
// language; titles and check messages follow `lang`. Two more sheets, Customer (our
// estimates of the customer's opening and floor) and Team, carry what the contract's
// sheets have no column for, so an exported worksheet imports back unchanged.
//
// The workbook is tiny and carries pictures, so ExcelJS's in-memory Workbook is used
// (the shared streaming writer cannot place images); the layout follows the house style:
// title block, blank row, header row, records.

export const PLAN_HEADERS = ['Issue', 'Unit', 'Direction', 'Quote', 'Target', 'Floor', 'Margin', 'Our priority', 'Their priority'] as const;
export const CONCESSION_HEADERS = ['Issue', 'Step', 'Position', 'Size', 'Exchange', 'Reason'] as const;
export const CHECK_HEADERS = ['Issue', 'Step', 'Rule', 'Message'] as const;
export const CUSTOMER_HEADERS = ['Issue', 'Their opening', 'Their floor'] as const;
export const TEAM_HEADERS = ['Name', 'Title', 'Role', 'Topic'] as const;

export const TITLE_PREFIX: Record<Lang, string> = { 'zh-CN': '谈判计划：', en: 'Negotiation plan: ' };

const thin = { style: 'thin' as const, color: { argb: 'FFB4BCC8' } };
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } },
  border: { top: thin, left: thin, bottom: thin, right: thin },
  alignment: { vertical: 'middle', wrapText: true },
};
const MONEY_FMT = '#,##0.00';

/** "[Issue name: amount]" appended to an exchange that names the issue it is traded against. */
export function exchangeCell(exchange: string, traded: Issue | undefined, amount: number | null): string {
  if (!traded) return exchange;
  const suffix = `[${traded.name}: ${amount === null ? '' : formatQuantity(amount).replace(/,/g, '')}]`;
  return exchange ? `${exchange} ${suffix}` : suffix;
}

type Row = (string | number | null)[];

function addTable(
  ws: ExcelJS.Worksheet,
  title: string[],
  headers: readonly string[],
  rows: Row[],
  moneyCols: (r: number) => number[] = () => [],
): number {
  title.forEach((line, i) => {
    const row = ws.addRow([safeText(line)]);
    row.getCell(1).font = i === 0 ? { bold: true, size: 13 } : { color: { argb: 'FF555555' } };
  });
  if (title.length) ws.addRow([]);
  const header = ws.addRow(headers.map((h) => safeText(h)));
  header.eachCell((c) => (c.style = HEADER_STYLE));
  const headerRow = header.number;
  rows.forEach((values, r) => {
    const row = ws.addRow(values.map((v) => (typeof v === 'string' ? safeText(v) : v)));
    for (const c of moneyCols(r)) row.getCell(c).numFmt = MONEY_FMT;
  });
  ws.views = [{ state: 'frozen', ySplit: headerRow, topLeftCell: `A${headerRow + 1}` }];
  return headerRow;
}

function pageSetup(ws: ExcelJS.Worksheet, landscape: boolean, oneTall: boolean): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: landscape ? 'landscape' : 'portrait',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: oneTall ? 1 : 0,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 },
  };
}

/** `today` is the book's today (or the CLI's --today): the "Exported" line and the document date. */
export async function exportWorksheet(
  w: Worksheet,
  filePath: string,
  lang: Lang,
  today: string,
): Promise<{ sheets: string[]; checks: number }> {
  const checks = concessionChecks(w);
  const byId = new Map(w.issues.map((i) => [i.id, i]));
  const u = (v: number | null) => (v === null ? null : toUnits(v));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sales Workstation';
  wb.created = isoToExcelDate(today);
  wb.modified = wb.created;

  // Plan: the table, the margin lines, then the ladder charts — one landscape page.
  const plan = wb.addWorksheet('Plan');
  const title = [
    `${TITLE_PREFIX[lang]}${w.name}`,
    lang === 'zh-CN'
      ? `导出日期 ${today} · 数值按各议题的单位，金额单位为元`
      : `Exported ${today} · values in each issue's unit; money in yuan`,
  ];
  const planRows: Row[] = w.issues.map((i) => [
    i.name,
    i.unit,
    i.direction,
    u(i.quote),
    u(i.target),
    u(i.floor),
    u(ladderOf(i).margin),
    i.ourPriority,
    i.theirPriority,
  ]);
  addTable(plan, title, PLAN_HEADERS, planRows, (r) => (isMoneyUnit(w.issues[r]!.unit) ? [4, 5, 6, 7] : []));
  plan.columns.forEach((c, i) => (c.width = [18, 8, 10, 15, 15, 15, 15, 12, 13][i] ?? 12));
  plan.addRow([]);
  for (const issue of w.issues) {
    const ladder = ladderOf(issue);
    if (issue.steps.length && ladder.margin !== null) plan.addRow([safeText(marginText(issue, ladder, lang))]);
  }
  plan.addRow([
    safeText(
      lang === 'zh-CN' ? `检查未通过：${checks.length} 项（见 Checks 工作表）` : `Failed checks: ${checks.length} (see sheet Checks)`,
    ),
  ]);

  // The ladder charts, two a row, as one picture below the text.
  const charted = w.issues.filter((i) => i.quote !== null || i.steps.length > 0);
  const firstChartRow = plan.rowCount + 1;
  const picture = laddersPng(charted, lang, { width: 480, height: 260 });
  if (picture) {
    const id = wb.addImage({ buffer: picture.png as unknown as ExcelJS.Buffer, extension: 'png' });
    plan.addImage(id, { tl: { col: 0, row: firstChartRow }, ext: { width: picture.width, height: picture.height } });
  } else if (charted.length) {
    plan.addRow([safeText(lang === 'zh-CN' ? '（此电脑无法生成阶梯图图片）' : '(the ladder charts could not be drawn on this computer)')]);
  }
  // Default rows are 20 px high: the picture spans height / 20 rows.
  const lastRow = picture ? firstChartRow + Math.ceil(picture.height / 20) + 1 : plan.rowCount;
  plan.pageSetup.printArea = `A1:I${lastRow}`;
  pageSetup(plan, true, true);

  const conc = wb.addWorksheet('Concessions');
  const concRows: Row[] = [];
  const concMoney: number[][] = [];
  for (const issue of w.issues) {
    const ladder = ladderOf(issue);
    issue.steps.forEach((s, k) => {
      const l = ladder.steps[k]!;
      concRows.push([
        issue.name,
        k + 1,
        u(l.position),
        u(l.size),
        exchangeCell(s.exchange, s.tradedIssueId ? byId.get(s.tradedIssueId) : undefined, s.tradedAmount),
        s.reason,
      ]);
      concMoney.push(isMoneyUnit(issue.unit) ? [3, 4] : []);
    });
  }
  addTable(conc, [title[0]!], CONCESSION_HEADERS, concRows, (r) => concMoney[r] ?? []);
  conc.columns.forEach((c, i) => (c.width = [18, 6, 15, 15, 40, 40][i] ?? 12));
  pageSetup(conc, true, false);

  const chk = wb.addWorksheet('Checks');
  addTable(
    chk,
    [title[0]!],
    CHECK_HEADERS,
    checks.map((c) => [c.issueName, c.stepNo, c.rule, c.message[lang]]),
  );
  chk.columns.forEach((c, i) => (c.width = [18, 6, 22, 100][i] ?? 12));
  chk.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
  pageSetup(chk, true, false);

  const cust = wb.addWorksheet('Customer');
  addTable(
    cust,
    [title[0]!],
    CUSTOMER_HEADERS,
    w.issues.map((i) => [i.name, u(i.theirOpening), u(i.theirFloor)]),
    (r) => (isMoneyUnit(w.issues[r]!.unit) ? [2, 3] : []),
  );
  cust.columns.forEach((c, i) => (c.width = [18, 16, 16][i] ?? 12));

  const team = wb.addWorksheet('Team');
  addTable(
    team,
    [title[0]!],
    TEAM_HEADERS,
    w.team.map((m) => [m.name, m.title, m.role, m.topicIssueId ? (byId.get(m.topicIssueId)?.name ?? null) : null]),
  );
  team.columns.forEach((c, i) => (c.width = [16, 16, 16, 18][i] ?? 12));

  await writeAtomically(wb, filePath);
  return { sheets: wb.worksheets.map((s) => s.name), checks: checks.length };
}

/** Temp file + rename, so a failed export leaves no half-written workbook under the name. */
async function writeAtomically(wb: ExcelJS.Workbook, filePath: string): Promise<void> {
  const tmp = path.join(path.dirname(path.resolve(filePath)), `.${path.basename(filePath)}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    await wb.xlsx.writeFile(tmp);
    fs.renameSync(tmp, filePath);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    const code = (err as { code?: string }).code ?? '';
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
      throw new AppError(
        'forbidden',
        `Cannot write ${path.basename(filePath)}: it is open in another program (Excel?) or the folder is read-only. Close it and try again.`,
      );
    }
    if (code === 'ENOENT') throw new AppError('not-found', `Cannot write ${filePath}: the folder does not exist.`);
    throw err;
  }
}
