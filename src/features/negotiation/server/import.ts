import path from 'node:path';
import * as z from 'zod';
import type { ServerContext } from '../../../platform/context';
import { sheetNames, type CellRaw } from '../../../platform/excel/tableReader';
import { ImportErrors, ImportTable } from '../../../platform/excel/importTable';
import { asIs } from '../../../platform/excel/cellParsers';
import { AppError } from '../../../shared/errors';
import {
  directions,
  teamRoles,
  zIssueInput,
  zTeamMemberInput,
  type Direction,
  type IssueInput,
  type IssueKind,
  type NegotiationImportError,
  type StepInput,
  type TeamRole,
} from '../contract';
import { defaultIssueNames } from '../defaults';
import { concessionChecks } from '../domain';
import { normalizeUnit, parseQuantity } from '../units';
import { CONCESSION_HEADERS, CUSTOMER_HEADERS, PLAN_HEADERS, TEAM_HEADERS, TITLE_PREFIX } from './export';
import { createWorksheet, mustGetWorksheet } from './plan';

// Reading a worksheet back from a workbook of the export's shape. Plan and Concessions are
// required; Customer and Team are read when present. Derived columns (Margin, Size) and the
// Checks sheet are ignored. All or nothing: every rejected cell is reported with its
// sheet, the spreadsheet's own row number, column, value and reason, and nothing is written.

interface Table {
  sheet: string;
  /** Row number and cells by header name (lower case). */
  rows: { row: number; cells: Map<string, CellRaw> }[];
  title: string | null;
}

const text = (v: CellRaw | undefined): string =>
  (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v)).trim();

/**
 * The table of a sheet through the import path every spreadsheet import takes (ImportTable):
 * the header row is the first naming a known column (the title block above it is kept); the
 * table ends at the first empty row (notes and charts follow it). Errors go to the
 * workbook's collector, naming the sheet.
 */
async function readTable(
  file: string,
  fileName: string,
  sheet: string,
  headers: readonly string[],
  required: readonly string[],
  errors: ImportErrors,
): Promise<Table> {
  const fields = headers.map((h) => ({ key: h.toLowerCase(), label: h, headers: [], parse: asIs, requiredColumn: required.includes(h) }));
  const table = await ImportTable.open(file, fields, { sheet, name: fileName, errors });
  const out: Table = { sheet, rows: [], title: table.titleLines[0] || null };
  let last = table.headerRow;
  for await (const r of table.records()) {
    if (r.row !== last + 1) break; // a blank row ends the table
    last = r.row;
    out.rows.push({ row: r.row, cells: new Map(Object.entries(r.values) as [string, CellRaw][]) });
  }
  return out;
}

const KINDS = Object.entries(defaultIssueNames).flatMap(([kind, names]) =>
  Object.values(names).map((n) => [n.toLowerCase(), kind as IssueKind] as const),
);
const kindOf = (name: string): IssueKind => KINDS.find(([n]) => n === name.toLowerCase())?.[1] ?? 'custom';

const EXCHANGE_TRADE = /^(.*?)\s*\[([^[\]]+):\s*([^[\]:]*)\]\s*$/s;

