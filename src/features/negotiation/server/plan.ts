import type { ServerContext } from '../../../platform/context';
import { updateRow, VersionConflict } from '../../../platform/db/changeLog';
import { AppError } from '../../../shared/errors';
import type { IssueInput, PlanInput, Worksheet } from '../contract';
import { normalizeUnit } from '../units';
import * as repo from './repo';

// Saving a worksheet's plan (name, team, issues and their ladders) as one unit: the editor
// and the workbook import both send the whole plan; rows are diffed so the change log
// records only what changed. New rows come with client keys, which get real ids here.

export function mustGetWorksheet(ctx: ServerContext, id: string): Worksheet {
  const w = repo.getWorksheet(ctx.db, id);
  if (!w) throw new AppError('not-found', 'This worksheet no longer exists (it may have been deleted).');
  return w;
}

export function checkOpportunity(ctx: ServerContext, opportunityId: string | null): void {
  if (opportunityId && !repo.opportunityKnown(ctx.db, opportunityId)) {
    throw new AppError('validation', 'Unknown opportunity.', { field: 'opportunityId' });
  }
}

/** Refuses two issues with the same name: workbooks refer to issues by name. */
export function checkIssueNames(issues: { name: string }[]): void {
  const seen = new Set<string>();
  for (const i of issues) {
    const key = i.name.trim().toLowerCase();
    if (seen.has(key))
      throw new AppError('validation', `Two issues are named "${i.name.trim()}"; issue names must differ.`, { field: 'issues' });
    seen.add(key);
  }
}

export function issueColumns(i: IssueInput, sortOrder: number): Record<string, unknown> {
  return {
    sort_order: sortOrder,
    kind: i.kind,
    name: i.name.trim(),
    unit: normalizeUnit(i.unit),
    direction: i.direction,
    quote: i.quote,
    target: i.target,
    floor: i.floor,
    our_priority: i.ourPriority,
    their_priority: i.theirPriority,
    their_opening: i.theirOpening,
    their_floor: i.theirFloor,
  };
}

/** Writes the plan; call inside a transaction. Returns nothing: read the worksheet back. */
export function writePlan(ctx: ServerContext, plan: PlanInput): void {
  const current = mustGetWorksheet(ctx, plan.id);
  checkOpportunity(ctx, plan.opportunityId);
  checkIssueNames(plan.issues);

  // Client keys → ids: a key naming a stored row of this worksheet keeps it, any other gets a new id.
  const storedIssues = new Set(current.issues.map((i) => i.id));
  const issueIds = new Map<string, string>();
  const issueIdOf = plan.issues.map((i) => {
    const id = i.id && storedIssues.has(i.id) ? i.id : ctx.newId();
    if (i.id && issueIds.has(i.id)) throw new AppError('invalid-input', `Two issues carry the same key ${i.id}.`);
    if (i.id) issueIds.set(i.id, id);
    return id;
  });
  const ref = (key: string | null, what: string): string | null => {
    if (key === null) return null;
    const id = issueIds.get(key);
    if (!id) throw new AppError('validation', `${what} refers to an issue that is not in this worksheet.`, { field: 'issues' });
    return id;
  };

  repo.syncChildren(
    ctx,
    'negotiation_issues',
    plan.id,
    plan.issues.map((i, n) => ({ id: issueIdOf[n]!, cols: issueColumns(i, n + 1) })),
  );

  // A stored id is kept once; a repeated one (a copied row) becomes a new row.
  const used = new Set<string>();
  const keepId = (id: string | undefined, stored: boolean) => {
    if (id === undefined || !stored || used.has(id)) return ctx.newId();
    used.add(id);
    return id;
  };
  const storedSteps = new Set(current.issues.flatMap((i) => i.steps.map((s) => `${i.id}/${s.id}`)));
  const steps = plan.issues.flatMap((issue, n) =>
    issue.steps.map((s, k) => {
      const issueId = issueIdOf[n]!;
      return {
        id: keepId(s.id, storedSteps.has(`${issueId}/${s.id}`)),
        cols: {
          issue_id: issueId,
          step_no: k + 1,
          entered: s.entered,
          // Only the number the user typed is stored; the other is derived (domain.ts).
          position: s.entered === 'position' ? s.position : null,
          size: s.entered === 'size' ? s.size : null,
          exchange: s.exchange.trim(),
          traded_issue_id: ref(s.tradedIssueId, `Step ${k + 1} of "${issue.name}"`),
          traded_amount: s.tradedIssueId === null ? null : s.tradedAmount,
          reason: s.reason.trim(),
        },
      };
    }),
  );
  repo.syncChildren(ctx, 'negotiation_steps', plan.id, steps);

  const storedTeam = new Set(current.team.map((m) => m.id));
  repo.syncChildren(
    ctx,
    'negotiation_team_members',
    plan.id,
    plan.team.map((m, n) => ({
      id: keepId(m.id, m.id !== undefined && storedTeam.has(m.id)),
      cols: {
        sort_order: n + 1,
        name: m.name.trim(),
        title: m.title?.trim() || null,
        role: m.role,
        topic_issue_id: m.role === 'negotiator' ? ref(m.topicIssueId, `Team member "${m.name}"`) : null,
      },
    })),
  );

  try {
    updateRow(
      ctx,
      'negotiation_worksheets',
      plan.id,
      { name: plan.name.trim(), opportunity_id: plan.opportunityId, notes: plan.notes, plan_saved_at: ctx.clock.now() },
      plan.version === undefined ? {} : { expectVersion: plan.version },
    );
  } catch (err) {
    if (err instanceof VersionConflict) throw new AppError('conflict', 'Someone changed this worksheet meanwhile; reload and try again.');
    throw err;
  }
}

/** Creates a worksheet with the given issues (client keys allowed) and returns its id. */
export function createWorksheet(
  ctx: ServerContext,
  name: string,
  opportunityId: string | null,
  issues: IssueInput[],
  team: PlanInput['team'] = [],
  notes = '',
): string {
  checkOpportunity(ctx, opportunityId);
  checkIssueNames(issues);
  return ctx.db.transaction(() => {
    const id = repo.insertWorksheet(ctx, { name: name.trim(), opportunity_id: opportunityId, notes });
    writePlan(ctx, { id, name, opportunityId, notes, team, issues });
    return id;
  })();
}
