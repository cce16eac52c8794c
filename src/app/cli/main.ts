import path from 'node:path';
import { openBook } from '../book';
import { createRegistry } from '../handlers';
import { AppError } from '../../shared/errors';
import { parseCommandArgs, type CliCommand } from '../../platform/cli/command';
import { cliCommands } from './commands';
import { clockOptions } from '../../platform/cli/clockArgs';

// npm run cli -- --db FILE <command words> [args] [options]
// The same handlers as the app; exit 0 on success, 1 on rejected input, 2 on usage errors.

function usage(): string {
  return [
    'Usage: npm run cli -- --db FILE [--today YYYY-MM-DD] <command>',
    '',
    "  --today YYYY-MM-DD  the date any command takes as today (default: today in the book's time zone)",
    '',
    'Commands:',
    ...cliCommands.map((c) => `  ${c.usage}`),
  ].join('\n');
}

function findCommand(words: string[]): { cmd: CliCommand; rest: string[] } | null {
  let best: CliCommand | null = null;
  for (const c of cliCommands) {
    if (c.words.every((w, i) => words[i] === w) && (!best || c.words.length > best.words.length)) best = c;
  }
  return best ? { cmd: best, rest: words.slice(best.words.length) } : null;
}

export async function runCli(argv: string[], out = (s: string) => console.log(s), err = (s: string) => console.error(s)): Promise<number> {
  const dbAt = argv.indexOf('--db');
  if (dbAt < 0 || !argv[dbAt + 1]) {
    err(usage());
    return 2;
  }
  const dbPath = path.resolve(argv[dbAt + 1]!);
  let words = [...argv.slice(0, dbAt), ...argv.slice(dbAt + 2)];
  // --today is global: every command that uses today takes it.
  let today: string | undefined;
  const todayAt = words.findIndex((w) => w === '--today' || w.startsWith('--today='));
  if (todayAt >= 0) {
    const w = words[todayAt]!;
    today = w.includes('=') ? w.slice(w.indexOf('=') + 1) : (words[todayAt + 1] ?? '');
    words = [...words.slice(0, todayAt), ...words.slice(todayAt + (w.includes('=') ? 1 : 2))];
  }
  let clock;
  try {
    clock = clockOptions(today, process.env);
  } catch (e) {
    err((e as Error).message);
    return 2;
  }
  const found = findCommand(words);
  if (!found) {
    err(`Unknown command: ${words.join(' ')}\n\n${usage()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseCommandArgs(found.cmd, found.rest);
  } catch (e) {
    err(`${(e as Error).message}\nUsage: ${found.cmd.usage}`);
    return 2;
  }
  const registry = createRegistry();
  let ctx = null;
  try {
    if (found.cmd.opensBook !== false) ctx = await openBook(dbPath, { platform: 'cli', dailyBackup: false, ...clock });
    return await found.cmd.run({
      ctx: ctx!,
      registry,
      dbPath,
      positionals: parsed.positionals,
      options: parsed.values as Record<string, string | boolean | string[] | undefined>,
      out,
      err,
    });
  } catch (e) {
    if (e instanceof AppError) {
      err(`Error (${e.code}): ${e.message}`);
      return e.code === 'invalid-input' ? 2 : 1;
    }
    err(`Error: ${(e as Error).stack ?? String(e)}`);
    return 1;
  } finally {
    if (ctx) ctx.db.close();
  }
}

const isMain = process.argv[1] && /cli[/\\]main\.(ts|js|mjs)$/.test(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
