import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ServerContext } from '../context';
import type { HandlerRegistry } from '../registry';
import { AppError } from '../../shared/errors';

/**
 * One CLI command: the words that name it ('import accounts'), its options for
 * node:util parseArgs, and a run function that calls the same handlers as the app.
 * `run` returns the process exit code; it prints results on stdout and problems on stderr.
 */
export interface CliCommand {
  words: string[];
  usage: string;
  options?: ParseArgsConfig['options'];
  /** Opening the book is skipped for commands that manage the file themselves (restore). */
  opensBook?: boolean;
  /** Create the file with the demo company when it does not exist yet. */
  run(io: CliIo): Promise<number>;
}

export interface CliIo {
  ctx: ServerContext;
  registry: HandlerRegistry;
  dbPath: string;
  positionals: string[];
  options: Record<string, string | boolean | string[] | undefined>;
  out(line: string): void;
  err(line: string): void;
}

export function parseCommandArgs(cmd: CliCommand, args: string[]) {
  return parseArgs({ args, options: cmd.options ?? {}, allowPositionals: true, strict: true });
}

/** Registers a file the user named on the command line, as a dialog would in the app. */
export function fileArg(io: CliIo, index: number, mode: 'read' | 'write', what: string): string {
  const p = io.positionals[index];
  if (!p) throw new AppError('invalid-input', `missing ${what}`);
  return io.ctx.files.register(p, mode).token;
}

/** --map "Source header=field" (repeatable) to the import mapping object. */
export function mappingArg(values: string[] | undefined): Record<string, string> | undefined {
  if (!values?.length) return undefined;
  const out: Record<string, string> = {};
  for (const v of values) {
    const i = v.lastIndexOf('=');
    if (i <= 0) throw new AppError('invalid-input', `--map expects "Source header=field", got "${v}"`);
    out[v.slice(0, i).trim()] = v.slice(i + 1).trim();
  }
  return out;
}

/** `--create-missing` for the imports that name territories and reps (accounts, opportunities, invoices). */
export const createMissingOption = { 'create-missing': { type: 'boolean' as const } };
