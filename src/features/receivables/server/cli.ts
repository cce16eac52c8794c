import { createMissingOption, fileArg, mappingArg, type CliCommand, type CliIo } from '../../../platform/cli/command';
import { isIsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { Booking } from '../contract';
import type { ImportProblem } from './importCommon';
import { createdLine, type Created } from '../../org/namePlan';

// npm run cli -- --db FILE import invoices IN.xlsx [--map "Header=field" …] [--create-missing]
// npm run cli -- --db FILE import payments IN.xlsx [--map "Header=field" …]
// npm run cli -- --db FILE import collections AGING.xlsx
// npm run cli -- --db FILE export aging OUT.xlsx --as-of YYYY-MM-DD [--lang en|zh-CN]
// npm run cli -- --db FILE export journal OUT.xlsx --from YYYY-MM-DD --to YYYY-MM-DD
// npm run cli -- --db FILE post journal --to YYYY-MM-DD [--by NAME]

function dateOption(io: CliIo, name: string): string {
  const v = io.options[name];
  if (typeof v !== 'string' || !isIsoDate(v)) throw new AppError('invalid-input', `--${name} YYYY-MM-DD is required`);
  return v;
}

/**
 * Runs an import; a rejected file prints every problem as "row N, Column: reason (value)".
 * `extra` is the channel's own input (createMissing for invoices); what it created is printed first.
 */
async function runImport(io: CliIo, channel: string, what: string, extra: Record<string, unknown> = {}): Promise<number> {
  const file = fileArg(io, 0, 'read', 'IN.xlsx');
  const mapping = mappingArg(io.options.map as string[] | undefined);
  try {
    const r = await io.registry.call<{ inserted?: number; rows?: number; recorded?: number; created?: Created[] }>(io.ctx, channel, {
      file,
      ...(mapping ? { mapping } : {}),
      ...extra,
    });
    for (const c of r.created ?? []) io.out(createdLine(c));
    io.out(r.inserted !== undefined ? `Imported ${r.inserted} ${what}.` : `Read ${r.rows} rows; recorded ${r.recorded} collection notes.`);
    return 0;
  } catch (e) {
    if (e instanceof AppError && e.code === 'import-rejected') {
      io.err(`Rejected: ${e.message}`);
      const errors = (e.details as { errors?: ImportProblem[] } | undefined)?.errors ?? [];
      for (const p of errors) io.err(`  row ${p.row}, ${p.column}: ${p.reason}${p.value ? ` (${p.value})` : ''}`);
      return 1;
    }
    throw e;
  }
}

const mapOption = { map: { type: 'string' as const, multiple: true } };

export const receivablesCommands: CliCommand[] = [
  {
    words: ['import', 'invoices'],
    usage:
      'import invoices IN.xlsx [--map "Header=field"] [--create-missing]  headers Invoice, Customer, Contract, Invoice date, Due date, Amount, and Territory, Rep for new customers (all-or-nothing)',
    options: { ...mapOption, ...createMissingOption },
    run: (io) => runImport(io, 'receivables:importInvoices', 'invoices', { createMissing: io.options['create-missing'] === true }),
  },
  {
    words: ['import', 'payments'],
    usage: 'import payments IN.xlsx [--map "Header=field"]  headers Invoice, Date, Amount; overpaying an invoice is an error',
    options: mapOption,
    run: (io) => runImport(io, 'receivables:importPayments', 'payments'),
  },
  {
    words: ['import', 'collections'],
    usage: 'import collections AGING.xlsx       re-import the collection columns finance annotated in an aging workbook',
    options: mapOption,
    run: (io) => runImport(io, 'receivables:importCollections', 'collection notes'),
  },
  {
    words: ['export', 'aging'],
    usage: 'export aging OUT.xlsx --as-of YYYY-MM-DD [--lang en|zh-CN]  sheets Summary, Detail, Rates',
    options: { 'as-of': { type: 'string' }, lang: { type: 'string' } },
    async run(io) {
      const asOf = dateOption(io, 'as-of');
      const lang = (io.options.lang as string | undefined) ?? 'en';
      const file = fileArg(io, 0, 'write', 'OUT.xlsx');
      const r = await io.registry.call<{ customers: number; invoices: number }>(io.ctx, 'receivables:exportAging', { file, asOf, lang });
      io.out(`Aging as of ${asOf}: ${r.customers} customers, ${r.invoices} open invoices → ${io.positionals[0]}`);
      return 0;
    },
  },
  {
    words: ['export', 'journal'],
    usage: 'export journal OUT.xlsx --from YYYY-MM-DD --to YYYY-MM-DD  provision journal between two as-of dates',
    options: { from: { type: 'string' }, to: { type: 'string' } },
    async run(io) {
      const file = fileArg(io, 0, 'write', 'OUT.xlsx');
      const r = await io.registry.call<{ rows: number }>(io.ctx, 'receivables:exportJournal', {
        file,
        from: dateOption(io, 'from'),
        to: dateOption(io, 'to'),
      });
      io.out(`Provision journal: ${r.rows} lines → ${io.positionals[0]}`);
      return 0;
    },
  },
  {
    words: ['post', 'journal'],
    usage: 'post journal --to YYYY-MM-DD [--by NAME]  book the provision required at that date (by: default the OS user)',
    options: { to: { type: 'string' }, by: { type: 'string' } },
    async run(io) {
      const to = dateOption(io, 'to');
      const by = io.options.by as string | undefined;
      // A refused booking (already booked to that date or later, or a future date) is an AppError: exit 1 with its message.
      const b = await io.registry.call<Booking>(io.ctx, 'receivables:postJournal', { to, ...(by !== undefined ? { by } : {}) });
      io.out(
        `Booked the provision to ${b.bookedTo}: ${(b.total / 100).toFixed(2)} for ${b.customers} customers (by ${b.bookedBy} at ${b.bookedAt}).`,
      );
      return 0;
    },
  },
];
