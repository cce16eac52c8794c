import type pg from 'pg';
import type { SignInResponse, TeamPerson } from '../../features/team/protocol';
import { FailureLimiter, hashPassword, newSecret, secretMatches, sha256, verifyPassword } from './auth';
import { asAuth, type Tx } from './pg/session';

// Sign-in, invites and sessions. These run as sw_auth (people and sessions only), before an
// identity exists; everything after runs as sw_app under the person's identity.

const SESSION_DAYS = 30;

export class AuthError extends Error {
  constructor(
    readonly status: 401 | 429,
    message: string,
  ) {
    super(message);
  }
}

export async function signIn(pool: pg.Pool, limiter: FailureLimiter, email: string, password: string): Promise<SignInResponse> {
  const key = email.trim().toLowerCase();
  if (limiter.blocked(key)) throw new AuthError(429, 'Too many failed sign-ins for this email; wait a minute.');
  const person = await asAuth(pool, (tx) =>
    tx.query<{ id: string; password_hash: string | null }>(
      'SELECT id, password_hash FROM people WHERE email = $1 AND deactivated_at IS NULL',
      [key],
    ),
  );
  const row = person.rows[0];
  if (!(await verifyPassword(password, row?.password_hash ?? null)) || !row) {
    limiter.fail(key);
    throw new AuthError(401, 'Wrong email or password.');
  }
  limiter.succeed(key);
  return asAuth(pool, (tx) => openSession(tx, row.id));
}

export async function acceptInvite(
  pool: pg.Pool,
  limiter: FailureLimiter,
  email: string,
  code: string,
  password: string,
): Promise<SignInResponse> {
  const key = email.trim().toLowerCase();
  if (limiter.blocked(key)) throw new AuthError(429, 'Too many failed attempts for this email; wait a minute.');
  const hash = await hashPassword(password);
  return asAuth(pool, async (tx) => {
    const r = await tx.query<{ id: string; invite_code_hash: string | null }>(
      'SELECT id, invite_code_hash FROM people WHERE email = $1 AND deactivated_at IS NULL FOR UPDATE',
      [key],
    );
    const row = r.rows[0];
    if (!row || !secretMatches(code, row.invite_code_hash)) {
      limiter.fail(key);
      throw new AuthError(401, 'This invite code is not valid for this email.');
    }
    await tx.query('UPDATE people SET password_hash = $2, invite_code_hash = NULL WHERE id = $1', [row.id, hash]);
    limiter.succeed(key);
    return openSession(tx, row.id);
  });
}

/** The person a bearer token belongs to, or null (unknown, expired, deactivated). */
export async function personOfToken(pool: pg.Pool, token: string): Promise<string | null> {
  const r = await asAuth(pool, (tx) =>
    tx.query<{ id: string }>(
      `SELECT p.id FROM sessions s JOIN people p ON p.id = s.person_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND p.deactivated_at IS NULL`,
      [sha256(token)],
    ),
  );
  return r.rows[0]?.id ?? null;
}

/** Sign-out: the session's row is deleted, so its token is refused from now on (unknown tokens: nothing to do). */
export async function endSession(pool: pg.Pool, token: string): Promise<void> {
  await asAuth(pool, (tx) => tx.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)]));
}

async function openSession(tx: Tx, personId: string): Promise<SignInResponse> {
  const token = newSecret();
  await tx.query(`INSERT INTO sessions (token_hash, person_id, expires_at) VALUES ($1, $2, now() + make_interval(days => $3))`, [
    sha256(token),
    personId,
    SESSION_DAYS,
  ]);
  return { token, person: await describePerson(tx, personId) };
}

export async function describePerson(tx: Tx, personId: string): Promise<TeamPerson> {
  const p = await tx.query<{ role: TeamPerson['role']; name: string }>('SELECT role, name FROM people WHERE id = $1', [personId]);
  const t = await tx.query<{ territory_id: string }>(
    'SELECT territory_id FROM person_territories WHERE person_id = $1 ORDER BY territory_id',
    [personId],
  );
  return { id: personId, role: p.rows[0]!.role, name: p.rows[0]!.name, territoryIds: t.rows.map((r) => r.territory_id) };
}
