import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, PEOPLE, teamBook } from '../../../test/team/book';
import { change, TeamClient } from '../../../test/team/client';
import { startTestCluster } from '../../../test/team/pgCluster';
import { freePort, type PgCluster } from './cluster';

// The team server killed (SIGKILL) in the middle of a push, then restarted: the client sends
// the same push again; every change lands exactly once. The server runs as `npm run
// team-server` would run it: a child process of its own.

const root = path.resolve(import.meta.dirname, '../../..');
let cluster: PgCluster;
let child: ChildProcess | null = null;

beforeAll(async () => {
  cluster = await startTestCluster();
}, 120_000);
afterAll(async () => {
  child?.kill('SIGKILL');
  await cluster?.stop();
});

function startServer(port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/app/team/cli.ts', '--pg', cluster.url, '--port', String(port)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Team server listening on')) resolve(proc);
    });
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    proc.once('exit', (code) => reject(new Error(`team server exited (${code}): ${out}`)));
  });
}

describe('the team server killed during a push', () => {
  it('loses nothing and doubles nothing when the client retries the same push after a restart', async () => {
    const port = await freePort();
    child = await startServer(port);
    const url = `http://127.0.0.1:${port}`;
    await new TeamClient(url).createTeam(teamBook());
    const admin = new TeamClient(url);
    await admin.signIn(PEOPLE.admin.email, ADMIN_PASSWORD);

    const batch = Array.from({ length: 500 }, (_, i) =>
      change('contacts', `con-k-${i}`, 'insert', {
        account_id: [null, 'acc-east'],
        territory_id: [null, 'T-east'],
        name: [null, `联系人${i}`],
      }),
    );
    const watch = new pg.Client({ connectionString: cluster.url });
    // pg_stat_activity is read once per transaction: the probe polls outside watch's.
    const probe = new pg.Client({ connectionString: cluster.url });
    await watch.connect();
    await probe.connect();
    try {
      // The test holds the position row: the push writes its changes and rows, then waits for it
      // at its last statement. Killed there, it has written everything and committed nothing.
      await watch.query('BEGIN');
      await watch.query('SELECT position FROM team_state FOR UPDATE');
      const pushing = admin.push(batch, 0).then(
        () => 'answered',
        () => 'cut off',
      );
      for (let i = 0; ; i++) {
        const r = await probe.query(
          `SELECT 1 FROM pg_stat_activity
           WHERE application_name = 'sw-team-server' AND backend_xid IS NOT NULL AND wait_event_type = 'Lock'`,
        );
        if (r.rows[0]) break;
        if (i > 5000) throw new Error('the push never reached its last statement');
        await new Promise((r) => setTimeout(r, 5));
      }
      child.kill('SIGKILL');
      expect(await pushing).toBe('cut off');
      await watch.query('ROLLBACK');
      const mid = await watch.query<{ n: string }>(`SELECT count(*) AS n FROM changes`);
      expect(Number(mid.rows[0]!.n)).toBe(0);
    } finally {
      await watch.end();
      await probe.end();
    }

    child = await startServer(port);
    const again = await admin.push(batch, 0);
    expect(new Set(again.results.map((r) => r.outcome))).toEqual(new Set(['applied']));
    const twice = await admin.push(batch, 0);
    expect(new Set(twice.results.map((r) => r.outcome))).toEqual(new Set(['duplicate']));

    const pulled = await admin.pullAll(200);
    expect(pulled.changes.map((c) => c.id).sort()).toEqual(batch.map((c) => c.id).sort());
    expect(pulled.changes.map((c) => c.position)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    const contacts = (await admin.snapshot()).tables.contacts!.filter((c) => String(c.id).startsWith('con-k-'));
    expect(contacts).toHaveLength(500);
  }, 120_000);
});
