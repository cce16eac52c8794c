import path from 'node:path';
import { fileArg, type CliCommand } from '../../../platform/cli/command';
import { AppError } from '../../../shared/errors';
import type { TrainingImportError } from '../contract';

// npm run cli -- --db FILE import training IN.xlsx [--name NAME]   → prints the new session's id
// npm run cli -- --db FILE export training ID OUT.xlsx              → sheets Scores and Leaderboard

export function formatImportError(e: TrainingImportError): string {
  return `${e.sheet} row ${e.row}, column ${e.column || '-'}, value "${e.value}": ${e.reason}`;
}

export const trainingCommands: CliCommand[] = [
  {
    words: ['import', 'training'],
    usage:
      'import training IN.xlsx [--name NAME]  import a role-play session (sheets Teams, Priorities, Pairings, Outcomes, Guesses); prints its id',
    options: { name: { type: 'string' } },
    async run(io) {
      const file = fileArg(io, 0, 'read', 'IN.xlsx');
      const name = typeof io.options.name === 'string' ? io.options.name : path.basename(io.positionals[0]!).replace(/\.xlsx$/i, '');
      try {
        const r = await io.registry.call<{ sessionId: string }>(io.ctx, 'training:import', { file, name });
        io.out(r.sessionId);
        return 0;
      } catch (err) {
        if (err instanceof AppError && err.code === 'import-rejected') {
          const details = err.details as { errors: TrainingImportError[]; errorCount: number };
          io.err(`Error (import-rejected): ${err.message}`);
          for (const e of details.errors) io.err(`  ${formatImportError(e)}`);
          if (details.errorCount > details.errors.length) io.err(`  … and ${details.errorCount - details.errors.length} more`);
          return 1;
        }
        throw err;
      }
    },
  },
  {
    words: ['export', 'training'],
    usage: "export training ID OUT.xlsx             write a session's Scores and Leaderboard sheets",
    async run(io) {
      const id = io.positionals[0];
      if (!id) throw new AppError('invalid-input', 'missing ID');
      const file = fileArg(io, 1, 'write', 'OUT.xlsx');
      const r = await io.registry.call<{ rows: number; sheets: string[] }>(io.ctx, 'training:export', {
        id,
        file,
        lang: 'en',
        layout: 'scores',
      });
      io.out(`Written ${path.resolve(io.positionals[1]!)}: ${r.sheets.join(', ')} (${r.rows} rows)`);
      return 0;
    },
  },
];
