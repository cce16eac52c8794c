import type { Db } from '../../../platform/db/connection';
import type { ChangeWriter } from '../../../platform/db/changeLog';
import { insertRow, softDelete, updateRow } from '../../../platform/db/changeLog';
import { AppError } from '../../../shared/errors';
import type { StageIndex, StageRef } from '../domain';
import type { Stage, StageModel } from '../contract';
import { recordEvent } from './repo';
import { stmt } from './sql';

// Stage models and their stages. One model is active; stages of other models stay in the
// history of opportunities and resolve to the active model through mapped_to_stage_id.

type StageRow = {
  id: string;
  model_id: string;
  position: number;
  name_zh: string;
  name_en: string;
  probability_bp: number;
  milestone: string | null;
  exit_criterion: string | null;
  mapped_to_stage_id: string | null;
  deleted_at: string | null;
};

const toStage = (r: StageRow): Stage => ({
  id: r.id,
  modelId: r.model_id,
  position: r.position,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  probabilityBp: r.probability_bp,
  milestone: r.milestone,
  exitCriterion: r.exit_criterion,
});

export function activeModelId(db: Db): string {
  const r = stmt(db, 'SELECT id FROM stage_models WHERE active = 1 AND deleted_at IS NULL').get() as { id: string } | undefined;
  if (!r) throw new AppError('internal', 'No active stage model.');
  return r.id;
}

export function stagesOfModel(db: Db, modelId: string): Stage[] {
  return (stmt(db, 'SELECT * FROM stages WHERE model_id = ? AND deleted_at IS NULL ORDER BY position').all(modelId) as StageRow[]).map(
    toStage,
  );
}

export function activeStages(db: Db): Stage[] {
  return stagesOfModel(db, activeModelId(db));
}

/**
 * Every stage id that may appear in history → the active model's stage it now counts as:
 * active stages are themselves; others follow mapped_to_stage_id (set when their model was
 * switched away from or the stage was removed) until an active stage is reached.
 */
export function stageIndex(db: Db): { stages: StageRef[]; index: StageIndex } {
  const active = activeModelId(db);
  const rows = stmt(db, 'SELECT * FROM stages').all() as StageRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const stages: StageRef[] = rows
    .filter((r) => r.model_id === active && r.deleted_at === null)
    .sort((a, b) => a.position - b.position)
    .map((r) => ({ id: r.id, position: r.position, probabilityBp: r.probability_bp }));
  const activeById = new Map(stages.map((s) => [s.id, s]));
  const index = new Map<string, StageRef>();
  const first = stages[0]!;
  for (const r of rows) {
    let cur: StageRow | undefined = r;
    for (let hops = 0; cur && !activeById.has(cur.id) && hops < 50; hops++)
      cur = cur.mapped_to_stage_id ? byId.get(cur.mapped_to_stage_id) : undefined;
    // A stage with no mapping counts as the first stage (it cannot hold live opportunities).
    index.set(r.id, (cur && activeById.get(cur.id)) ?? first);
  }
  return { stages, index };
}

export function listModels(db: Db): StageModel[] {
  const models = stmt(
    db,
    'SELECT id, builtin, name_zh, name_en, active FROM stage_models WHERE deleted_at IS NULL ORDER BY builtin IS NULL, id',
  ).all() as {
    id: string;
    builtin: string | null;
    name_zh: string;
    name_en: string;
    active: number;
  }[];
  const inUse = new Map(
    (
      stmt(db, 'SELECT stage_id, count(*) AS n FROM opportunities WHERE deleted_at IS NULL GROUP BY stage_id').all() as {
        stage_id: string;
        n: number;
      }[]
    ).map((r) => [r.stage_id, r.n]),
  );
  return models.map((m) => {
    const stages = stagesOfModel(db, m.id);
    return {
      id: m.id,
      builtin: m.builtin,
      nameZh: m.name_zh,
      nameEn: m.name_en,
      active: m.active === 1,
      stages,
      inUse: Object.fromEntries(stages.filter((s) => inUse.has(s.id)).map((s) => [s.id, inUse.get(s.id)!])),
    };
  });
}

