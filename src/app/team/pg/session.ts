import type pg from 'pg';

export type Tx = pg.PoolClient;

/**
 * Runs `fn` in one transaction as `personId`: the identity is set with set_config(…, true)
 * and the role with SET LOCAL, so both end with the transaction and cannot leak to the next
 * request on this pooled connection. Every request query runs as sw_app under row-level security.
 */
export function asPerson<T>(pool: pg.Pool, personId: string, fn: (tx: Tx) => Promise<T>, repeatableRead = false): Promise<T> {
  return inTransaction(pool, repeatableRead, async (tx) => {
    await tx.query(`SELECT set_config('sw.person_id', $1, true)`, [personId]);
    await tx.query('SET LOCAL ROLE sw_app');
    return fn(tx);
  });
}

/** Sign-in and sessions: role sw_auth, which reads people and sessions and nothing else. */
export function asAuth<T>(pool: pg.Pool, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(pool, false, async (tx) => {
    await tx.query('SET LOCAL ROLE sw_auth');
    return fn(tx);
  });
}

async function inTransaction<T>(pool: pg.Pool, repeatableRead: boolean, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const tx = await pool.connect();
  try {
    await tx.query(repeatableRead ? 'BEGIN ISOLATION LEVEL REPEATABLE READ' : 'BEGIN');
    const result = await fn(tx);
    await tx.query('COMMIT');
    return result;
  } catch (e) {
    await tx.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    tx.release();
  }
}
