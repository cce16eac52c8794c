import path from 'node:path';
import type { ServerContext } from '../../../platform/context';
import type { Job } from '../../../platform/jobs';
import { insertRow, updateRow } from '../../../platform/db/changeLog';
import { sheetNames } from '../../../platform/excel/tableReader';
import { AppError } from '../../../shared/errors';
import type { ImportIssue } from '../contract';
import { stageIndex } from './stagesRepo';
import { lastEvent } from './repo';
import { createOpportunity, updateOpportunity } from './service';
import { parseOpportunities, type ParsedHistory, type ParsedOpp } from './importParse';
import { createMissingHint, type Created } from '../../org/namePlan';
import { insertPlannedOrg } from '../../../platform/db/orgRows';

// `import opportunities`: the Opportunities sheet (and an optional History sheet) checked
// completely first, then written in one transaction — or nothing at all when any cell is
// rejected. A new Id creates an opportunity whose history starts on Created; an Id the book
// already holds (imported before) gets the History rows dated after its last recorded
// change, then the Opportunities row's values as of today.

export interface ImportOptions {
  mapping?: Record<string, string> | undefined;
  dryRun?: boolean;
  /** Create the reps the file names that the book lacks (see parseOpportunities). */
  createMissing?: boolean;
  job?: Job;
  name?: string;
}

export interface ImportResult {
  inserted: number;
  updated: number;
  events: number;
  errors: ImportIssue[];
  errorCount: number;
  /** Reps created by createMissing (a dry run: those it would create). */
  created: Created[];
}

const MAX_REPORTED = 1000;

export async function importOpportunities(ctx: ServerContext, file: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const name = opts.name ?? path.basename(file);
  const sheets = await sheetNames(file, { name });
  const find = (s: string) => sheets.find((x) => x.trim().toLowerCase() === s.toLowerCase()) ?? null;
  if (!find('Opportunities') && sheets.length > 1) {
    throw new AppError('bad-file', `${name} has no sheet named "Opportunities" (its sheets: ${sheets.join(', ')}).`);
  }
  const parsed = await parseOpportunities(ctx, {
    file,
    name,
    oppSheet: find('Opportunities') ?? sheets[0]!,
    historySheet: find('History'),
    mapping: opts.mapping,
    job: opts.job,
    createMissing: opts.createMissing,
  });
  const errorCount = parsed.errorCount;
  const errors = parsed.errors.slice(0, MAX_REPORTED);
  if (errorCount > 0 && !opts.dryRun) {
    const hint = opts.createMissing ? '' : createMissingHint(parsed.names.missing());
    throw new AppError(
      'import-rejected',
      `${errorCount} cell${errorCount === 1 ? ' was' : 's were'} rejected; nothing was imported.${hint}`,
      { errors, errorCount },
    );
  }
  const existing = parsed.opps.filter((o) => o.existingId).length;
  const plannedEvents = parsed.opps.reduce((n, o) => n + o.history.length, 0);
  if (opts.dryRun || errorCount > 0)
    return {
      inserted: parsed.opps.length - existing,
      updated: existing,
      events: plannedEvents,
      errors,
      errorCount,
      created: parsed.names.missing(),
    };

  opts.job?.throwIfCancelled();
  const { index } = stageIndex(ctx.db);
  const today = ctx.clock.today();
  const countEvents = () => (ctx.db.prepare('SELECT count(*) AS n FROM opportunity_events').get() as { n: number }).n;
  const eventsBefore = countEvents();
  let done = 0;
  const result = ctx.db.transaction(() => {
    const batchId = insertRow(ctx, 'import_batches', {
      kind: 'opportunities',
      file_name: opts.name ?? path.basename(file),
      inserted: 0,
      updated: 0,
      undone_at: null,
    });
    insertPlannedOrg(ctx, parsed.names.plannedRows(), batchId);
    const created = parsed.names.missing();
    let inserted = 0;
    let updated = 0;
    for (const o of parsed.opps) {
      if (o.existingId) {
        writeExisting(ctx, o, o.existingId, index, today, batchId);
        updated++;
      } else {
        writeNew(ctx, o, index, today, batchId);
        inserted++;
      }
      if (++done % 500 === 0) opts.job?.report(done, parsed.opps.length, 'Importing');
    }
    updateRow(ctx, 'import_batches', batchId, { inserted, updated });
    return { inserted, updated, created };
  })();
  return { ...result, events: countEvents() - eventsBefore, errors: [], errorCount: 0 };
}

type Step = ParsedHistory;

function stepPatch(o: ParsedOpp, s: Step) {
  return {
    stageId: s.stageId,
    status: s.status,
    amount: s.amount,
    expectedClose: s.expectedClose,
    ...(s.status === 'lost' && o.lostReason ? { closeReason: o.lostReason } : {}),
  };
}

function writeNew(ctx: ServerContext, o: ParsedOpp, index: ReturnType<typeof stageIndex>['index'], today: string, batchId: string): void {
  const [first, ...rest] = o.history;
  const id = createOpportunity(
    ctx,
    {
      ref: o.ref,
      name: o.name,
      accountId: o.accountId,
      ownerId: o.ownerId,
      createdOn: o.created,
      ...stepPatch(o, first!),
    },
    { batchId, kind: 'import' },
  );
  for (const s of rest) updateOpportunity(ctx, id, stepPatch(o, s), s.date, index, { batchId, kind: 'import' });
  // The Opportunities row agrees with the last step; what remains is the lost reason.
  updateOpportunity(ctx, id, { closeReason: o.status === 'open' ? null : o.lostReason }, today, index, { batchId, kind: 'import' });
}

function writeExisting(
  ctx: ServerContext,
  o: ParsedOpp,
  id: string,
  index: ReturnType<typeof stageIndex>['index'],
  today: string,
  batchId: string,
): void {
  const last = lastEvent(ctx.db, id)!;
  for (const s of o.history) {
    if (s.date <= last.date || !o.hasHistory) continue;
    updateOpportunity(ctx, id, stepPatch(o, s), s.date, index, { batchId, kind: 'import' });
  }
  updateOpportunity(
    ctx,
    id,
    {
      name: o.name,
      accountId: o.accountId,
      ownerId: o.ownerId,
      stageId: o.stageId,
      status: o.status,
      amount: o.amount,
      expectedClose: o.expectedClose,
      closeReason: o.status === 'open' ? null : o.lostReason,
    },
    today < last.date ? last.date : today,
    index,
    { batchId, kind: 'import' },
  );
}
