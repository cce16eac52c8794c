import type { Handlers } from '../../../platform/registry';
import { createBackup } from '../../../platform/backup';
import { writeErrorsWorkbook } from '../../../platform/excel/errorsWorkbook';
import { getSettings } from '../../../platform/settings';
import type { accountsContract } from '../contract';
import { exportAccounts, writeTemplate } from './export';
import { viewIds } from './repo';
import { importAccounts, listBatches, previewImport, undoImport } from './import';

/** The accounts channels that read or write spreadsheets; the rest are in handlers.ts. */
export type AccountExcelChannel =
  | 'accounts:importPreview'
  | 'accounts:import'
  | 'accounts:importBatches'
  | 'accounts:undoImport'
  | 'accounts:saveImportErrors'
  | 'accounts:export'
  | 'accounts:template';
type C = Pick<typeof accountsContract, AccountExcelChannel>;

/** The accounts' Excel channels: import (preview, import, batches, undo), export, template. */
export const accountExcelHandlers: Handlers<C> = {
  'accounts:importPreview': async ({ file, mapping, createMissing }, ctx, job) => {
    const f = ctx.files.resolve(file, 'read');
    return previewImport(ctx, f.path, f.name, { mapping, createMissing }, job);
  },

  'accounts:import': async ({ file, mapping, createMissing }, ctx, job) => {
    const f = ctx.files.resolve(file, 'read');
    return importAccounts(ctx, f.path, f.name, { mapping, createMissing }, job, async () => {
      await createBackup(ctx.db, ctx.backupDir, 'before-import', getSettings(ctx.db).backupKeep, new Date(ctx.clock.now()));
    });
  },

  'accounts:importBatches': (_in, ctx) => listBatches(ctx),

  'accounts:undoImport': ({ batchId }, ctx) => undoImport(ctx, batchId),

  'accounts:saveImportErrors': async ({ file, errors }, ctx, job) => {
    await writeErrorsWorkbook(ctx.files.resolve(file, 'write').path, errors, { job });
    return { ok: true as const };
  },

  'accounts:export': async ({ file, lang, view, ids, columns }, ctx, job) =>
    exportAccounts(ctx, ctx.files.resolve(file, 'write').path, { lang, ids: view ? viewIds(ctx.db, view) : ids, columns, job }),

  'accounts:template': async ({ file, lang }, ctx) => {
    await writeTemplate(ctx, ctx.files.resolve(file, 'write').path, lang);
    return { ok: true as const };
  },
};
