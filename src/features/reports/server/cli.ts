import path from 'node:path';
import { fileArg, type CliCommand, type CliIo } from '../../../platform/cli/command';
import { AppError } from '../../../shared/errors';
import { isIsoDate } from '../../../shared/dates';
import type { ImportError } from '../../../shared/contract/define';
import { repByName, territoryByName } from '../../../platform/db/orgRows';

// npm run cli -- --db FILE import quotas IN.xlsx
// npm run cli -- --db FILE export quotas OUT.xlsx
// npm run cli -- --db FILE export meeting-pack OUT.xlsx --week YYYY-MM-DD [--territory NAME] [--owner NAME] [--today YYYY-MM-DD]

function dateOption(io: CliIo, name: string, required: boolean): string | undefined {
  const v = io.options[name];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || !isIsoDate(v)) throw new AppError('invalid-input', `--${name} must be a date YYYY-MM-DD`);
  return v;
}

export const reportsCommands: CliCommand[] = [
  {
    words: ['import', 'quotas'],
    usage: 'import quotas IN.xlsx  headers Owner, Month (YYYY-MM), Quota (yuan); all or nothing',
    async run(io) {
      const file = fileArg(io, 0, 'read', 'IN.xlsx');
      try {
        const r = await io.registry.call<{ inserted: number; updated: number; unchanged: number }>(io.ctx, 'reports:importQuotas', {
          file,
        });
        io.out(`Imported ${path.basename(io.positionals[0]!)}: ${r.inserted} new, ${r.updated} changed, ${r.unchanged} unchanged quotas`);
        return 0;
      } catch (err) {
        if (err instanceof AppError && err.code === 'import-rejected') {
          const d = err.details as { errors: ImportError[]; errorCount: number };
          io.err(`Error (import-rejected): ${err.message}`);
          for (const e of d.errors) io.err(`  row ${e.row}, column ${e.column || '-'}, value "${e.value}": ${e.reason}`);
          if (d.errorCount > d.errors.length) io.err(`  … and ${d.errorCount - d.errors.length} more`);
          return 1;
        }
        throw err;
      }
    },
  },
  {
    words: ['export', 'quotas'],
    usage: 'export quotas OUT.xlsx  headers Owner, Month, Quota',
    async run(io) {
      const file = fileArg(io, 0, 'write', 'OUT.xlsx');
      const r = await io.registry.call<{ rows: number }>(io.ctx, 'reports:exportQuotas', { file });
      io.out(`Written ${path.resolve(io.positionals[0]!)}: ${r.rows} quotas`);
      return 0;
    },
  },
  {
    words: ['export', 'meeting-pack'],
    usage:
      'export meeting-pack OUT.xlsx --week YYYY-MM-DD [--territory NAME] [--owner NAME] [--today YYYY-MM-DD]  sheets Summary, Forecast, Movement, Stalled, Commitments, Visits, Receivables',
    options: { week: { type: 'string' }, territory: { type: 'string' }, owner: { type: 'string' }, today: { type: 'string' } },
    async run(io) {
      const week = dateOption(io, 'week', true)!;
      const today = dateOption(io, 'today', false) ?? io.ctx.clock.today();
      const territoryId = typeof io.options.territory === 'string' ? territoryByName(io.ctx.db, io.options.territory) : undefined;
      const ownerId = typeof io.options.owner === 'string' ? repByName(io.ctx.db, io.options.owner) : undefined;
      const file = fileArg(io, 0, 'write', 'OUT.xlsx');
      await io.registry.call(io.ctx, 'reports:exportPack', {
        file,
        week,
        today,
        lang: 'en',
        ...(territoryId ? { territoryId } : {}),
        ...(ownerId ? { ownerId } : {}),
      });
      io.out(
        `Written ${path.resolve(io.positionals[0]!)}: Summary, Forecast, Movement, Stalled, Commitments, Visits, Receivables (week of ${week}, as of ${today})`,
      );
      return 0;
    },
  },
];
