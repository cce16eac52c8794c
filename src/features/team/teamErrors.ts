// Apart from the contract so the Settings screen lists them without zod.

/**
 * Why a sync or a team action failed, translated by the UI: the server cannot be reached, the
 * session ended (sign in again), wrong email/password or invite code, too many tries, the role
 * may not do this, the server refused the request, or anything else; and the actions' own refusals.
 */
export const TEAM_ERRORS = [
  'offline',
  'signed-out',
  'wrong-credentials',
  'rate-limited',
  'forbidden',
  'rejected',
  'failed',
  // Only from the actions: creating a team from a book that has one, by an admin who is not a
  // person of the book; signing in on a book as another person.
  'already-team',
  'admin-not-in-book',
  'other-person',
] as const;
