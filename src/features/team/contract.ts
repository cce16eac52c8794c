import * as z from 'zod';
import { channel, zEmpty, zOk } from '../../shared/contract/define';
import { TEAM_ROLES, zConflictKind } from './protocol';

// Settings → Team (issue 21): this book's link to a team server. The desktop keeps working
// offline; these channels sign in, create or join a team, sync on demand and act on conflicts.

const zEmail = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .regex(/^[^@\s]+@[^@\s]+$/, 'not an email address');
const zServerUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^\s]+$/, 'the server address starts with http:// or https://');
const zPassword = z.string().min(1).max(1024);

import { TEAM_ERRORS } from './teamErrors';
export { TEAM_ERRORS };
export const zTeamError = z.enum(TEAM_ERRORS);
export type TeamErrorCode = z.infer<typeof zTeamError>;

export const zTeamStatus = z.object({
  /** Null: this book does not sync with a team. */
  serverUrl: z.string().nullable(),
  email: z.string().nullable(),
  role: z.enum(TEAM_ROLES).nullable(),
  signedIn: z.boolean(),
  lastSyncAt: z.string().nullable(),
  lastPosition: z.number(),
  /** Changes made here the server has not answered yet. */
  pending: z.number(),
  /** Open conflicts for the signed-in person. */
  conflicts: z.number(),
  /** Why the last sync did not finish (e.g. the server cannot be reached); null after a good one. */
  lastError: zTeamError.nullable(),
});
export type TeamStatus = z.infer<typeof zTeamStatus>;

export const zTeamConflict = z.object({
  id: z.string(),
  position: z.number().nullable(),
  table: z.string(),
  rowId: z.string(),
  /** The row's name where it has one (accounts, opportunities…), for the list. */
  label: z.string().nullable(),
  field: z.string().nullable(),
  kind: zConflictKind,
  mine: z.unknown(),
  theirs: z.unknown(),
  reason: z.string().nullable(),
});
export type TeamConflict = z.infer<typeof zTeamConflict>;

export const zSyncReport = z.object({
  pushed: z.number(),
  pulled: z.number(),
  pending: z.number(),
  lastPosition: z.number(),
  error: zTeamError.nullable(),
});

export const teamContract = {
  'team:status': channel(zEmpty, zTeamStatus),
  /** Signs in again on a book that syncs with a team (an expired or signed-out session). */
  'team:signIn': channel(z.object({ email: zEmail, password: zPassword }).strict(), zOk),
  /** An admin uploads this book as the team's; each person of the book gets an invite code, shown once. */
  'team:createTeam': channel(
    z.object({ serverUrl: zServerUrl, email: zEmail, password: z.string().min(8).max(1024) }).strict(),
    z.object({ invites: z.array(z.object({ personId: z.string(), email: z.string(), code: z.string() })) }),
  ),
  /** Joins a team: a new book file from the server's snapshot, then opened (the window reloads). */
  'team:join': channel(
    z
      .object({
        serverUrl: zServerUrl,
        email: zEmail,
        password: zPassword,
        inviteCode: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    zOk,
  ),
  'team:syncNow': channel(zEmpty, zSyncReport),
  'team:conflicts': channel(zEmpty, z.array(zTeamConflict)),
  /** Keep theirs (useMine false) or put this person's lost value back as a new edit (useMine true). */
  'team:resolveConflict': channel(z.object({ id: z.string().min(1).max(100), useMine: z.boolean() }).strict(), zOk),
  /**
   * Ends the session on the server, then forgets the token here. serverEnded false: the server
   * could not be reached, so the session stays valid there until it expires.
   */
  'team:signOut': channel(zEmpty, z.object({ ok: z.literal(true), serverEnded: z.boolean() })),
} as const;
