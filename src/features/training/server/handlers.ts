import type { Handlers } from '../../../platform/registry';
import type { ServerContext } from '../../../platform/context';
import { insertRow, softDelete, updateRow, VersionConflict } from '../../../platform/db/changeLog';
import { AppError } from '../../../shared/errors';
import type { trainingContract, TrainingDetail } from '../contract';
import { defaultCase, matchStandardIssue } from '../cases';
import { MAX_ISSUES, MIN_ISSUES, levelsForTerm } from '../domain';
import { sessionResults, sessionSummary } from '../results';
import * as repo from './repo';
import { exportTraining, importTraining, writeTrainingTemplate } from './export';

type C = typeof trainingContract;

function mustGet(ctx: ServerContext, id: string): TrainingDetail {
  const d = repo.getDetail(ctx.db, id);
  if (!d) throw new AppError('not-found', 'This training session no longer exists (it may have been deleted).');
  return d;
}

function mustSessionOf(
  ctx: ServerContext,
  table: 'training_issues' | 'training_teams' | 'training_pairings',
  id: string,
  what: string,
): string {
  const s = repo.sessionOf(ctx.db, table, id);
  if (!s || !repo.getSession(ctx.db, s)) throw new AppError('not-found', `This ${what} no longer exists.`);
  return s;
}

const invalid = (message: string, field?: string) => new AppError('validation', message, field ? { field } : undefined);

/** Runs a change in one transaction and answers with the whole session. */
function change(ctx: ServerContext, sessionId: string, fn: () => void): TrainingDetail {
  ctx.db.transaction(fn)();
  return mustGet(ctx, sessionId);
}

