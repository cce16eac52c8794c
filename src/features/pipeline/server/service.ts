import type { ChangeWriter } from '../../../platform/db/changeLog';
import { insertRow, updateRow, VersionConflict } from '../../../platform/db/changeLog';
import { AppError } from '../../../shared/errors';
import type { StageIndex } from '../domain';
import type { OpportunityPatch } from '../contract';
import * as repo from './repo';
import { activeStages } from './stagesRepo';

// Creating and changing opportunities: the checks that need the database, the columns,
// and the event that goes with every change of a tracked field. Callers hold the
// transaction (a handler, the import, the demo).

export interface WriteOptions {
  batchId?: string | null;
  kind?: 'change' | 'import' | 'remap';
  expectVersion?: number | undefined;
}

function checkDate(w: ChangeWriter, date: string, field: string): void {
  if (date > w.clock.today()) throw new AppError('validation', `${field} cannot be in the future.`, { field });
}

function checkStage(w: ChangeWriter, stageId: string): void {
  if (!activeStages(w.db).some((s) => s.id === stageId))
    throw new AppError('validation', 'Unknown stage (not a stage of the active model).', { field: 'stageId' });
}

function resolveAccount(w: ChangeWriter, accountId: string) {
  const a = repo.accountRef(w.db, accountId);
  if (!a) throw new AppError('validation', 'Unknown account.', { field: 'accountId' });
  return a;
}

function checkOwner(w: ChangeWriter, ownerId: string | null, territoryId: string): string {
  if (!ownerId) throw new AppError('validation', 'An opportunity needs an owner (the account has none).', { field: 'ownerId' });
  const t = repo.repTerritory(w.db, ownerId);
  if (!t) throw new AppError('validation', 'Unknown owner.', { field: 'ownerId' });
  if (t !== territoryId) throw new AppError('validation', "The owner does not work in the account's territory.", { field: 'ownerId' });
  return ownerId;
}

function plainColumns(p: OpportunityPatch): Record<string, unknown> {
  const cols: Record<string, unknown> = {};
  if (p.name !== undefined) cols.name = p.name;
  if (p.amount !== undefined) cols.amount_fen = p.amount;
  if (p.expectedClose !== undefined) cols.expected_close = p.expectedClose;
  if (p.stageId !== undefined) cols.stage_id = p.stageId;
  if (p.probabilityBp !== undefined) cols.probability_bp = p.probabilityBp;
  if (p.status !== undefined) cols.status = p.status;
  if (p.closeReason !== undefined) cols.close_reason = p.closeReason || null;
  if (p.nextStep !== undefined) cols.next_step = p.nextStep || null;
  if (p.nextStepDate !== undefined) cols.next_step_date = p.nextStepDate;
  return { ...cols, ...repo.checklistColumns(p.checklist ?? {}), ...repo.infoColumns(p.info ?? {}) };
}

export type CreateInput = OpportunityPatch & {
  name: string;
  accountId: string;
  amount: number;
  expectedClose: string;
  createdOn?: string | undefined;
  ref?: string | null;
};

/** Inserts an opportunity and its 'create' event dated createdOn; returns its id. */
export function createOpportunity(w: ChangeWriter, input: CreateInput, opts: WriteOptions & { id?: string } = {}): string {
  const account = resolveAccount(w, input.accountId);
  const ownerId = checkOwner(w, input.ownerId ?? account.owner_id, account.territory_id);
  const createdOn = input.createdOn ?? w.clock.today();
  checkDate(w, createdOn, 'createdOn');
  const stageId = input.stageId ?? activeStages(w.db)[0]!.id;
  checkStage(w, stageId);
  const status = input.status ?? 'open';
  const id = insertRow(
    w,
    'opportunities',
    {
      ...(opts.id ? { id: opts.id } : {}),
      ...plainColumns(input),
      ref: input.ref ?? null,
      account_id: account.id,
      territory_id: account.territory_id,
      owner_id: ownerId,
      stage_id: stageId,
      status,
      closed_on: status === 'open' ? null : createdOn,
      created_on: createdOn,
      stage_since: createdOn,
    },
    opts.batchId ?? null,
  );
  repo.recordEvent(w, id, createdOn, opts.kind === 'import' ? 'import' : 'create', opts.batchId ?? null);
  if (input.points?.length) repo.replacePoints(w, id, account.territory_id, input.points);
  if (input.pains?.length) repo.replacePains(w, id, account.territory_id, input.pains);
  return id;
}

