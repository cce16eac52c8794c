import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCluster, type PgCluster } from '../../src/app/team/cluster';

/**
 * A private PostgreSQL for one test file: a temp folder, a free loopback port. Fails (never
 * skips) when the server binaries are missing: "install postgresql (Debian package)".
 */
export async function startTestCluster(): Promise<PgCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-pg-'));
  const cluster = await startCluster({ dir });
  return {
    ...cluster,
    stop: async () => {
      await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
