import type { TrainingImportError } from '../contract';
import { matchStandardIssue, type StandardIssue } from '../cases';
import { MAX_ISSUES, MIN_ISSUES, TOP_LEVEL } from '../domain';

// Checks a training workbook's rows and turns them into a plan of rows to write. Pure:
// the sheets arrive as header-keyed rows with their spreadsheet row numbers, their sheets
// and columns already checked by the reader. Every
// rejected cell is reported as (sheet, row, column, value, reason); a plan is returned
// only when nothing was rejected.

export type Raw = string | number | boolean | Date | null | undefined;
export interface SheetRows {
  /** Header texts of row 1 as written. */
  headers: string[];
  rows: { row: number; cells: Record<string, Raw> }[];
}

export const SHEETS = {
  Teams: ['Team', 'Side'],
  Priorities: ['Team', 'Issue', 'Priority'],
  Pairings: ['Round', 'Pairing', 'Vendor team', 'Customer team', 'Signed'],
  Outcomes: ['Round', 'Pairing', 'Issue', 'Vendor level', 'Customer level'],
  Guesses: ['Team', 'Issue', 'Guessed priority'],
} as const;
export type SheetName = keyof typeof SHEETS;
export const OPTIONAL_SHEETS: readonly SheetName[] = ['Guesses'];

export interface ImportPlan {
  teams: { name: string; side: 'vendor' | 'customer' }[];
  /** Null when the Priorities sheet is empty: the default case's four issues. */
  issues: { name: string; issueKey: StandardIssue | null }[] | null;
  priorities: { team: number; issue: number; priority: number }[];
  guesses: { team: number; issue: number; priority: number }[];
  pairings: { round: number; label: string; vendor: number; customer: number; signed: boolean }[];
  outcomes: { pairing: number; issue: number; vendorLevel: number; customerLevel: number }[];
}

export function valueText(v: Raw): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v).trim();
}

function intOf(v: Raw): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) return Number(v);
  return null;
}

const fold = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