export const trainingHandlers: Handlers<C> = {
  'training:list': (_in, ctx) => repo.listSessionIds(ctx.db).map((id) => sessionSummary(mustGet(ctx, id))),

  'training:get': ({ id }, ctx) => mustGet(ctx, id),

  'training:create': (input, ctx) => {
    const id = ctx.db.transaction(() => {
      const sessionId = insertRow(ctx, 'training_sessions', {
        name: input.name,
        session_date: input.date,
        case_description: input.caseDescription ?? null,
        time_limit_minutes: input.timeLimitMinutes ?? 30,
        trainer_notes: null,
        broken_off_rule: 'zero',
        broken_off_level: null,
        debrief_open: 0,
      });
      defaultCase(input.lang).forEach((issue, i) => repo.insertIssue(ctx, sessionId, issue, i + 1));
      return sessionId;
    })();
    return mustGet(ctx, id);
  },

  'training:update': ({ id, version, patch }, ctx) => {
    const current = mustGet(ctx, id).session;
    const rule = patch.brokenOffRule ?? current.brokenOffRule;
    const level = patch.brokenOffLevel === undefined ? current.brokenOffLevel : patch.brokenOffLevel;
    if (rule === 'fixedLevel' && !level) throw invalid('Choose the level a broken-off pairing scores on every issue.', 'brokenOffLevel');
    const cols: Record<string, unknown> = {};
    if (patch.name !== undefined) cols.name = patch.name;
    if (patch.date !== undefined) cols.session_date = patch.date;
    if (patch.caseDescription !== undefined) cols.case_description = patch.caseDescription;
    if (patch.timeLimitMinutes !== undefined) cols.time_limit_minutes = patch.timeLimitMinutes;
    if (patch.trainerNotes !== undefined) cols.trainer_notes = patch.trainerNotes;
    if (patch.brokenOffRule !== undefined) cols.broken_off_rule = patch.brokenOffRule;
    if (patch.brokenOffLevel !== undefined) cols.broken_off_level = patch.brokenOffLevel;
    if (patch.debriefOpen !== undefined) cols.debrief_open = patch.debriefOpen ? 1 : 0;
    try {
      return change(ctx, id, () => updateRow(ctx, 'training_sessions', id, cols, version === undefined ? {} : { expectVersion: version }));
    } catch (err) {
      if (err instanceof VersionConflict) throw new AppError('conflict', 'This session was changed meanwhile; reload and try again.');
      throw err;
    }
  },

  'training:delete': ({ id }, ctx) => {
    mustGet(ctx, id);
    ctx.db.transaction(() => softDelete(ctx, 'training_sessions', id))();
    return { ok: true as const };
  },

  'training:saveIssue': (input, ctx) => {
    const d = mustGet(ctx, input.sessionId);
    if (input.id && !d.issues.some((i) => i.id === input.id)) throw new AppError('not-found', 'This issue no longer exists.');
    if (!input.id && d.issues.length >= MAX_ISSUES) throw invalid(`A case has at most ${MAX_ISSUES} issues.`);
    const clash = d.issues.find((i) => i.id !== input.id && i.name.trim().toLowerCase() === input.name.toLowerCase());
    if (clash) throw invalid(`There is already an issue named “${input.name}”.`, 'name');
    const issueKey = input.issueKey === undefined ? matchStandardIssue(input.name) : input.issueKey;
    return change(ctx, d.session.id, () => {
      if (input.id)
        updateRow(ctx, 'training_issues', input.id, {
          name: input.name,
          issue_key: issueKey,
          ...repo.issueTermColumns(input.vendorTerms, input.customerTerms),
        });
      // A new issue changes every team's order (1..n): the orders are incomplete until re-entered.
      else
        repo.insertIssue(
          ctx,
          d.session.id,
          { issueKey, name: input.name, vendorTerms: input.vendorTerms, customerTerms: input.customerTerms },
          repo.nextPosition(ctx.db, 'training_issues', d.session.id),
        );
    });
  },

  'training:deleteIssue': ({ id }, ctx) => {
    const sessionId = mustSessionOf(ctx, 'training_issues', id, 'issue');
    const d = mustGet(ctx, sessionId);
    if (d.issues.length <= MIN_ISSUES) throw invalid(`A case needs at least ${MIN_ISSUES} issues.`);
    return change(ctx, sessionId, () => {
      for (const t of ['training_priorities', 'training_guesses', 'training_outcomes']) repo.deleteWhere(ctx, t, 'issue_id', id);
      softDelete(ctx, 'training_issues', id);
    });
  },

  'training:saveTeam': (input, ctx) => {
    const d = mustGet(ctx, input.sessionId);
    const current = input.id ? d.teams.find((t) => t.id === input.id) : undefined;
    if (input.id && !current) throw new AppError('not-found', 'This team no longer exists.');
    if (d.teams.some((t) => t.id !== input.id && t.name.toLowerCase() === input.name.toLowerCase()))
      throw invalid(`There is already a team named “${input.name}”.`, 'name');
    if (
      current &&
      current.side !== input.side &&
      d.pairings.some((p) => p.vendorTeamId === current.id || p.customerTeamId === current.id)
    ) {
      throw invalid('This team sits at a negotiation table; remove its pairings before moving it to the other side.', 'side');
    }
    return change(ctx, d.session.id, () => {
      if (current) updateRow(ctx, 'training_teams', current.id, { name: input.name, side: input.side });
      else
        insertRow(ctx, 'training_teams', {
          session_id: d.session.id,
          name: input.name,
          side: input.side,
          position: repo.nextPosition(ctx.db, 'training_teams', d.session.id),
        });
    });
  },

  'training:deleteTeam': ({ id }, ctx) => {
    const sessionId = mustSessionOf(ctx, 'training_teams', id, 'team');
    return change(ctx, sessionId, () => {
      for (const col of ['vendor_team_id', 'customer_team_id'] as const) {
        for (const pairingId of repo.deleteWhere(ctx, 'training_pairings', col, id))
          repo.deleteWhere(ctx, 'training_outcomes', 'pairing_id', pairingId);
      }
      repo.deleteWhere(ctx, 'training_priorities', 'team_id', id);
      repo.deleteWhere(ctx, 'training_guesses', 'team_id', id);
      softDelete(ctx, 'training_teams', id);
    });
  },

  'training:setOrder': ({ teamId, kind, order }, ctx) => {
    const sessionId = mustSessionOf(ctx, 'training_teams', teamId, 'team');
    const d = mustGet(ctx, sessionId);
    const n = d.issues.length;
    const issueIds = new Set(d.issues.map((i) => i.id));
    const seenIssues = new Set<string>();
    const seenPriorities = new Set<number>();
    for (const { issueId, priority } of order) {
      if (!issueIds.has(issueId)) throw invalid('An issue of this order is not part of the session.', 'issueId');
      if (seenIssues.has(issueId)) throw invalid('An issue appears twice in the order.', 'issueId');
      if (priority > n) throw invalid(`Priorities run from 1 to ${n} (one per issue).`, 'priority');
      if (seenPriorities.has(priority))
        throw invalid(`Priority ${priority} is given to two issues; each priority is used once.`, 'priority');
      seenIssues.add(issueId);
      seenPriorities.add(priority);
    }
    if (kind === 'priorities' && order.length > 0 && order.length !== n)
      throw invalid(`A team ranks all ${n} issues (1 to ${n}).`, 'priority');
    return change(ctx, sessionId, () => repo.writeOrder(ctx, kind, sessionId, teamId, order));
  },

  'training:saveRound': ({ sessionId, roundNo, timeLimitMinutes }, ctx) => {
    mustGet(ctx, sessionId);
    return change(ctx, sessionId, () =>
      updateRow(ctx, 'training_rounds', repo.roundId(ctx, sessionId, roundNo), { time_limit_minutes: timeLimitMinutes }),
    );
  },

  'training:savePairing': (input, ctx) => {
    const d = mustGet(ctx, input.sessionId);
    const current = input.id ? d.pairings.find((p) => p.id === input.id) : undefined;
    if (input.id && !current) throw new AppError('not-found', 'This pairing no longer exists.');
    const team = (id: string) => d.teams.find((t) => t.id === id);
    if (team(input.vendorTeamId)?.side !== 'vendor') throw invalid('The vendor seat needs a vendor team of this session.', 'vendorTeamId');
    if (team(input.customerTeamId)?.side !== 'customer')
      throw invalid('The customer seat needs a customer team of this session.', 'customerTeamId');
    const sameRound = d.pairings.filter((p) => p.roundNo === input.roundNo && p.id !== input.id);
    if (sameRound.some((p) => p.label.toLowerCase() === input.label.toLowerCase()))
      throw invalid(`Round ${input.roundNo} already has a pairing “${input.label}”.`, 'label');
    if (sameRound.some((p) => p.vendorTeamId === input.vendorTeamId))
      throw invalid(`${team(input.vendorTeamId)!.name} already negotiates in round ${input.roundNo}.`, 'vendorTeamId');
    return change(ctx, d.session.id, () => {
      const cols = {
        round_id: repo.roundId(ctx, d.session.id, input.roundNo),
        label: input.label,
        vendor_team_id: input.vendorTeamId,
        customer_team_id: input.customerTeamId,
        signed: input.signed ? 1 : 0,
      };
      if (current) updateRow(ctx, 'training_pairings', current.id, cols);
      else insertRow(ctx, 'training_pairings', { session_id: d.session.id, ...cols });
    });
  },

  'training:deletePairing': ({ id }, ctx) => {
    const sessionId = mustSessionOf(ctx, 'training_pairings', id, 'pairing');
    return change(ctx, sessionId, () => {
      repo.deleteWhere(ctx, 'training_outcomes', 'pairing_id', id);
      softDelete(ctx, 'training_pairings', id);
    });
  },

  'training:setOutcome': ({ pairingId, issueId, term, vendorLevel, customerLevel }, ctx) => {
    const sessionId = mustSessionOf(ctx, 'training_pairings', pairingId, 'pairing');
    const d = mustGet(ctx, sessionId);
    const issue = d.issues.find((i) => i.id === issueId);
    if (!issue) throw invalid('This issue is not part of the session.', 'issueId');
    const text = term?.trim() || null;
    let value: { term: string | null; vendorLevel: number; customerLevel: number } | null;
    if ((vendorLevel ?? null) !== null || (customerLevel ?? null) !== null) {
      if (!vendorLevel || !customerLevel) throw invalid('Enter both sides’ levels (1–5).', vendorLevel ? 'customerLevel' : 'vendorLevel');
      value = { term: text, vendorLevel, customerLevel };
    } else if (text) {
      const levels = levelsForTerm(issue, text);
      if (!levels)
        throw invalid(`“${text}” is not one of the terms defined for ${issue.name}; pick a defined term or enter the levels.`, 'term');
      value = { term: text, ...levels };
    } else {
      value = null;
    }
    return change(ctx, sessionId, () => repo.writeOutcome(ctx, sessionId, pairingId, issueId, value));
  },

  'training:results': ({ id }, ctx) => sessionResults(mustGet(ctx, id)),

  'training:export': (input, ctx, job) => {
    const d = mustGet(ctx, input.id);
    const target = ctx.files.resolve(input.file, 'write');
    return exportTraining(d, target.path, { layout: input.layout, lang: input.lang, job });
  },

  'training:import': async (input, ctx, job) => {
    const source = ctx.files.resolve(input.file, 'read');
    return importTraining(ctx, source.path, { name: input.name ?? source.name.replace(/\.xlsx$/i, ''), lang: input.lang, job });
  },

  'training:template': async ({ file }, ctx) => {
    await writeTrainingTemplate(ctx.files.resolve(file, 'write').path);
    return { ok: true as const };
  },
};
