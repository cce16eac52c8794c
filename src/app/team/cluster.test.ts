import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster } from '../../../test/team/pgCluster';
import type { PgCluster } from './cluster';

describe('a private PostgreSQL cluster', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startTestCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('starts on a loopback port, accepts the superuser with its password, refuses a wrong one, and stops', async () => {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const r = await client.query<{ v: string; addr: string }>(
      `SELECT current_setting('server_version_num') AS v, host(inet_server_addr()) AS addr`,
    );
    expect(Number(r.rows[0]!.v)).toBeGreaterThanOrEqual(150000);
    expect(r.rows[0]!.addr).toBe('127.0.0.1');
    await client.end();

    const wrong = new pg.Client({ connectionString: cluster.url.replace(/:[^:@/]+@/, ':wrong@') });
    await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);

    await cluster.stop();
    const after = new pg.Client({ connectionString: cluster.url });
    await expect(after.connect()).rejects.toThrow(/ECONNREFUSED/);
    cluster = undefined as unknown as PgCluster;
  });
});
