import pg from 'pg';
import { migrate } from '../../src/app/team/pg/migrate';
import { startTeamServer, type TeamServer } from '../../src/app/team/server';
import type { PgCluster } from '../../src/app/team/cluster';
import type { CreateTeamResponse } from '../../src/features/team/protocol';
import { ADMIN_PASSWORD, PEOPLE, teamBook } from './book';
import { TeamClient } from './client';
import { startTestCluster } from './pgCluster';

export type Who = keyof typeof PEOPLE;

export interface Team {
  cluster: PgCluster;
  pool: pg.Pool;
  server: TeamServer;
  invites: CreateTeamResponse['invites'];
  /** A signed-in client per person of the test book. */
  as: Record<Who, TeamClient>;
  stop(): Promise<void>;
}

/** A real cluster, the migrated schema, the server on a free port, the test book uploaded, everyone signed in. */
export async function startTeam(): Promise<Team> {
  const cluster = await startTestCluster();
  const pool = new pg.Pool({ connectionString: cluster.url, max: 12 });
  try {
    await migrate(pool);
    const server = await startTeamServer(pool, { port: 0, host: '127.0.0.1' });
    const created = await new TeamClient(server.url).createTeam(teamBook());
    const as = {} as Record<Who, TeamClient>;
    for (const [who, p] of Object.entries(PEOPLE) as [Who, (typeof PEOPLE)[Who]][]) {
      const c = new TeamClient(server.url);
      const invite = created.invites.find((i) => i.personId === p.id);
      if (invite) await c.acceptInvite(p.email, invite.code, `pw-of-${who}-123`);
      else await c.signIn(p.email, ADMIN_PASSWORD);
      as[who] = c;
    }
    return {
      cluster,
      pool,
      server,
      invites: created.invites,
      as,
      stop: async () => {
        await server.close();
        await pool.end();
        await cluster.stop();
      },
    };
  } catch (e) {
    await pool.end();
    await cluster.stop();
    throw e;
  }
}
