import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startCluster, type PgCluster } from './cluster';
import { migrate } from './pg/migrate';
import { fileURLToPath } from 'node:url';
import { createRegistry } from '../handlers';
import { startTeamServer } from './server';

// `npm run team-server -- [--pg URL] [--data DIR] [--port N] [--host 127.0.0.1]`
// With --pg: that PostgreSQL database (the URL's user must be able to create roles the first
// time, for the migrations). Without: a private PostgreSQL cluster in --data DIR, started and
// stopped with the server.

const DATABASE = 'sales_team';
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      pg: { type: 'string' },
      data: { type: 'string' },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      // The public name(s) browsers reach the server by (behind TLS), e.g. team.example.cn.
      'web-host': { type: 'string', multiple: true, default: [] },
      // TLS terminates in front of the server: mark the browser session cookie Secure.
      'behind-tls': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port} is not a port number`);

  let cluster: PgCluster | null = null;
  let url = values.pg;
  if (!url) {
    const dir = path.resolve(values.data ?? defaultDataDir());
    cluster = await startCluster({ dir });
    console.log(`PostgreSQL data in ${dir} (port ${cluster.port}, loopback only)`);
    url = await ensureDatabase(cluster.url);
  }
  const pool = new pg.Pool({ connectionString: url, max: 10, application_name: 'sw-team-server' });
  const applied = await migrate(pool);
  if (applied.length) console.log(`team schema migrations applied: ${applied.join(', ')}`);
  const rendererDir = path.join(REPO, 'out/renderer');
  const web = fs.existsSync(path.join(rendererDir, 'index.html'))
    ? {
        rendererDir,
        registry: createRegistry(),
        booksDir: path.join(values.data ? path.resolve(values.data) : defaultDataDir(), 'web-books'),
        hosts: values['web-host'],
        secureCookie: values['behind-tls'],
      }
    : undefined;
  const server = await startTeamServer(pool, { port, host: values.host!, web });
  console.log(`Team server listening on ${server.url}`);
  if (web) console.log(`Browsers: ${server.url}/ (people sign in with their team email and password)`);
  else console.log('No browser app: run `npm run build:renderer` first to serve it.');

  const stop = async () => {
    await server.close();
    await pool.end();
    await cluster?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/**
 * Beside the user's books (~/.sales-workstation, as `npm run web`). Root's home is closed to the
 * postgres account the cluster runs as, so as root: that account's own home.
 */
function defaultDataDir(): string {
  if (process.getuid?.() === 0) return '/var/lib/postgresql/sales-workstation-team';
  return path.join(os.homedir(), '.sales-workstation', 'team-server');
}

/** The team's database in the private cluster (created the first time). */
async function ensureDatabase(superUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: superUrl });
  await client.connect();
  try {
    const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!r.rows[0]) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  const u = new URL(superUrl);
  u.pathname = `/${DATABASE}`;
  return u.toString();
}

main().catch((e: unknown) => {
  console.error(`team-server: ${(e as Error).message}`);
  process.exit(1);
});
