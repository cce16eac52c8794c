import type { ServerContext } from '../../../platform/context';
import type { Job } from '../../../platform/jobs';
import { ImportTable, normalizeHeader, type ImportField } from '../../../platform/excel/importTable';
import { date, money, text, type CellParser } from '../../../platform/excel/cellParsers';
import type { OppStatus } from '../domain';
import type { ImportIssue } from '../contract';
import { activeStages } from './stagesRepo';
import { DEACTIVATED_REP, OrgNames } from '../../org/namePlan';
import { readOrgRows } from '../../../platform/db/orgRows';

// Checking the import's cells with the shared import table (headers in English as in the
// contract or the zh-CN words users write; `--map "Header=field"` for the Opportunities
// sheet). Every rejected cell is reported with its sheet and the spreadsheet's own row
// number; nothing is written here.

const STATUS: Record<string, OppStatus> = {
  open: 'open',
  won: 'won',
  lost: 'lost',
  进行中: 'open',
  赢单: 'won',
  成交: 'won',
  丢单: 'lost',
  输单: 'lost',
};
const status: CellParser<OppStatus> = (raw) => {
  const s = STATUS[normalizeHeader(String(raw))];
  return s ? { ok: true, value: s } : { ok: false, reason: 'must be open, won or lost' };
};

function stageParser(ctx: ServerContext): CellParser<string> {
  const stages = activeStages(ctx.db);
  const byName = new Map<string, string>();
  for (const s of stages) for (const n of [s.nameZh, s.nameEn]) byName.set(normalizeHeader(n), s.id);
  const known = stages.map((s) => `${s.position} ${s.nameEn}`).join(', ');
  return (raw) => {
    const t = String(raw).trim();
    const id = /^\d+$/.test(t) ? stages.find((s) => s.position === Number(t))?.id : byName.get(normalizeHeader(t));
    return id ? { ok: true, value: id } : { ok: false, reason: `not a stage of the active model (${known})` };
  };
}

function oppFields(ctx: ServerContext): ImportField[] {
  return [
    { key: 'id', label: 'Id', headers: ['编号', '机会编号'], parse: text({ max: 100 }), required: true },
    { key: 'account', label: 'Account', headers: ['customer', '客户', '客户名称'], parse: text({ max: 200 }), required: true },
    { key: 'name', label: 'Name', headers: ['opportunity', '机会', '机会名称', '名称'], parse: text({ max: 200 }), required: true },
    { key: 'owner', label: 'Owner', headers: ['rep', '负责人', '销售代表', '业务员'], parse: text({ max: 200 }) },
    { key: 'amount', label: 'Amount', headers: ['金额', '机会金额'], parse: money(), required: true },
    { key: 'stage', label: 'Stage', headers: ['阶段', '销售阶段'], parse: stageParser(ctx), required: true },
    {
      key: 'expectedClose',
      label: 'Expected close',
      headers: ['close date', 'expected close date', '预计成交', '预计成交日期', '预计签约日期'],
      parse: date(),
      required: true,
    },
    { key: 'created', label: 'Created', headers: ['created on', '创建日期', '创建'], parse: date() },
    { key: 'status', label: 'Status', headers: ['状态'], parse: status },
    { key: 'lostReason', label: 'Lost reason', headers: ['reason', '丢单原因', '原因'], parse: text({ max: 2000 }) },
  ];
}

function historyFields(ctx: ServerContext): ImportField[] {
  return [
    { key: 'id', label: 'Id', headers: ['编号', '机会编号'], parse: text({ max: 100 }), required: true },
    { key: 'date', label: 'Date', headers: ['日期'], parse: date(), required: true },
    { key: 'stage', label: 'Stage', headers: ['阶段', '销售阶段'], parse: stageParser(ctx), required: true },
    { key: 'status', label: 'Status', headers: ['状态'], parse: status, required: true },
    { key: 'amount', label: 'Amount', headers: ['金额', '机会金额'], parse: money(), required: true },
    {
      key: 'expectedClose',
      label: 'Expected close',
      headers: ['close date', 'expected close date', '预计成交', '预计成交日期', '预计签约日期'],
      parse: date(),
      required: true,
    },
  ];
}

