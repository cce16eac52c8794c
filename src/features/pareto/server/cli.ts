import type { CliCommand, CliIo } from '../../../platform/cli/command';
import { fileArg } from '../../../platform/cli/command';
import { AppError } from '../../../shared/errors';
import type { ParetoParams } from '../contract';
import * as repo from './repo';
import { repByName, territoryByName } from '../../../platform/db/orgRows';

// npm run cli -- --db FILE export pareto OUT.xlsx [--measure sales|salesLastYear|profit] [--a 55] [--b 85] [--territory NAME] [--owner NAME]
// npm run cli -- --db FILE grade apply [--measure sales|salesLastYear|profit] [--a 55] [--b 85] [--territory NAME] [--owner NAME] [--keep-manual]

const paramOptions = {
  measure: { type: 'string' as const },
  a: { type: 'string' as const },
  b: { type: 'string' as const },
  territory: { type: 'string' as const },
  owner: { type: 'string' as const },
};

function percentOption(io: CliIo, name: 'a' | 'b', fallback: number): number {
  const v = io.options[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) {
    throw new AppError('invalid-input', `--${name} expects a percentage between 0 and 100, got "${String(v)}"`);
  }
  return n;
}

/** The CLI options as the channels' params; defaults are the saved Pareto settings. */
function paramsOf(io: CliIo): ParetoParams {
  const saved = repo.getParetoSettings(io.ctx.db);
  const measure = (io.options.measure as string | undefined) ?? saved.measure;
  if (!['sales', 'salesLastYear', 'profit'].includes(measure)) {
    throw new AppError('invalid-input', `--measure expects sales, salesLastYear or profit, got "${measure}"`);
  }
  const params: ParetoParams = {
    measure: measure as ParetoParams['measure'],
    a: percentOption(io, 'a', saved.a),
    b: percentOption(io, 'b', saved.b),
  };
  if (params.a > params.b) throw new AppError('invalid-input', `--a (${params.a}) must not exceed --b (${params.b})`);
  if (typeof io.options.territory === 'string') params.territoryId = territoryByName(io.ctx.db, io.options.territory);
  if (typeof io.options.owner === 'string') params.ownerId = repByName(io.ctx.db, io.options.owner);
  return params;
}

export const paretoCommands: CliCommand[] = [
  {
    words: ['export', 'pareto'],
    usage:
      'export pareto OUT.xlsx [--measure sales|salesLastYear|profit] [--a 55] [--b 85] [--territory NAME] [--owner NAME]  sheets Pareto, Summary',
    options: paramOptions,
    async run(io) {
      const params = paramsOf(io);
      const file = fileArg(io, 0, 'write', 'OUT.xlsx');
      const r = await io.registry.call<{ rows: number }>(io.ctx, 'pareto:export', { params, file, lang: 'en' });
      io.out(`Wrote ${io.positionals[0]}: ${r.rows} accounts ranked by ${params.measure}, A < ${params.a} %, B < ${params.b} %.`);
      return 0;
    },
  },
  {
    words: ['grade', 'apply'],
    usage:
      'grade apply [--measure sales|salesLastYear|profit] [--a 55] [--b 85] [--territory NAME] [--owner NAME] [--keep-manual]  write ABC classes into accounts.grade',
    options: { ...paramOptions, 'keep-manual': { type: 'boolean' as const } },
    async run(io) {
      const params = paramsOf(io);
      const keepManual = io.options['keep-manual'] === true;
      const r = await io.registry.call<{ batchId: string | null; changed: number }>(io.ctx, 'pareto:applyGrades', { params, keepManual });
      io.out(
        r.batchId
          ? `Graded: ${r.changed} accounts changed (batch ${r.batchId}; undo in the Pareto screen).`
          : 'Nothing to change: every account already holds its class.',
      );
      return 0;
    },
  },
];
