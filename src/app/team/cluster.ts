import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// A private PostgreSQL cluster in a folder of its own: what `npm run team-server` starts when no
// --pg URL is given, and what the tests start in a temp folder. Debian's server binaries; initdb
// refuses to run as root, so as root every server command runs as the `postgres` account.
//
// Layout of `dir`: pg/ (the cluster, also its Unix socket folder), superuser-password (0600),
// server.log. Host connections need the password (scram); nothing listens beyond loopback.

export const PG_BIN = process.env.SW_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const SUPERUSER = 'postgres';

export interface PgCluster {
  /** Superuser URL (the migration runner's); the server's requests SET ROLE sw_app. */
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  dir: string;
  /** A free loopback port is chosen when absent. */
  port?: number;
  host?: string;
}

export async function startCluster(opts: ClusterOptions): Promise<PgCluster> {
  assertBinaries();
  const dir = path.resolve(opts.dir);
  const data = path.join(dir, 'pg');
  const pwFile = path.join(dir, 'superuser-password');
  const host = opts.host ?? '127.0.0.1';
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? pgIds() : null;
  if (owner) {
    fs.chownSync(dir, owner.uid, owner.gid);
    await runAs(true, 'test', ['-w', dir]).catch(() => {
      throw new Error(`the postgres account cannot reach ${dir} (a parent folder is closed to it): choose a --data folder it can enter`);
    });
  }

  if (!fs.existsSync(path.join(data, 'PG_VERSION'))) {
    const password = randomBytes(24).toString('base64url');
    fs.writeFileSync(pwFile, password + '\n', { mode: 0o600 });
    if (owner) fs.chownSync(pwFile, owner.uid, owner.gid);
    await pgCommand(asRoot, 'initdb', [
      '-D',
      data,
      '-U',
      SUPERUSER,
      '--pwfile',
      pwFile,
      '--auth-local=scram-sha-256',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
  }
  const password = fs.readFileSync(pwFile, 'utf8').trim();
  const port = opts.port ?? (await freePort(host));
  const log = path.join(dir, 'server.log');
  await pgCommand(asRoot, 'pg_ctl', [
    '-D',
    data,
    '-l',
    log,
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -k ${data} -c listen_addresses=${host}`,
    'start',
  ]).catch((e: Error) => {
    throw new Error(`PostgreSQL did not start (see ${log}): ${e.message}`);
  });
  const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@${host}:${port}/postgres`;
  return {
    url,
    port,
    dir,
    stop: async () => {
      await pgCommand(asRoot, 'pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']);
    },
  };
}

function assertBinaries(): void {
  if (!fs.existsSync(path.join(PG_BIN, 'initdb')) || !fs.existsSync(path.join(PG_BIN, 'pg_ctl'))) {
    throw new Error(`PostgreSQL server binaries not found in ${PG_BIN}: install postgresql (Debian package)`);
  }
}

function pgCommand(asRoot: boolean, bin: string, args: string[]): Promise<void> {
  return runAs(asRoot, path.join(PG_BIN, bin), args);
}

async function runAs(asRoot: boolean, exe: string, args: string[]): Promise<void> {
  // cwd: runuser keeps the caller's folder, which the postgres account may not be able to read.
  const options = { cwd: '/', timeout: 120_000 };
  if (asRoot) await run('runuser', ['-u', 'postgres', '--', exe, ...args], options);
  else await run(exe, args, options);
}

/** The `postgres` account's uid and gid (as root the cluster's files belong to it). */
function pgIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A loopback port nobody listens on now (the OS picks it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
