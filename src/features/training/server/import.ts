import path from 'node:path';
import type { ServerContext } from '../../../platform/context';
import { insertRow, updateRow } from '../../../platform/db/changeLog';
import { sheetNames } from '../../../platform/excel/tableReader';
import { ImportErrors, ImportTable } from '../../../platform/excel/importTable';
import { asIs } from '../../../platform/excel/cellParsers';
import type { Job } from '../../../platform/jobs';
import { AppError } from '../../../shared/errors';
import { defaultCase, defaultIssue } from '../cases';
import {
  OPTIONAL_SHEETS,
  SHEETS,
  planTrainingImport,
  valueText,
  type ImportPlan,
  type Raw,
  type SheetName,
  type SheetRows,
} from './importPlan';
import { insertIssue, roundId } from './repo';

// `import training IN.xlsx`: reads the five sheets, checks every cell (importPlan.ts) and
// writes the new session in one transaction — all or nothing.

/**
 * A sheet's table through the import path every spreadsheet import takes (ImportTable): the
 * header row found and matched to the sheet's columns (one missing or given twice is refused,
 * naming the sheet), each row's cells keyed by column. Rows with none of the columns filled are skipped.
 */
async function readSheet(file: string, sheet: string, columns: readonly string[], errors: ImportErrors, job?: Job): Promise<SheetRows> {
  const fields = columns.map((c) => ({ key: c, label: c, headers: [], parse: asIs, requiredColumn: true }));
  const table = await ImportTable.open(file, fields, { sheet, name: path.basename(file), errors, ...(job ? { job } : {}) });
  const out: SheetRows = { headers: table.columns.map((c) => c.header), rows: [] };
  for await (const r of table.records()) {
    if (Object.values(r.values).some((v) => valueText(v as Raw) !== ''))
      out.rows.push({ row: r.row, cells: r.values as Record<string, Raw> });
  }
  return out;
}

/** The workbook's sheets; a missing one (unless optional), or a missing or doubled column, goes to `errors`. */
export async function readTrainingWorkbook(file: string, errors: ImportErrors, job?: Job): Promise<Partial<Record<SheetName, SheetRows>>> {
  const present = await sheetNames(file, { name: path.basename(file) });
  const sheets: Partial<Record<SheetName, SheetRows>> = {};
  for (const name of Object.keys(SHEETS) as SheetName[]) {
    const actual = present.find((p) => p.trim().toLowerCase() === name.toLowerCase());
    if (actual) sheets[name] = await readSheet(file, actual, SHEETS[name], errors, job);
    else if (!OPTIONAL_SHEETS.includes(name))
      errors.add(
        1,
        '',
        '',
        `the workbook has no sheet “${name}” (needed: ${Object.keys(SHEETS)
          .filter((x) => !OPTIONAL_SHEETS.includes(x as SheetName))
          .join(', ')})`,
        name,
      );
  }
  return sheets;
}

/** Terms in the language the issue is named in (ASCII → English, otherwise Chinese). */
const langOf = (name: string): 'zh-CN' | 'en' => (/^[\x20-\x7e]+$/.test(name) ? 'en' : 'zh-CN');

export function writeImportPlan(
  ctx: ServerContext,
  plan: ImportPlan,
  opts: { name: string; fileName: string; lang: 'zh-CN' | 'en' },
): string {
  return ctx.db.transaction(() => {
    const batchId = insertRow(ctx, 'import_batches', { kind: 'training', file_name: opts.fileName, inserted: 0, updated: 0 });
    const ins = (table: string, row: Record<string, unknown>) => insertRow(ctx, table, row, batchId);
    const sessionId = ins('training_sessions', {
      name: opts.name,
      session_date: ctx.clock.today(),
      case_description: null,
      time_limit_minutes: 30,
      trainer_notes: null,
      broken_off_rule: 'zero',
      broken_off_level: null,
      debrief_open: 0,
    });
    const issues = plan.issues
      ? plan.issues.map((i) =>
          i.issueKey
            ? { ...defaultIssue(i.issueKey, langOf(i.name)), name: i.name }
            : { issueKey: null, name: i.name, vendorTerms: [], customerTerms: [] },
        )
      : defaultCase(opts.lang);
    const issueIds = issues.map((issue, i) => insertIssue(ctx, sessionId, issue, i + 1, batchId));
    const teamIds = plan.teams.map((t, i) => ins('training_teams', { session_id: sessionId, name: t.name, side: t.side, position: i + 1 }));
    for (const p of plan.priorities)
      ins('training_priorities', { session_id: sessionId, team_id: teamIds[p.team]!, issue_id: issueIds[p.issue]!, priority: p.priority });
    for (const g of plan.guesses)
      ins('training_guesses', {
        session_id: sessionId,
        team_id: teamIds[g.team]!,
        issue_id: issueIds[g.issue]!,
        guessed_priority: g.priority,
      });
    const pairingIds = plan.pairings.map((p) =>
      ins('training_pairings', {
        session_id: sessionId,
        round_id: roundId(ctx, sessionId, p.round, batchId),
        label: p.label,
        vendor_team_id: teamIds[p.vendor]!,
        customer_team_id: teamIds[p.customer]!,
        signed: p.signed ? 1 : 0,
      }),
    );
    for (const o of plan.outcomes) {
      ins('training_outcomes', {
        session_id: sessionId,
        pairing_id: pairingIds[o.pairing]!,
        issue_id: issueIds[o.issue]!,
        term: null,
        vendor_level: o.vendorLevel,
        customer_level: o.customerLevel,
      });
    }
    const inserted =
      1 + issueIds.length + teamIds.length + plan.priorities.length + plan.guesses.length + pairingIds.length + plan.outcomes.length;
    updateRow(ctx, 'import_batches', batchId, { inserted }, { batchId });
    return sessionId;
  })();
}

export async function importTraining(
  ctx: ServerContext,
  file: string,
  opts: { name: string; lang: 'zh-CN' | 'en'; job?: Job },
): Promise<{ sessionId: string; teams: number; pairings: number }> {
  // One collector for the workbook: the table path's header checks, then the plan's cell checks.
  const errors = new ImportErrors(500);
  const rejected = () =>
    new AppError(
      'import-rejected',
      `${path.basename(file)}: ${errors.count} problem${errors.count === 1 ? '' : 's'} found; nothing was imported.`,
      { errors: errors.list, errorCount: errors.count },
    );
  const sheets = await readTrainingWorkbook(file, errors, opts.job);
  if (errors.count) throw rejected();
  const checked = planTrainingImport(sheets);
  if ('errors' in checked) {
    for (const e of checked.errors) errors.add(e.row, e.column, e.value, e.reason, e.sheet);
    throw rejected();
  }
  opts.job?.throwIfCancelled();
  const sessionId = writeImportPlan(ctx, checked.plan, { name: opts.name, fileName: path.basename(file), lang: opts.lang });
  return { sessionId, teams: checked.plan.teams.length, pairings: checked.plan.pairings.length };
}
