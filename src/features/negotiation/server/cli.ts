import { fileArg, type CliCommand } from '../../../platform/cli/command';
import { AppError } from '../../../shared/errors';

// npm run cli -- --db FILE export negotiation ID OUT.xlsx [--lang zh-CN|en]
// npm run cli -- --db FILE import negotiation IN.xlsx [--name NAME]
// Both go through the same handlers as the app. An import whose plan fails checks still
// succeeds (the checks are advice) and says how many failed; a malformed workbook is
// refused with every rejected cell (sheet, row, column, value, reason) and exit code 1.

export const negotiationCommands: CliCommand[] = [
  {
    words: ['export', 'negotiation'],
    usage: 'export negotiation ID OUT.xlsx [--lang zh-CN|en]  write a worksheet as a printable workbook',
    options: { lang: { type: 'string' } },
    async run(io) {
      const id = io.positionals[0];
      if (!id) throw new AppError('invalid-input', 'missing ID');
      const lang = (io.options.lang as string | undefined) ?? 'zh-CN';
      const file = fileArg(io, 1, 'write', 'OUT.xlsx');
      const r = await io.registry.call<{ sheets: string[]; checks: number }>(io.ctx, 'negotiation:export', { id, file, lang });
      io.out(`Written: ${io.positionals[1]} (sheets ${r.sheets.join(', ')}; ${r.checks} failed check${r.checks === 1 ? '' : 's'})`);
      return 0;
    },
  },
  {
    words: ['import', 'negotiation'],
    usage: 'import negotiation IN.xlsx [--name NAME]          create a worksheet from a workbook; prints its ID',
    options: { name: { type: 'string' } },
    async run(io) {
      const file = fileArg(io, 0, 'read', 'IN.xlsx');
      const name = io.options.name as string | undefined;
      const r = await io.registry.call<{ id: string; name: string; checks: number }>(
        io.ctx,
        'negotiation:import',
        name === undefined ? { file } : { file, name },
      );
      io.out(r.id);
      if (r.checks > 0)
        io.err(
          `Imported "${r.name}" with ${r.checks} failed check${r.checks === 1 ? '' : 's'} (advice; see the Checks sheet of an export).`,
        );
      return 0;
    },
  },
];