export interface ParsedHistory {
  row: number;
  date: string;
  stageId: string;
  status: OppStatus;
  amount: number;
  expectedClose: string;
}

export interface ParsedOpp {
  row: number;
  ref: string;
  existingId: string | null;
  name: string;
  accountId: string;
  ownerId: string;
  amount: number;
  stageId: string;
  expectedClose: string;
  created: string;
  status: OppStatus;
  lostReason: string | null;
  hasHistory: boolean;
  /** The states in date order; the first holds from `created`. */
  history: ParsedHistory[];
}

export interface ParseInput {
  file: string;
  name: string;
  /** The sheet holding the opportunities, and the History sheet when the file has one. */
  oppSheet: string;
  historySheet: string | null;
  mapping?: Record<string, string> | undefined;
  job?: Job | undefined;
  /** Plan reps the file names that the book lacks, in their first account's territory. */
  createMissing?: boolean | undefined;
}

export async function parseOpportunities(
  ctx: ServerContext,
  input: ParseInput,
): Promise<{ opps: ParsedOpp[]; errors: ImportIssue[]; errorCount: number; names: OrgNames }> {
  const errors: ImportIssue[] = [];
  let errorCount = 0;
  const reject = (sheet: string, row: number, column: string, value: unknown, reason: string) => {
    errorCount++;
    if (errors.length < 10_000) errors.push({ sheet, row, column, value: String(value ?? '').slice(0, 200), reason });
  };
  const today = ctx.clock.today();
  const accounts = ctx.db.prepare('SELECT id, name, name_en, territory_id, owner_id FROM accounts WHERE deleted_at IS NULL').all() as {
    id: string;
    name: string;
    name_en: string | null;
    territory_id: string;
    owner_id: string | null;
  }[];
  const accountByKey = new Map<string, (typeof accounts)[number][]>();
  for (const a of accounts)
    for (const k of new Set([a.id, normalizeHeader(a.name), a.name_en ? normalizeHeader(a.name_en) : '']))
      if (k) accountByKey.set(k, [...(accountByKey.get(k) ?? []), a]);
  const names = new OrgNames(readOrgRows(ctx.db), ctx.newId);
  const imported = ctx.db
    .prepare('SELECT ref, id, owner_id FROM opportunities WHERE ref IS NOT NULL AND deleted_at IS NULL')
    .raw()
    .all() as [string, string, string][];
  const existing = new Map(imported.map(([ref, id]) => [ref, id]));
  const ownerOf = new Map(imported.map(([ref, , owner]) => [ref, owner]));

  const opts = { name: input.name, ...(input.job ? { job: input.job } : {}) };
  const table = await ImportTable.open(input.file, oppFields(ctx), {
    ...opts,
    sheet: input.oppSheet,
    ...(input.mapping ? { mapping: input.mapping } : {}),
  });
  const opps: ParsedOpp[] = [];
  const byRef = new Map<string, ParsedOpp>();
  for await (const rec of table.records()) {
    const v = rec.values as {
      id: string;
      account: string;
      name: string;
      owner: string | null;
      amount: number;
      stage: string;
      expectedClose: string;
      created: string | null;
      status: OppStatus | null;
      lostReason: string | null;
    };
    let ok = rec.ok;
    const bad = (field: string, value: unknown, reason: string) => {
      reject('Opportunities', rec.row, table.columnName(field), value, reason);
      ok = false;
    };
    if (v.id && byRef.has(v.id)) bad('id', v.id, `already used on row ${byRef.get(v.id)!.row}`);
    const matches = v.account ? (accountByKey.get(v.account) ?? accountByKey.get(normalizeHeader(v.account)) ?? []) : [];
    if (v.account && matches.length === 0) bad('account', v.account, 'unknown account');
    if (matches.length > 1) bad('account', v.account, 'more than one account has this name; use its id');
    const account = matches.length === 1 ? matches[0]! : null;
    let ownerId = account?.owner_id ?? null;
    if (v.owner) {
      // A rep the book lacks works in the territory of the first account the file gives them.
      const named = names.repsNamed(v.owner);
      const rep = account ? named.find((r) => r.territoryId === account.territory_id) : named[0];
      if (named.length === 0 && account) ownerId = names.planRep(v.owner, account.territory_id);
      else if (named.length === 0) bad('owner', v.owner, 'unknown rep');
      else if (!rep) bad('owner', v.owner, "does not work in the account's territory");
      else ownerId = rep.id;
      if (names.isPlanned(ownerId) && !input.createMissing) bad('owner', v.owner, 'unknown rep');
    } else if (account && !ownerId) bad('owner', '', 'required (the account has no owner)');
    // A deactivated rep keeps the opportunities they own but is given none (as in the accounts import).
    if (ownerId && names.isDeactivated(ownerId) && ownerId !== ownerOf.get(v.id)) {
      bad('owner', v.owner ?? '', v.owner ? DEACTIVATED_REP : "required (the account's owner is deactivated: name an active rep)");
    }
    if (v.created && v.created > today) bad('created', v.created, 'in the future');
    if (!ok) continue;
    const o: ParsedOpp = {
      row: rec.row,
      ref: v.id,
      existingId: existing.get(v.id) ?? null,
      name: v.name,
      accountId: account!.id,
      ownerId: ownerId!,
      amount: v.amount,
      stageId: v.stage,
      expectedClose: v.expectedClose,
      created: v.created ?? '',
      status: v.status ?? 'open',
      lostReason: v.lostReason || null,
      hasHistory: false,
      history: [],
    };
    opps.push(o);
    byRef.set(o.ref, o);
  }
  for (const e of table.errors.list) reject('Opportunities', e.row, e.column, e.value, e.reason);

  if (input.historySheet) {
    const hist = await ImportTable.open(input.file, historyFields(ctx), { ...opts, sheet: input.historySheet });
    for await (const rec of hist.records()) {
      const v = rec.values as { id: string; date: string; stage: string; status: OppStatus; amount: number; expectedClose: string };
      const o = v.id ? byRef.get(v.id) : undefined;
      if (v.id && !o)
        reject('History', rec.row, hist.columnName('id'), v.id, 'not an Id of the Opportunities sheet (or that row was rejected)');
      if (v.date && v.date > today) reject('History', rec.row, hist.columnName('date'), v.date, 'in the future');
      if (!o) continue;
      o.hasHistory = true;
      if (rec.ok && v.date <= today)
        o.history.push({
          row: rec.row,
          date: v.date,
          stageId: v.stage,
          status: v.status,
          amount: v.amount,
          expectedClose: v.expectedClose,
        });
    }
    for (const e of hist.errors.list) reject('History', e.row, e.column, e.value, e.reason);
  }

  for (const o of opps) {
    if (!o.hasHistory) {
      o.created ||= today;
      o.history = [{ row: o.row, date: o.created, stageId: o.stageId, status: o.status, amount: o.amount, expectedClose: o.expectedClose }];
      continue;
    }
    if (o.history.length === 0) continue; // its History rows were rejected
    o.history.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.row - b.row));
    const first = o.history[0]!;
    if (!o.created) o.created = first.date;
    else if (first.date < o.created) reject('History', first.row, 'Date', first.date, `before the opportunity was created (${o.created})`);
    const last = o.history[o.history.length - 1]!;
    const differs = [
      last.stageId !== o.stageId && 'Stage',
      last.status !== o.status && 'Status',
      last.amount !== o.amount && 'Amount',
      last.expectedClose !== o.expectedClose && 'Expected close',
    ].filter(Boolean);
    if (differs.length)
      reject(
        'History',
        last.row,
        String(differs[0]),
        '',
        `the last History row of ${o.ref} must agree with its Opportunities row (${differs.join(', ')} differ)`,
      );
  }
  errors.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet === 'Opportunities' ? -1 : 1));
  return { opps, errors, errorCount, names };
}
