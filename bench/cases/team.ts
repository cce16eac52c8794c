import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openBook } from '../../src/app/book';
import { createRegistry } from '../../src/app/handlers';
import { startCluster, type PgCluster } from '../../src/app/team/cluster';
import { migrate } from '../../src/app/team/pg/migrate';
import { startTeamServer, type TeamServer } from '../../src/app/team/server';
import type { ServerContext } from '../../src/platform/context';
import { insertRow, updateRow } from '../../src/platform/db/changeLog';
import { syncNow } from '../../src/features/team/server/sync';
import { joinTeam } from '../../src/features/team/server/team';
import { extraTimings, type BenchCase } from '../harness';
import { copyBook, makeAccountsBook } from '../data';
import { accountCases } from './accounts';

// team-sync (issue 21): a new desktop book downloads the team's 100,000 accounts (snapshot →
// SQLite) within 2× the accounts export floor measured in the same run (the floor side here
// IS that floor: ExcelJS streaming the same accounts to .xlsx); then a push of 1,000 account
// edits from that book and their pull into another book, under 1 s together.
// Each product run has its own private PostgreSQL and team server, set up untimed in reset
// (the admin's book uploaded through team:createTeam, the product's path) and stopped at
// the end of the run. SW_BENCH_TEAM_ACCOUNTS sets the size (e.g. 2000 to prove it runs).

const N = Number(process.env.SW_BENCH_TEAM_ACCOUNTS ?? 100_000);
const CHANGES = Math.min(1000, N);
const ADMIN = { email: 'admin@bench.cn', password: 'bench-admin-password' };
const f = (dir: string, name: string) => path.join(dir, 'team', name);
const root = path.resolve(import.meta.dirname, '../..');
// The worker runs bundled in bench/.build: the team schema's migrations are read from the source tree.
process.env.SW_TEAM_MIGRATIONS_DIR ??= path.join(root, 'src/app/team/pg/migrations');
const exportCase = accountCases.find((c) => c.name === 'export-xlsx')!;

interface Running {
  cluster: PgCluster;
  clusterDir: string;
  pool: pg.Pool;
  server: TeamServer;
  admin: ServerContext;
}
let running: Running | null = null;

async function startTeam(dir: string): Promise<Running> {
  // The cluster runs as the postgres account when this is root: a folder of its own in the temp dir.
  const clusterDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-bench-pg-'));
  const cluster = await startCluster({ dir: clusterDir });
  const pool = new pg.Pool({ connectionString: cluster.url, max: 8 });
  let server: TeamServer | null = null;
  try {
    await migrate(pool);
    server = await startTeamServer(pool, { port: 0, host: '127.0.0.1' });
    copyBook(f(dir, 'full.sqlite'), f(dir, 'admin.sqlite'));
    const admin = await openBook(f(dir, 'admin.sqlite'), { dailyBackup: false, platform: 'cli' });
    admin.db.transaction(() =>
      insertRow(admin, 'reps', { territory_id: null, name_zh: '管理员', name_en: 'Admin', email: ADMIN.email, role: 'admin' }),
    )();
    await createRegistry().call(admin, 'team:createTeam', { serverUrl: server.url, ...ADMIN });
    return { cluster, clusterDir, pool, server, admin };
  } catch (e) {
    // A failed setup must not leave a PostgreSQL running behind the benchmark.
    await server?.close();
    await pool.end();
    await cluster.stop();
    fs.rmSync(clusterDir, { recursive: true, force: true });
    throw e;
  }
}

async function stopTeam(r: Running): Promise<void> {
  r.admin.db.close();
  await r.server.close();
  await r.pool.end();
  await r.cluster.stop();
  fs.rmSync(r.clusterDir, { recursive: true, force: true });
}

export const teamCases: BenchCase[] = [
  {
    name: 'team-sync',
    size: `${N.toLocaleString('en-US')} accounts, ${CHANGES.toLocaleString('en-US')} changes`,
    target: 'download ratio ≤ 2 (vs the accounts export floor); push + pull of 1,000 changes < 1,000 ms',
    measure: 'download',
    met: ({ ratio, extra: e = {} }) => ratio !== null && ratio <= 2 && e.pushPull! < 1000,
    async prepare(dir) {
      fs.mkdirSync(path.join(dir, 'team'), { recursive: true });
      await makeAccountsBook(f(dir, 'full.sqlite'), N);
    },
    async reset(dir, side) {
      fs.rmSync(f(dir, 'joined.sqlite'), { force: true });
      // The export floor's own setup (a copy of the book, ExcelJS loaded) for the floor side.
      if (side === 'floor') await exportCase.reset!(path.join(dir, 'team'), 'floor');
      else running = await startTeam(dir);
    },
    async product(dir) {
      const team = running!;
      let joined: ServerContext | null = null;
      try {
        const t0 = performance.now();
        joined = await joinTeam(team.server.url, ADMIN, f(dir, 'joined.sqlite'), { dailyBackup: false, platform: 'cli' });
        extraTimings.download = performance.now() - t0;
        const book = joined;
        const accounts = book.db.prepare('SELECT count(*) FROM accounts WHERE deleted_at IS NULL').pluck().get() as number;
        if (accounts !== N) throw new Error(`the joined book has ${accounts} accounts, not ${N}`);

        // 1,000 edits in the joined book (untimed: the product's write path), then push and pull.
        const ids = book.db.prepare('SELECT id FROM accounts ORDER BY id LIMIT ?').pluck().all(CHANGES) as string[];
        book.db.transaction(() => {
          for (const [i, id] of ids.entries()) updateRow(book, 'accounts', id, { city: `城市${i}` });
        })();
        const t1 = performance.now();
        const pushed = await syncNow(book);
        const t2 = performance.now();
        const pulled = await syncNow(team.admin);
        const t3 = performance.now();
        if (pushed.error || pulled.error) throw new Error(pushed.error ?? pulled.error ?? '');
        if (pushed.pushed !== CHANGES || pulled.pulled !== CHANGES)
          throw new Error(`pushed ${pushed.pushed}, pulled ${pulled.pulled}; expected ${CHANGES} each`);
        extraTimings.push = t2 - t1;
        extraTimings.pull = t3 - t2;
        extraTimings.pushPull = t3 - t1;
      } finally {
        joined?.db.close();
        await stopTeam(team);
      }
    },
    async floor(dir) {
      const t0 = performance.now();
      await exportCase.floor!(path.join(dir, 'team'));
      extraTimings.download = performance.now() - t0;
    },
  },
];
