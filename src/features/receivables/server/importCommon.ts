import type { ServerContext } from '../../../platform/context';
import { insertRow } from '../../../platform/db/changeLog';
import type { Job } from '../../../platform/jobs';
import { ImportTable, type ImportErrors, type ImportField } from '../../../platform/excel/importTable';
import type { ImportError } from '../../../shared/contract/define';
import { AppError } from '../../../shared/errors';

// What the receivables' imports (invoices, payments, the aging workbook's collection
// columns) share. All-or-nothing: every rejected cell is reported as (row, column, value,
// reason) with the spreadsheet's own row numbers, and nothing is written if any is.

export type ImportProblem = ImportError;

/**
 * Opens the table through the shared import helper. With `cellsMayBeEmpty`, `required`
 * means only that the column must be in the file (the chasing workbook's columns are
 * mostly blank); otherwise it also refuses empty cells.
 */
export async function openTable(
  file: { path: string; name: string },
  fields: ImportField[],
  job: Job,
  opts: { mapping?: Record<string, string>; sheet?: string; cellsMayBeEmpty?: boolean } = {},
) {
  const open = opts.cellsMayBeEmpty ? fields.map((f) => ({ ...f, required: false })) : fields;
  const table = await ImportTable.open(file.path, open, {
    job,
    name: file.name,
    ...(opts.mapping ? { mapping: opts.mapping } : {}),
    ...(opts.sheet ? { sheet: opts.sheet } : {}),
  });
  if (opts.cellsMayBeEmpty) {
    for (const f of fields)
      if (f.required && !table.present.has(f.key)) table.errors.add(table.headerRow, f.label, '', 'required column is missing');
  }
  return table;
}

export function rejectIfAny(errors: ImportErrors, what: string): void {
  if (errors.count === 0) return;
  throw new AppError('import-rejected', `${errors.count} problem(s) in the ${what}; nothing was imported.`, {
    errors: errors.list,
    errorCount: errors.count,
  });
}

export function newBatch(ctx: ServerContext, kind: string, fileName: string, inserted: number): string {
  return insertRow(ctx, 'import_batches', { kind, file_name: fileName, inserted, updated: 0 });
}

/** The invoice file's Territory and Rep columns take the headers the accounts import takes for its Territory and Owner. */
