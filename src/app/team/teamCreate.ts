import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  SYNCED_TABLES,
  TEAM_ROLES,
  type CreateTeamRequest,
  type CreateTeamResponse,
  type RowData,
  type TeamRole,
} from '../../features/team/protocol';
import { hashPassword, newSecret, sha256 } from './auth';
import { rowTerritory } from './rowTerritory';
import { PUSH_LOCK } from './push';

export class BadRequest extends Error {}

const CHUNK = 1000;

/**
 * The initial upload of an existing desktop book (issue 21): only into an empty team database.
 * The book's reps become the team's people (role from reps.role, territories from
 * reps.territory_id and manager_territories), each with an invite code returned once; the
 * admin gets the password given. All rows land at position 0: changes start after them.
 */
export async function createTeam(pool: pg.Pool, req: CreateTeamRequest): Promise<CreateTeamResponse> {
  for (const table of Object.keys(req.snapshot.tables)) {
    if (!SYNCED_TABLES[table]) throw new BadRequest(`table ${table} is not synced`);
  }
  const tables = req.snapshot.tables;
  const reps = new Map((tables.reps ?? []).map((r) => [String(r.id), r]));
  const adminEmail = req.admin.email.trim().toLowerCase();
  const adminHash = await hashPassword(req.admin.password);

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
    await client.query('SET LOCAL ROLE sw_auth');
    const existing = await client.query<{ n: string }>('SELECT count(*) AS n FROM people');
    if (Number(existing.rows[0]!.n) > 0) throw new BadRequest('This team server already has a team.');

    const invites: CreateTeamResponse['invites'] = [];
    let adminId: string | null = null;
    for (const p of req.people) {
      const email = p.email.trim().toLowerCase();
      const rep = reps.get(p.id);
      if (!rep) throw new BadRequest(`person ${p.id} is not in the book's reps`);
      const isAdmin = email === adminEmail;
      // People who left (deactivated or deleted in the book) come along for the history, without an invite.
      const gone = !isAdmin && Boolean(rep.deactivated_at || rep.deleted_at);
      const code = isAdmin || gone ? null : newSecret(12);
      await insertPerson(client, {
        id: p.id,
        email,
        name: String(rep.name_zh || rep.name_en || ''),
        role: isAdmin ? 'admin' : roleOf(rep.role),
        territoryId: rep.territory_id,
        passwordHash: isAdmin ? adminHash : null,
        inviteCode: code,
        gone,
      });
      if (isAdmin) adminId = p.id;
      else if (code) invites.push({ personId: p.id, email, code });
    }
    if (!adminId) {
      adminId = randomUUID();
      await insertPerson(client, {
        id: adminId,
        email: adminEmail,
        name: 'admin',
        role: 'admin',
        territoryId: null,
        passwordHash: adminHash,
        inviteCode: null,
        gone: false,
      });
    }
    for (const link of tables.manager_territories ?? []) {
      if (link.deleted_at || !reps.has(String(link.person_id))) continue;
      await client.query('INSERT INTO person_territories VALUES ($1, $2) ON CONFLICT DO NOTHING', [link.person_id, link.territory_id]);
    }

    // The rows go in as the admin, through the same policies as every later write.
    await client.query(`SELECT set_config('sw.person_id', $1, true)`, [adminId]);
    await client.query('SET LOCAL ROLE sw_app');
    const byId = new Map<string, Map<string, RowData>>();
    for (const [table, rows] of Object.entries(tables)) {
      const idColumn = SYNCED_TABLES[table]!.idColumn ?? 'id';
      byId.set(table, new Map(rows.map((r) => [String(r[idColumn]), r])));
    }
    const territoryOf = async (table: string, id: string): Promise<string | null> => {
      const parent = byId.get(table)?.get(id);
      return parent ? rowTerritory(SYNCED_TABLES[table]!, parent, territoryOf) : null;
    };
    for (const [table, rows] of Object.entries(tables)) {
      const spec = SYNCED_TABLES[table]!;
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        const records = await Promise.all(
          chunk.map(async (r) => ({
            id: String(r[spec.idColumn ?? 'id']),
            territory_id: await rowTerritory(spec, r, territoryOf),
            data: r,
            deleted_at: typeof r.deleted_at === 'string' ? r.deleted_at : null,
          })),
        );
        await client.query(
          `INSERT INTO rows (table_name, id, family, territory_id, data, deleted_at, position)
           SELECT $1, x.id, $2, x.territory_id, x.data, x.deleted_at, 0
           FROM jsonb_to_recordset($3::jsonb) AS x(id TEXT, territory_id TEXT, data JSONB, deleted_at TEXT)`,
          [table, spec.family, JSON.stringify(records)],
        );
      }
    }
    await client.query('COMMIT');
    return { position: 0, invites };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

function roleOf(v: unknown): TeamRole {
  return (TEAM_ROLES as readonly unknown[]).includes(v) ? (v as TeamRole) : 'rep';
}

interface NewPerson {
  id: string;
  email: string;
  name: string;
  role: TeamRole;
  territoryId: unknown;
  passwordHash: string | null;
  inviteCode: string | null;
  gone: boolean;
}

async function insertPerson(client: pg.PoolClient, p: NewPerson): Promise<void> {
  const territory = p.role === 'rep' && typeof p.territoryId === 'string' ? p.territoryId : null;
  await client.query(
    `INSERT INTO people (id, email, name, role, territory_id, password_hash, invite_code_hash, deactivated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8 THEN now() END)`,
    [p.id, p.email, p.name, p.role, territory, p.passwordHash, p.inviteCode ? sha256(p.inviteCode) : null, p.gone],
  );
  if (territory) await client.query('INSERT INTO person_territories VALUES ($1, $2)', [p.id, territory]);
}
