import type { Handlers } from '../../../platform/registry';
import type { ServerContext } from '../../../platform/context';
import { insertRow, softDelete, updateRow } from '../../../platform/db/changeLog';
import { AppError } from '../../../shared/errors';
import type { negotiationContract } from '../contract';
import { defaultIssues } from '../defaults';
import { exportWorksheet } from './export';
import { importWorksheet } from './import';
import { createWorksheet, mustGetWorksheet, writePlan } from './plan';
import * as repo from './repo';

type C = typeof negotiationContract;

function issueOf(ctx: ServerContext, worksheetId: string, issueId: string | null, what: string): void {
  if (issueId === null) return;
  const w = mustGetWorksheet(ctx, worksheetId);
  if (!w.issues.some((i) => i.id === issueId))
    throw new AppError('validation', `${what}: the issue is not in this worksheet.`, { field: what });
}

export const negotiationHandlers: Handlers<C> = {
  'negotiation:list': (_in, ctx) => repo.listWorksheets(ctx.db),

  'negotiation:get': ({ id }, ctx) => mustGetWorksheet(ctx, id),

  'negotiation:create': ({ name, opportunityId, lang }, ctx) =>
    mustGetWorksheet(ctx, createWorksheet(ctx, name, opportunityId, defaultIssues(lang))),

  'negotiation:savePlan': (plan, ctx) => {
    ctx.db.transaction(() => writePlan(ctx, plan))();
    return mustGetWorksheet(ctx, plan.id);
  },

  'negotiation:delete': ({ id }, ctx) => {
    mustGetWorksheet(ctx, id);
    ctx.db.transaction(() => repo.softDeleteWorksheet(ctx, id))();
    return { ok: true as const };
  },

  // The round log is a record: rounds are added, or struck out when entered by mistake.
  'negotiation:addRound': (input, ctx) => {
    mustGetWorksheet(ctx, input.worksheetId);
    issueOf(ctx, input.worksheetId, input.concededIssueId, 'concededIssueId');
    issueOf(ctx, input.worksheetId, input.receivedIssueId, 'receivedIssueId');
    ctx.db.transaction(() => {
      insertRow(ctx, 'negotiation_rounds', {
        worksheet_id: input.worksheetId,
        round_no: repo.nextRoundNo(ctx.db, input.worksheetId),
        held_on: input.heldOn,
        their_demand: input.theirDemand.trim(),
        our_response: input.ourResponse.trim(),
        conceded_text: input.concededText.trim(),
        conceded_issue_id: input.concededIssueId,
        conceded_amount: input.concededIssueId ? input.concededAmount : null,
        received_text: input.receivedText.trim(),
        received_issue_id: input.receivedIssueId,
        received_amount: input.receivedIssueId ? input.receivedAmount : null,
        timeout_reason: input.timeoutReason,
        timeout_note: input.timeoutNote.trim(),
        confirmed: input.confirmed ? 1 : 0,
      });
    })();
    return mustGetWorksheet(ctx, input.worksheetId);
  },

  'negotiation:deleteRound': ({ worksheetId, roundId }, ctx) => {
    if (!repo.roundBelongs(ctx.db, worksheetId, roundId)) throw new AppError('not-found', 'This round is not in the worksheet.');
    ctx.db.transaction(() => softDelete(ctx, 'negotiation_rounds', roundId))();
    return mustGetWorksheet(ctx, worksheetId);
  },

  'negotiation:saveAgreement': ({ worksheetId, terms, confirmAll }, ctx) => {
    const w = mustGetWorksheet(ctx, worksheetId);
    terms.forEach((t, n) => issueOf(ctx, worksheetId, t.issueId, `Term ${n + 1}`));
    const stored = new Set(w.agreement.map((t) => t.id));
    const used = new Set<string>();
    ctx.db.transaction(() => {
      repo.syncChildren(
        ctx,
        'negotiation_agreement_terms',
        worksheetId,
        terms.map((t, n) => {
          const keep = t.id !== undefined && stored.has(t.id) && !used.has(t.id);
          if (keep) used.add(t.id!);
          return {
            id: keep ? t.id! : ctx.newId(),
            cols: {
              sort_order: n + 1,
              issue_id: t.issueId,
              term: t.term.trim(),
              agreed_value: t.agreedValue,
              confirmed: t.confirmed ? 1 : 0,
            },
          };
        }),
      );
      if (confirmAll !== undefined) {
        // Confirming the agreement confirms every term; it is the record both sides signed.
        if (confirmAll && terms.length === 0) throw new AppError('validation', 'There is no term to confirm yet.');
        if (confirmAll)
          for (const id of repo.liveIds(ctx.db, 'negotiation_agreement_terms', worksheetId))
            updateRow(ctx, 'negotiation_agreement_terms', id, { confirmed: 1 });
        updateRow(ctx, 'negotiation_worksheets', worksheetId, {
          agreement_confirmed_at: confirmAll ? (w.agreementConfirmedAt ?? ctx.clock.now()) : null,
        });
      }
    })();
    return mustGetWorksheet(ctx, worksheetId);
  },

  'negotiation:opportunities': (input, ctx) => repo.pickOpportunities(ctx.db, input),

  'negotiation:export': async ({ id, file, lang }, ctx) => {
    const w = mustGetWorksheet(ctx, id);
    return exportWorksheet(w, ctx.files.resolve(file, 'write').path, lang, ctx.clock.today());
  },

  'negotiation:import': async ({ file, name }, ctx) => {
    const { path, name: fileName } = ctx.files.resolve(file, 'read');
    return importWorksheet(ctx, path, { name, fileName });
  },
};
