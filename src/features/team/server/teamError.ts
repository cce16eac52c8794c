import { AppError } from '../../../shared/errors';
import { TEAM_ERRORS, type TeamErrorCode } from '../contract';

export type { TeamErrorCode };
import { TeamOffline } from './client';

// Why talking to the team server failed, as a code the UI translates (zh-CN and English) rather
// than the server's or Node's English text. The client attaches the code where it knows it (the
// HTTP status and the route); everything else that stops a sync is 'failed'.

export const isTeamErrorCode = (v: unknown): v is TeamErrorCode => (TEAM_ERRORS as readonly unknown[]).includes(v);

export function teamErrorCode(err: unknown): TeamErrorCode {
  if (err instanceof TeamOffline) return err.teamError;
  const code = err instanceof AppError ? (err.details as { teamError?: unknown } | undefined)?.teamError : undefined;
  return isTeamErrorCode(code) ? code : 'failed';
}

/**
 * A team action's failure as it crosses the contract: an AppError carrying its code in
 * details.teamError (the renderer translates it; the English message stays for the CLI and logs).
 */
export function asTeamAppError(err: unknown): unknown {
  if (err instanceof TeamOffline) return new AppError('conflict', err.message, { teamError: err.teamError });
  return err;
}

/** Runs a team action, turning an unreachable server into a coded AppError. */
export async function withTeamErrors<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    throw asTeamAppError(err);
  }
}