export function planTrainingImport(
  sheets: Partial<Record<SheetName, SheetRows>>,
): { plan: ImportPlan } | { errors: TrainingImportError[] } {
  const errors: TrainingImportError[] = [];
  const reject = (sheet: SheetName, row: number, column: string, value: Raw, reason: string) =>
    errors.push({ sheet, row, column, value: valueText(value), reason });

  // Missing sheets and columns were refused by the reader (import.ts, through ImportTable).
  const rowsOf = (sheet: SheetName) => sheets[sheet]?.rows ?? [];
  const cell = (r: { cells: Record<string, Raw> }, column: string): Raw => {
    const key = Object.keys(r.cells).find((k) => fold(k) === fold(column));
    return key === undefined ? null : r.cells[key];
  };

  // Teams
  const teams: ImportPlan['teams'] = [];
  const teamIndex = new Map<string, number>();
  // Rows naming a team or table whose own row was rejected are skipped silently: one
  // mistake is reported once, not again on every row that refers to it.
  const rejectedTeams = new Set<string>();
  const rejectedPairings = new Set<string>();
  for (const r of rowsOf('Teams')) {
    const name = valueText(cell(r, 'Team'));
    const side = fold(valueText(cell(r, 'Side')));
    if (!name) reject('Teams', r.row, 'Team', cell(r, 'Team'), 'a team needs a name');
    else if (name.length > 100) reject('Teams', r.row, 'Team', name, 'a team name has at most 100 characters');
    else if (teamIndex.has(fold(name))) reject('Teams', r.row, 'Team', name, 'this team is listed twice');
    if (side !== 'vendor' && side !== 'customer') reject('Teams', r.row, 'Side', cell(r, 'Side'), 'Side must be vendor or customer');
    if (name && !teamIndex.has(fold(name)) && (side === 'vendor' || side === 'customer')) {
      teamIndex.set(fold(name), teams.length);
      teams.push({ name, side });
    } else if (name) {
      rejectedTeams.add(fold(name));
    }
  }
  const findTeam = (
    sheet: SheetName,
    r: { row: number; cells: Record<string, Raw> },
    column: string,
    side?: 'vendor' | 'customer',
  ): number | null => {
    const v = cell(r, column);
    const i = teamIndex.get(fold(valueText(v)));
    if (i === undefined) {
      if (!rejectedTeams.has(fold(valueText(v))))
        reject(sheet, r.row, column, v, valueText(v) ? 'not a team of the Teams sheet' : 'a team is required');
      return null;
    }
    if (side && teams[i]!.side !== side) {
      reject(sheet, r.row, column, v, `${teams[i]!.name} is a ${teams[i]!.side} team, not a ${side} team`);
      return null;
    }
    return i;
  };

  // Issues: in the order the Priorities sheet first names them; standard names in either language.
  const issues: { name: string; issueKey: StandardIssue | null; key: string }[] = [];
  const issueKeyOf = (text: string) => matchStandardIssue(text) ?? `custom:${fold(text)}`;
  for (const r of rowsOf('Priorities')) {
    const name = valueText(cell(r, 'Issue'));
    if (!name || issues.some((x) => x.key === issueKeyOf(name))) continue;
    if (issues.length >= MAX_ISSUES) {
      reject(
        'Priorities',
        r.row,
        'Issue',
        name,
        `a case has at most ${MAX_ISSUES} issues; is this a misspelling of ${issues.map((x) => x.name).join(', ')}?`,
      );
      continue;
    }
    issues.push({ name, issueKey: matchStandardIssue(name), key: issueKeyOf(name) });
  }
  const defaultIssues = issues.length === 0;
  const issueList = defaultIssues
    ? (['price', 'payment', 'service', 'delivery'] as const).map((k) => ({ name: k, issueKey: k, key: k }))
    : issues;
  const n = issueList.length;
  const firstPriorityRow = rowsOf('Priorities')[0];
  if (!defaultIssues && n < MIN_ISSUES && firstPriorityRow)
    reject('Priorities', firstPriorityRow.row, 'Issue', issues[0]!.name, `a case needs at least ${MIN_ISSUES} issues`);
  const findIssue = (sheet: SheetName, r: { row: number; cells: Record<string, Raw> }): number | null => {
    const v = cell(r, 'Issue');
    const text = valueText(v);
    const i = text ? issueList.findIndex((x) => x.key === issueKeyOf(text)) : -1;
    if (i < 0)
      reject(
        sheet,
        r.row,
        'Issue',
        v,
        text ? `not an issue of the case (${issueList.map((x) => x.name).join(', ')})` : 'an issue is required',
      );
    return i < 0 ? null : i;
  };

  // Orders (own priorities and guesses): 1..n, each issue and each priority once per team.
  const readOrders = (sheet: 'Priorities' | 'Guesses', column: string) => {
    const out: { team: number; issue: number; priority: number }[] = [];
    const firstRow = new Map<number, number>();
    /** team|issue of every row that named both, accepted or not. */
    const named = new Set<string>();
    for (const r of rowsOf(sheet)) {
      const team = findTeam(sheet, r, 'Team');
      const issue = findIssue(sheet, r);
      if (team !== null && issue !== null) named.add(`${team}|${issue}`);
      const v = cell(r, column);
      const priority = intOf(v);
      if (priority === null || priority < 1 || priority > n) {
        reject(sheet, r.row, column, v, `${column} must be a whole number from 1 to ${n} (one per issue)`);
        continue;
      }
      if (team === null || issue === null) continue;
      if (!firstRow.has(team)) firstRow.set(team, r.row);
      const mine = out.filter((x) => x.team === team);
      const sameIssue = mine.find((x) => x.issue === issue);
      const samePriority = mine.find((x) => x.priority === priority);
      if (sameIssue) reject(sheet, r.row, 'Issue', cell(r, 'Issue'), `${teams[team]!.name} already ranks ${issueList[issue]!.name}`);
      else if (samePriority)
        reject(
          sheet,
          r.row,
          column,
          v,
          `${teams[team]!.name} already gives ${priority} to ${issueList[samePriority.issue]!.name}; each priority is used once`,
        );
      else out.push({ team, issue, priority });
    }
    return { out, firstRow, named };
  };
  const priorities = readOrders('Priorities', 'Priority');
  for (const [team, row] of priorities.firstRow) {
    const ranked = new Set(priorities.out.filter((x) => x.team === team).map((x) => x.issue));
    issueList.forEach((issue, i) => {
      // An issue whose row was rejected already has its error.
      if (!ranked.has(i) && !priorities.named.has(`${team}|${i}`))
        reject(
          'Priorities',
          row,
          'Issue',
          teams[team]!.name,
          `${teams[team]!.name} gives no priority to ${issue.name}; a team ranks every issue`,
        );
    });
  }
  const guesses = readOrders('Guesses', 'Guessed priority');

  // Pairings
  const pairings: ImportPlan['pairings'] = [];
  const pairingRow: number[] = [];
  const pairingKey = (round: number, label: string) => `${round}|${fold(label)}`;
  const pairingIndex = new Map<string, number>();
  for (const r of rowsOf('Pairings')) {
    const rv = cell(r, 'Round');
    const round = intOf(rv);
    if (round === null || round < 1 || round > 99) reject('Pairings', r.row, 'Round', rv, 'Round must be a whole number from 1 to 99');
    const label = valueText(cell(r, 'Pairing'));
    if (!label) reject('Pairings', r.row, 'Pairing', cell(r, 'Pairing'), 'a pairing needs a name or number');
    else if (label.length > 40) reject('Pairings', r.row, 'Pairing', label, 'a pairing name has at most 40 characters');
    const vendor = findTeam('Pairings', r, 'Vendor team', 'vendor');
    const customer = findTeam('Pairings', r, 'Customer team', 'customer');
    const sv = cell(r, 'Signed');
    const signedText = fold(valueText(sv));
    if (signedText !== 'yes' && signedText !== 'no') reject('Pairings', r.row, 'Signed', sv, 'Signed must be yes or no');
    if (
      round === null ||
      !label ||
      label.length > 40 ||
      vendor === null ||
      customer === null ||
      (signedText !== 'yes' && signedText !== 'no')
    ) {
      if (round !== null && label) rejectedPairings.add(pairingKey(round, label));
      continue;
    }
    if (pairingIndex.has(pairingKey(round, label))) {
      reject('Pairings', r.row, 'Pairing', label, `round ${round} already has a pairing ${label}`);
      continue;
    }
    if (pairings.some((p) => p.round === round && p.vendor === vendor)) {
      reject('Pairings', r.row, 'Vendor team', teams[vendor]!.name, `${teams[vendor]!.name} already negotiates in round ${round}`);
      rejectedPairings.add(pairingKey(round, label));
      continue;
    }
    pairingIndex.set(pairingKey(round, label), pairings.length);
    pairingRow.push(r.row);
    pairings.push({ round, label, vendor, customer, signed: signedText === 'yes' });
  }

  // Outcomes
  const outcomes: ImportPlan['outcomes'] = [];
  const namedOutcomes = new Set<string>();
  for (const r of rowsOf('Outcomes')) {
    const rv = cell(r, 'Round');
    const round = intOf(rv);
    const label = valueText(cell(r, 'Pairing'));
    const pairing = round === null ? undefined : pairingIndex.get(pairingKey(round, label));
    if (round === null) reject('Outcomes', r.row, 'Round', rv, 'Round must be a whole number');
    else if (pairing === undefined && !rejectedPairings.has(pairingKey(round, label)))
      reject('Outcomes', r.row, 'Pairing', cell(r, 'Pairing'), `the Pairings sheet has no pairing “${label}” in round ${round}`);
    const issue = findIssue('Outcomes', r);
    if (pairing !== undefined && issue !== null) namedOutcomes.add(`${pairing}|${issue}`);
    const levels = (['Vendor level', 'Customer level'] as const).map((column) => {
      const v = cell(r, column);
      const level = intOf(v);
      if (level === null || level < 1 || level > TOP_LEVEL)
        reject('Outcomes', r.row, column, v, `a level is a whole number from 1 to ${TOP_LEVEL}`);
      return level !== null && level >= 1 && level <= TOP_LEVEL ? level : null;
    });
    if (pairing === undefined || issue === null || levels[0] === null || levels[1] === null) continue;
    if (outcomes.some((o) => o.pairing === pairing && o.issue === issue)) {
      reject(
        'Outcomes',
        r.row,
        'Issue',
        cell(r, 'Issue'),
        `pairing ${label} of round ${round} already has an outcome for ${issueList[issue]!.name}`,
      );
      continue;
    }
    outcomes.push({ pairing, issue, vendorLevel: levels[0]!, customerLevel: levels[1]! });
  }
  pairings.forEach((p, i) => {
    if (!p.signed) return;
    const missing = issueList.filter((_, k) => !namedOutcomes.has(`${i}|${k}`)).map((x) => x.name);
    if (missing.length)
      reject(
        'Pairings',
        pairingRow[i]!,
        'Signed',
        'yes',
        `pairing ${p.label} of round ${p.round} signed, but the Outcomes sheet has no level for ${missing.join(', ')}`,
      );
  });

  if (errors.length) return { errors: errors.sort((a, b) => sheetOrder(a.sheet) - sheetOrder(b.sheet) || a.row - b.row) };
  return {
    plan: {
      teams,
      issues: defaultIssues ? null : issues.map(({ name, issueKey }) => ({ name, issueKey })),
      priorities: priorities.out,
      guesses: guesses.out,
      pairings,
      outcomes,
    },
  };
}

function sheetOrder(s: string): number {
  return Object.keys(SHEETS).indexOf(s);
}
