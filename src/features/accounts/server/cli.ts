import path from 'node:path';
import { createMissingOption, fileArg, mappingArg, type CliCommand } from '../../../platform/cli/command';
import { AppError } from '../../../shared/errors';
import type { ImportError } from '../contract';
import { createdLine, type Created } from '../../org/namePlan';

// npm run cli -- --db FILE import accounts IN.xlsx|IN.csv [--map "Source header=field" ...] [--create-missing]
// npm run cli -- --db FILE export accounts OUT.xlsx [--lang zh-CN]
// npm run cli -- --db FILE template accounts OUT.xlsx [--lang zh-CN]

function langArg(value: unknown): 'zh-CN' | 'en' {
  if (value === undefined) return 'en';
  if (value === 'zh-CN' || value === 'en') return value;
  throw new AppError('invalid-input', `--lang must be zh-CN or en, got "${String(value)}"`);
}

export const accountsCommands: CliCommand[] = [
  {
    words: ['import', 'accounts'],
    usage: 'import accounts IN.xlsx|IN.csv [--map "Source header=field" ...] [--create-missing]   import accounts, all rows or none',
    options: { map: { type: 'string', multiple: true }, ...createMissingOption },
    async run(io) {
      const file = fileArg(io, 0, 'read', 'IN.xlsx|IN.csv');
      const mapping = mappingArg(io.options.map as string[] | undefined);
      try {
        const r = await io.registry.call<{ batchId: string; inserted: number; updated: number; unchanged: number; created: Created[] }>(
          io.ctx,
          'accounts:import',
          {
            file,
            mapping,
            createMissing: io.options['create-missing'] === true,
          },
        );
        for (const c of r.created) io.out(createdLine(c));
        io.out(
          `Imported ${r.inserted + r.updated + r.unchanged} accounts: ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged (batch ${r.batchId}).`,
        );
        return 0;
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'import-rejected') throw e;
        const details = e.details as { errors?: ImportError[]; errorCount?: number } | undefined;
        for (const x of details?.errors ?? []) io.err(`row ${x.row}, column "${x.column}", value "${x.value}": ${x.reason}`);
        io.err(e.message);
        return 1;
      }
    },
  },
  {
    words: ['export', 'accounts'],
    usage: 'export accounts OUT.xlsx [--lang zh-CN]               every account, headers in English (or Chinese)',
    options: { lang: { type: 'string' } },
    async run(io) {
      const lang = langArg(io.options.lang);
      const file = fileArg(io, 0, 'write', 'OUT.xlsx');
      const r = await io.registry.call<{ rows: number }>(io.ctx, 'accounts:export', { file, lang });
      io.out(`Exported ${r.rows} accounts to ${path.resolve(io.positionals[0]!)}`);
      return 0;
    },
  },
  {
    words: ['template', 'accounts'],
    usage: 'template accounts OUT.xlsx [--lang zh-CN]             the import template with drop-down lists',
    options: { lang: { type: 'string' } },
    async run(io) {
      const lang = langArg(io.options.lang);
      const file = fileArg(io, 0, 'write', 'OUT.xlsx');
      await io.registry.call(io.ctx, 'accounts:template', { file, lang });
      io.out(`Template written: ${path.resolve(io.positionals[0]!)}`);
      return 0;
    },
  },
];
