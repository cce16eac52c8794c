import path from 'node:path';
import { fileArg, type CliCommand } from '../../../platform/cli/command';
import { AppError } from '../../../shared/errors';
import type { OrgImportError } from '../contract';

// npm run cli -- --db FILE import org IN.xlsx     sheets Territories and People, all rows or none
// npm run cli -- --db FILE export org OUT.xlsx

type Counts = { inserted: number; updated: number; unchanged: number };
const counts = (c: Counts) => `${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged`;

export const orgCommands: CliCommand[] = [
  {
    words: ['import', 'org'],
    usage:
      'import org IN.xlsx                  sheets Territories (ID, Name, Name (zh)) and People (ID, Name, Name (zh), Email, Role, Territory); all or nothing',
    async run(io) {
      const file = fileArg(io, 0, 'read', 'IN.xlsx');
      try {
        const r = await io.registry.call<{ territories: Counts; people: Counts }>(io.ctx, 'org:import', { file });
        io.out(`Imported ${path.basename(io.positionals[0]!)}: territories ${counts(r.territories)}; people ${counts(r.people)}.`);
        return 0;
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'import-rejected') throw e;
        const d = e.details as { errors: OrgImportError[]; errorCount: number };
        for (const x of d.errors) io.err(`${x.sheet} row ${x.row}, column "${x.column}", value "${x.value}": ${x.reason}`);
        if (d.errorCount > d.errors.length) io.err(`… and ${d.errorCount - d.errors.length} more`);
        io.err(e.message);
        return 1;
      }
    },
  },
  {
    words: ['export', 'org'],
    usage: 'export org OUT.xlsx                 the territories and people, to edit and import back',
    async run(io) {
      const file = fileArg(io, 0, 'write', 'OUT.xlsx');
      const r = await io.registry.call<{ territories: number; people: number }>(io.ctx, 'org:export', { file });
      io.out(`Exported ${r.territories} territories and ${r.people} people to ${path.resolve(io.positionals[0]!)}`);
      return 0;
    },
  },
];