export interface StageInput {
  id?: string | undefined;
  nameZh: string;
  nameEn: string;
  probabilityBp: number;
  milestone?: string | null | undefined;
  exitCriterion?: string | null | undefined;
}

/**
 * Saves a model's stages in the given order. A removed stage must name the stage of the
 * same model its history counts as from now on; it must hold no live opportunity.
 */
export function saveStages(w: ChangeWriter, modelId: string, list: StageInput[], removed: { id: string; mapTo: string }[]): void {
  const existing = new Map(stagesOfModel(w.db, modelId).map((s) => [s.id, s]));
  const kept = new Set(list.map((s) => s.id).filter((id): id is string => !!id));
  for (const id of kept) if (!existing.has(id)) throw new AppError('validation', 'A stage does not belong to this model.');
  for (const s of existing.values()) {
    if (kept.has(s.id)) continue;
    const r = removed.find((x) => x.id === s.id);
    if (!r || !kept.has(r.mapTo))
      throw new AppError('validation', `Say which stage "${s.nameEn}" counts as in history before removing it.`, { stageId: s.id });
    const n = (stmt(w.db, 'SELECT count(*) AS n FROM opportunities WHERE stage_id = ? AND deleted_at IS NULL').get(s.id) as { n: number })
      .n;
    if (n > 0) throw new AppError('validation', `Stage "${s.nameEn}" still holds ${n} opportunities; move them first.`, { stageId: s.id });
  }
  // Positions are unique per model only by convention; write them after the removals.
  for (const s of existing.values()) {
    if (kept.has(s.id)) continue;
    updateRow(w, 'stages', s.id, { mapped_to_stage_id: removed.find((x) => x.id === s.id)!.mapTo });
    softDelete(w, 'stages', s.id);
  }
  list.forEach((s, position) => {
    const cols = {
      position,
      name_zh: s.nameZh,
      name_en: s.nameEn,
      probability_bp: s.probabilityBp,
      milestone: s.milestone ?? null,
      exit_criterion: s.exitCriterion ?? null,
    };
    if (s.id) updateRow(w, 'stages', s.id, cols);
    else insertRow(w, 'stages', { model_id: modelId, ...cols });
  });
}

/**
 * Makes another model active. `mapping` names, for every stage of the current model, the
 * stage of the new model it becomes: live opportunities move there (each with a 'remap'
 * event today) and history in the old stages counts as the new ones from now on.
 */
export function switchModel(w: ChangeWriter, modelId: string, mapping: Record<string, string>): number {
  const current = activeModelId(w.db);
  if (current === modelId) return 0;
  const target = new Set(stagesOfModel(w.db, modelId).map((s) => s.id));
  if (target.size === 0) throw new AppError('validation', 'Unknown stage model.');
  for (const s of stagesOfModel(w.db, current)) {
    const to = mapping[s.id];
    if (!to || !target.has(to)) throw new AppError('validation', `Choose the new stage for "${s.nameEn}".`, { stageId: s.id });
  }
  updateRow(w, 'stage_models', current, { active: 0 });
  updateRow(w, 'stage_models', modelId, { active: 1 });
  const today = w.clock.today();
  let moved = 0;
  for (const s of stagesOfModel(w.db, current)) {
    updateRow(w, 'stages', s.id, { mapped_to_stage_id: mapping[s.id]! });
    const opps = stmt(w.db, 'SELECT id FROM opportunities WHERE stage_id = ? AND deleted_at IS NULL').all(s.id) as { id: string }[];
    for (const o of opps) {
      updateRow(w, 'opportunities', o.id, { stage_id: mapping[s.id]! });
      recordEvent(w, o.id, today, 'remap');
      moved++;
    }
  }
  // The new model's own stages may carry a mapping from an earlier switch; it no longer applies.
  for (const id of target) updateRow(w, 'stages', id, { mapped_to_stage_id: null });
  return moved;
}