export async function importWorksheet(
  ctx: ServerContext,
  file: string,
  opts: { name?: string; fileName?: string } = {},
): Promise<{ id: string; name: string; checks: number }> {
  const fileName = opts.fileName ?? path.basename(file);
  const sheets = await sheetNames(file, { name: fileName });
  const find = (s: string) => sheets.find((x) => x.toLowerCase() === s.toLowerCase());
  const missing = ['Plan', 'Concessions'].filter((s) => !find(s));
  if (missing.length) {
    throw new AppError(
      'bad-file',
      `${fileName} is not a negotiation worksheet: it has no sheet ${missing.map((s) => `"${s}"`).join(' or ')} (sheets: ${sheets.join(', ')}).`,
    );
  }
  const errors = new ImportErrors();
  const reject = (sheet: string, row: number, column: string, value: CellRaw | undefined, reason: string) =>
    errors.add(row, column, text(value), reason, sheet);

  const plan = await readTable(
    file,
    fileName,
    find('Plan')!,
    PLAN_HEADERS,
    PLAN_HEADERS.filter((h) => h !== 'Margin'),
    errors,
  );
  const conc = await readTable(
    file,
    fileName,
    find('Concessions')!,
    CONCESSION_HEADERS,
    ['Issue', 'Step', 'Position', 'Exchange', 'Reason'],
    errors,
  );
  const cust = find('Customer') ? await readTable(file, fileName, find('Customer')!, CUSTOMER_HEADERS, CUSTOMER_HEADERS, errors) : null;
  const team = find('Team') ? await readTable(file, fileName, find('Team')!, TEAM_HEADERS, ['Name', 'Role'], errors) : null;
  if (errors.count) throw rejected(fileName, errors);

  const quantity = (t: Table, row: number, column: string, v: CellRaw | undefined): number | null => {
    if (text(v) === '') return null;
    const q = parseQuantity(typeof v === 'number' ? v : text(v));
    if (q === null) reject(t.sheet, row, column, v, 'not a number with at most two decimals');
    return q;
  };

  // Plan: one issue a row, named uniquely.
  const issues: (IssueInput & { id: string })[] = [];
  const keyOf = new Map<string, string>();
  for (const { row, cells } of plan.rows) {
    const get = (h: string) => cells.get(h.toLowerCase());
    const name = text(get('Issue'));
    if (!name) {
      reject(plan.sheet, row, 'Issue', get('Issue'), 'an issue needs a name');
      continue;
    }
    if (name.length > 100) reject(plan.sheet, row, 'Issue', name, 'longer than 100 characters');
    if (keyOf.has(name.toLowerCase())) {
      reject(plan.sheet, row, 'Issue', name, 'this issue is listed twice');
      continue;
    }
    const unit = text(get('Unit'));
    if (!unit || unit.length > 20)
      reject(plan.sheet, row, 'Unit', get('Unit'), unit ? 'longer than 20 characters' : 'a unit is required (yuan, days, …)');
    const dir = text(get('Direction')).toLowerCase();
    if (!(directions as readonly string[]).includes(dir))
      reject(plan.sheet, row, 'Direction', get('Direction'), 'must be "higher" or "lower" (which way is better for us)');
    const priority = (h: string) => {
      const v = get(h);
      const n = typeof v === 'number' ? v : Number(text(v));
      if (!Number.isInteger(n) || n < 1 || n > 4) {
        reject(plan.sheet, row, h, v, 'a priority is a whole number 1–4');
        return 4;
      }
      return n;
    };
    const key = `i${issues.length + 1}`;
    keyOf.set(name.toLowerCase(), key);
    issues.push({
      id: key,
      kind: kindOf(name),
      name,
      unit: normalizeUnit(unit || '?'),
      direction: (dir === 'lower' ? 'lower' : 'higher') as Direction,
      quote: quantity(plan, row, 'Quote', get('Quote')),
      target: quantity(plan, row, 'Target', get('Target')),
      floor: quantity(plan, row, 'Floor', get('Floor')),
      ourPriority: priority('Our priority'),
      theirPriority: priority('Their priority'),
      theirOpening: null,
      theirFloor: null,
      steps: [],
    });
  }
  if (plan.rows.length === 0) reject(plan.sheet, 1, 'Issue', '', 'the Plan sheet lists no issue');
  const issueByName = (t: Table, row: number, column: string, v: CellRaw | undefined) => {
    const i = issues.find((x) => x.name.toLowerCase() === text(v).toLowerCase());
    if (!i) reject(t.sheet, row, column, v, 'no issue of this name on the Plan sheet');
    return i;
  };

  // Concessions: steps by issue, ordered by their Step number.
  const steps: { issue: IssueInput; no: number; step: StepInput }[] = [];
  for (const { row, cells } of conc.rows) {
    const get = (h: string) => cells.get(h.toLowerCase());
    const issue = issueByName(conc, row, 'Issue', get('Issue'));
    const noRaw = get('Step');
    const no = typeof noRaw === 'number' ? noRaw : Number(text(noRaw));
    if (!Number.isInteger(no) || no < 1) reject(conc.sheet, row, 'Step', noRaw, 'a step number is a whole number from 1');
    else if (issue && steps.some((s) => s.issue === issue && s.no === no))
      reject(conc.sheet, row, 'Step', noRaw, `step ${no} of this issue is listed twice`);
    const position = quantity(conc, row, 'Position', get('Position'));
    // Size is derived from the positions; it is read only where no position could be written.
    const size = position === null ? quantity(conc, row, 'Size', get('Size')) : null;
    if (position === null && size === null) reject(conc.sheet, row, 'Position', get('Position'), 'a step needs the position after it');
    let exchange = text(get('Exchange'));
    let tradedIssueId: string | null = null;
    let tradedAmount: number | null = null;
    const m = EXCHANGE_TRADE.exec(exchange);
    if (m) {
      const traded = issueByName(conc, row, 'Exchange', m[2]!.trim());
      tradedIssueId = traded?.id ?? null;
      tradedAmount = m[3]!.trim() === '' ? null : quantity(conc, row, 'Exchange', m[3]!.trim());
      exchange = m[1]!.trim();
    }
    if (exchange.length > 500) reject(conc.sheet, row, 'Exchange', exchange, 'longer than 500 characters');
    const reason = text(get('Reason'));
    if (reason.length > 1000) reject(conc.sheet, row, 'Reason', reason, 'longer than 1000 characters');
    if (issue && Number.isInteger(no)) {
      steps.push({
        issue,
        no,
        step: { entered: position === null ? 'size' : 'position', position, size, exchange, tradedIssueId, tradedAmount, reason },
      });
    }
  }
  for (const s of steps.sort((a, b) => a.no - b.no)) s.issue.steps.push(s.step);

  for (const { row, cells } of cust?.rows ?? []) {
    const get = (h: string) => cells.get(h.toLowerCase());
    const issue = issueByName(cust!, row, 'Issue', get('Issue'));
    const opening = quantity(cust!, row, 'Their opening', get('Their opening'));
    const floor = quantity(cust!, row, 'Their floor', get('Their floor'));
    if (issue) Object.assign(issue, { theirOpening: opening, theirFloor: floor });
  }

  const members = (team?.rows ?? []).map(({ row, cells }) => {
    const get = (h: string) => cells.get(h.toLowerCase());
    const name = text(get('Name'));
    if (!name || name.length > 100)
      reject(team!.sheet, row, 'Name', get('Name'), name ? 'longer than 100 characters' : 'a team member needs a name');
    const role = text(get('Role'));
    if (!(teamRoles as readonly string[]).includes(role))
      reject(team!.sheet, row, 'Role', get('Role'), `must be one of ${teamRoles.join(', ')}`);
    const topic = text(get('Topic')) ? (issueByName(team!, row, 'Topic', get('Topic'))?.id ?? null) : null;
    const title = text(get('Title'));
    return { name, title: title || null, role: role as TeamRole, topicIssueId: role === 'negotiator' ? topic : null };
  });

  if (errors.count) throw rejected(fileName, errors);
  const fromTitle = plan.title
    ? Object.values(TITLE_PREFIX)
        .reduce((t, p) => (t.startsWith(p) ? t.slice(p.length) : t), plan.title)
        .trim()
    : '';
  const name = (opts.name ?? (fromTitle || path.basename(fileName).replace(/\.[^.]+$/, ''))).slice(0, 100);
  // The same schema the editor's saves pass (bounds of numbers and texts).
  const checked = z.object({ issues: z.array(zIssueInput), team: z.array(zTeamMemberInput) }).safeParse({ issues, team: members });
  if (!checked.success) {
    const first = checked.error.issues[0]!;
    throw new AppError('import-rejected', `${fileName} was not imported: ${first.path.join('.')}: ${first.message}`);
  }
  const id = createWorksheet(ctx, name, null, issues, members);
  const w = mustGetWorksheet(ctx, id);
  return { id, name: w.name, checks: concessionChecks(w).length };
}

function rejected(fileName: string, errors: ImportErrors): AppError {
  const lines = errors.list.slice(0, 20).map((e) => `${e.sheet} row ${e.row}, column ${e.column}, value "${e.value}": ${e.reason}`);
  const more = errors.count > 20 ? `\n…and ${errors.count - 20} more` : '';
  return new AppError(
    'import-rejected',
    `${fileName} was not imported (${errors.count} problem${errors.count === 1 ? '' : 's'}; nothing was written):\n${lines.join('\n')}${more}`,
    { errors: errors.list as NegotiationImportError[], errorCount: errors.count },
  );
}