/**
 * Applies a patch. A change of a tracked field is recorded as an event effective `date`
 * (not before the last recorded change, not in the future). Won or lost sets closed_on;
 * reopening clears it. A new stage (or reopening) restarts the days in stage.
 */
export function updateOpportunity(
  w: ChangeWriter,
  id: string,
  patch: OpportunityPatch,
  date: string,
  index: StageIndex,
  opts: WriteOptions = {},
): void {
  const cur = repo.getRow(w.db, id);
  if (!cur) throw new AppError('not-found', 'This opportunity no longer exists (it may have been deleted).');
  if (opts.expectVersion !== undefined && cur.version !== opts.expectVersion) {
    throw new AppError('conflict', 'Someone changed this opportunity meanwhile; reload and try again.');
  }
  checkDate(w, date, 'effectiveDate');
  const cols = plainColumns(patch);
  let territoryId = cur.territory_id;
  if (patch.accountId !== undefined && patch.accountId !== cur.account_id) {
    const a = resolveAccount(w, patch.accountId);
    cols.account_id = a.id;
    cols.territory_id = territoryId = a.territory_id;
  }
  const ownerId = patch.ownerId ?? cur.owner_id;
  checkOwner(w, ownerId, territoryId);
  if (patch.ownerId !== undefined) cols.owner_id = patch.ownerId;
  if (patch.stageId !== undefined && patch.stageId !== cur.stage_id) checkStage(w, patch.stageId);

  const status = patch.status ?? cur.status;
  if (status !== cur.status) {
    cols.closed_on = status === 'open' ? null : date;
    if (status === 'open' && patch.closeReason === undefined) cols.close_reason = null;
  }
  const newStage = patch.stageId ?? cur.stage_id;
  const stageMoved = index.get(newStage)?.id !== index.get(cur.stage_id)?.id;
  if (stageMoved || (status === 'open' && cur.status !== 'open')) cols.stage_since = date;

  let diff: Record<string, [unknown, unknown]>;
  try {
    diff = updateRow(w, 'opportunities', id, cols, { batchId: opts.batchId ?? null });
  } catch (err) {
    if (err instanceof VersionConflict) throw new AppError('conflict', 'Someone changed this opportunity meanwhile; reload and try again.');
    throw err;
  }
  if (repo.TRACKED.some((c) => c in diff)) repo.recordEvent(w, id, date, opts.kind ?? 'change', opts.batchId ?? null);
  if (patch.points) repo.replacePoints(w, id, territoryId, patch.points);
  if (patch.pains) repo.replacePains(w, id, territoryId, patch.pains);
}

/** Records a promise made in a review. */
export function addCommitment(
  w: ChangeWriter,
  input: { opportunityId: string; reviewDate: string; step: string; dueDate: string },
): string {
  const o = repo.getRow(w.db, input.opportunityId);
  if (!o) throw new AppError('not-found', 'This opportunity no longer exists.');
  if (input.dueDate < input.reviewDate) throw new AppError('validation', 'The due date cannot be before the review.', { field: 'dueDate' });
  return insertRow(w, 'commitments', {
    territory_id: o.territory_id,
    opportunity_id: o.id,
    owner_id: o.owner_id,
    review_date: input.reviewDate,
    step: input.step,
    due_date: input.dueDate,
    done_on: null,
  });
}
