import path from 'node:path';
import { createMissingOption, fileArg, mappingArg, type CliCommand } from '../../../platform/cli/command';
import { AppError } from '../../../shared/errors';
import { isIsoDate } from '../../../shared/dates';
import type { ImportIssue } from '../contract';
import { createdLine, type Created } from '../../org/namePlan';

// npm run cli -- --db FILE import opportunities IN.xlsx [--map "Source header=Field"]… [--create-missing]
// npm run cli -- --db FILE export pipeline-review OUT.xlsx --from DATE --to DATE [--stall-days N]

export function formatIssue(e: ImportIssue): string {
  return `${e.sheet} row ${e.row}, column ${e.column || '-'}, value "${e.value}": ${e.reason}`;
}

function dateOption(v: unknown, name: string): string {
  if (typeof v !== 'string' || !isIsoDate(v)) throw new AppError('invalid-input', `--${name} must be a date YYYY-MM-DD`);
  return v;
}

export const pipelineCommands: CliCommand[] = [
  {
    words: ['import', 'opportunities'],
    usage:
      'import opportunities IN.xlsx [--map "Header=Field"] [--create-missing]  import sheet Opportunities (+ optional History), all or nothing',
    options: { map: { type: 'string', multiple: true }, ...createMissingOption },
    async run(io) {
      const file = fileArg(io, 0, 'read', 'IN.xlsx');
      const mapping = mappingArg(io.options.map as string[] | undefined);
      try {
        const r = await io.registry.call<{ inserted: number; updated: number; events: number; created: Created[] }>(
          io.ctx,
          'pipeline:import',
          {
            file,
            ...(mapping ? { mapping } : {}),
            createMissing: io.options['create-missing'] === true,
          },
        );
        for (const c of r.created) io.out(createdLine(c));
        io.out(
          `Imported ${path.basename(io.positionals[0]!)}: ${r.inserted} new, ${r.updated} updated opportunities, ${r.events} history events`,
        );
        return 0;
      } catch (err) {
        if (err instanceof AppError && err.code === 'import-rejected') {
          const d = err.details as { errors: ImportIssue[]; errorCount: number };
          io.err(`Error (import-rejected): ${err.message}`);
          for (const e of d.errors) io.err(`  ${formatIssue(e)}`);
          if (d.errorCount > d.errors.length) io.err(`  … and ${d.errorCount - d.errors.length} more`);
          return 1;
        }
        throw err;
      }
    },
  },
  {
    words: ['export', 'pipeline-review'],
    usage: 'export pipeline-review OUT.xlsx --from DATE --to DATE [--stall-days N]  sheets Funnel, Movement, Stalled, Forecast (+ metrics)',
    options: { from: { type: 'string' }, to: { type: 'string' }, 'stall-days': { type: 'string' } },
    async run(io) {
      const from = dateOption(io.options.from, 'from');
      const to = dateOption(io.options.to, 'to');
      const stall = io.options['stall-days'];
      const stallDays = stall === undefined ? undefined : Number(stall);
      if (stallDays !== undefined && (!Number.isInteger(stallDays) || stallDays < 1))
        throw new AppError('invalid-input', '--stall-days must be a whole number of days ≥ 1');
      const file = fileArg(io, 0, 'write', 'OUT.xlsx');
      const r = await io.registry.call<{ rows: number }>(io.ctx, 'pipeline:exportReview', {
        file,
        from,
        to,
        lang: 'en',
        ...(stallDays ? { stallDays } : {}),
      });
      io.out(`Written ${path.resolve(io.positionals[0]!)}: Funnel, Movement, Stalled, Forecast (${r.rows} rows)`);
      return 0;
    },
  },
];
