import fs from 'node:fs';
import path from 'node:path';
import { openBook, restoreBook } from '../book';
import { backupTo } from '../../platform/backup';
import { seedDemo } from '../demo/seedDemo';
import { AppError } from '../../shared/errors';
import { isTimeZone } from '../../shared/bookTime';
import { bookTimeZone, updateSettings } from '../../platform/settings';
import type { CliCommand } from '../../platform/cli/command';

export const coreCommands: CliCommand[] = [
  {
    words: ['init'],
    usage: "init [--demo] [--time-zone ZONE]      create the database (with the demo company); the book's time zone, default Asia/Shanghai",
    options: { demo: { type: 'boolean' }, 'time-zone': { type: 'string' } },
    async run(io) {
      const zone = io.options['time-zone'];
      if (typeof zone === 'string') {
        if (!isTimeZone(zone))
          throw new AppError('invalid-input', `--time-zone: "${zone}" is not a time zone (e.g. Asia/Shanghai, Europe/Berlin, UTC)`);
        updateSettings(io.ctx, { timeZone: zone });
      }
      const count = (io.ctx.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
      if (io.options.demo) {
        if (count > 0)
          throw new AppError('conflict', `${io.dbPath} already holds ${count} accounts; the demo company goes into a new file.`);
        seedDemo(io.ctx);
      }
      const n = (io.ctx.db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
      io.out(`Ready: ${io.dbPath} (${n} accounts, time zone ${bookTimeZone(io.ctx.db)})`);
      return 0;
    },
  },
  {
    words: ['backup'],
    usage: "backup OUT.sqlite                     copy the database with SQLite's online backup",
    async run(io) {
      const dest = io.positionals[0];
      if (!dest) throw new AppError('invalid-input', 'missing OUT.sqlite');
      await backupTo(io.ctx.db, path.resolve(dest));
      io.out(`Backup written: ${path.resolve(dest)}`);
      return 0;
    },
  },
  {
    words: ['restore'],
    usage: 'restore BACKUP.sqlite                 replace the database by a backup (the current one is backed up first)',
    opensBook: false,
    async run(io) {
      const src = io.positionals[0];
      if (!src || !fs.existsSync(src)) throw new AppError('invalid-input', `backup file not found: ${src ?? ''}`);
      const ctx = await openBook(io.dbPath, { platform: 'cli', dailyBackup: false });
      try {
        await restoreBook(ctx, path.resolve(src));
      } finally {
        ctx.db.close();
      }
      io.out(`Restored ${io.dbPath} from ${path.resolve(src)}`);
      return 0;
    },
  },
];
