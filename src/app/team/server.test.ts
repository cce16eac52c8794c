import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE } from '../../../test/team/book';
import { change, TeamClient } from '../../../test/team/client';
import { startTeam, type Team } from '../../../test/team/harness';

// The team server through real HTTP against a real PostgreSQL (issue 21). One team for the
// file; each test pulls first so its basePosition is current, like a desktop that synced.

let team: Team;
beforeAll(async () => {
  team = await startTeam();
}, 120_000);
afterAll(async () => {
  await team?.stop();
});

const rowIdsOf = (tables: Record<string, Record<string, unknown>[]>) =>
  Object.values(tables)
    .flat()
    .map((r) => String(r.id ?? r.key));

describe('sign-in', () => {
  it('team/create invites every active person of the book once, and nobody who left', () => {
    expect(team.invites.map((i) => i.personId).sort()).toEqual(
      [PEOPLE.repEast.id, PEOPLE.repWest.id, PEOPLE.managerEast.id, PEOPLE.finance.id, PEOPLE.trainer.id].sort(),
    );
    expect(new Set(team.invites.map((i) => i.code)).size).toBe(5);
  });

  it('answers with the person, role and territories; a wrong password is 401 and the sixth try in a minute is 429', async () => {
    const c = new TeamClient(team.server.url);
    const ok = await c.signIn(PEOPLE.managerEast.email, 'pw-of-managerEast-123');
    expect(ok.person).toEqual({ id: PEOPLE.managerEast.id, role: 'manager', territoryIds: ['T-east'], name: PEOPLE.managerEast.id });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await c.call('POST', '/v1/sign-in', { email: PEOPLE.trainer.email, password: 'nope' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Even the right password waits out the minute.
    expect((await c.call('POST', '/v1/sign-in', { email: PEOPLE.trainer.email, password: 'pw-of-trainer-123' })).status).toBe(429);
  });

  it('refuses requests without a valid token, and a second team/create', async () => {
    const anon = new TeamClient(team.server.url);
    expect((await anon.call('GET', '/v1/pull?after=0')).status).toBe(401);
    anon.token = 'made-up';
    expect((await anon.call('GET', '/v1/snapshot')).status).toBe(401);
    const again = await anon.call<{ message: string }>('POST', '/v1/team/create', {
      admin: { email: 'x@y.cn', password: 'pw' },
      snapshot: { tables: {} },
      people: [],
    });
    expect(again.status).toBe(400);
    expect(again.body.message).toMatch(/already has a team/);
  });
});

describe('territories are enforced by the database', () => {
  it("rep East's snapshot and pulls contain nothing of West", async () => {
    const east = team.as.repEast;
    const west = team.as.repWest;
    await west.pullAll();
    await west.push([change('accounts', 'acc-west', 'update', { phone: [null, '028-1'] })]);
    await west.push([
      change('contacts', 'con-west-2', 'insert', { account_id: [null, 'acc-west'], territory_id: [null, 'T-west'], name: [null, '王五'] }),
    ]);

    const snap = await east.snapshot();
    const ids = rowIdsOf(snap.tables);
    expect(ids).toEqual(expect.arrayContaining(['acc-east', 'con-east', 'inv-east', 'T-east', 'T-west', 'st-1']));
    for (const westId of ['acc-west', 'con-west', 'con-west-2', 'inv-west', 'opp-west', 'ws-west', 'ts-1'])
      expect(ids).not.toContain(westId);

    east.last = 0;
    const pulled = await east.pullAll();
    expect(pulled.changes.map((c) => c.rowId)).not.toContain('acc-west');
    expect(pulled.changes.map((c) => c.rowId)).not.toContain('con-west-2');
    // The position still moves past West's changes: East does not rescan them.
    expect(pulled.last).toBeGreaterThanOrEqual(2);

    // A West-territory write by East is refused, by the policy as much as by the server.
    const r = await east.push([change('accounts', 'acc-west', 'update', { phone: [null, 'hijack'] })]);
    expect(r.results[0]).toMatchObject({ outcome: 'rejected', reason: 'forbidden' });
    // An id taken in West is refused to East (not a crash, not an overwrite), and so is a West change's id.
    const collide = await east.push([
      change('accounts', 'acc-west', 'insert', { territory_id: [null, 'T-east'], name: [null, 'collide'] }),
    ]);
    expect(collide.results[0]).toMatchObject({ outcome: 'rejected', reason: 'forbidden' });
    const westChange = (await west.pullAll()).changes.find((c) => c.rowId === 'con-west-2')!;
    const stolen = await east.push([
      { id: westChange.id, table: 'contacts', rowId: 'con-east-x', op: 'insert', changes: { territory_id: [null, 'T-east'] }, at: 'x' },
    ]);
    expect(stolen.results[0]).toMatchObject({ outcome: 'duplicate', position: null });
    expect((await west.snapshot()).tables.accounts!.find((a) => a.id === 'acc-west')!.name).toBe('西部电气');
    // The organisation is the admin's: a rep cannot promote himself, a manager cannot rename a territory.
    const promote = await east.push([change('reps', PEOPLE.repEast.id, 'update', { role: ['rep', 'admin'] })]);
    expect(promote.results[0]).toMatchObject({ outcome: 'rejected', reason: 'forbidden' });
    const rename = await team.as.managerEast.push([change('territories', 'T-east', 'update', { name_en: ['East', 'Mine'] })]);
    expect(rename.results[0]).toMatchObject({ outcome: 'rejected', reason: 'forbidden' });
    const byAdmin = await team.as.admin.push([change('territories', 'T-east', 'update', { name_en: ['East', 'East China'] })]);
    expect(byAdmin.results[0]!.outcome).toBe('applied');
  });

  it("rows without a territory column take their parent's: a West worksheet's issue is West's", async () => {
    const west = team.as.repWest;
    await west.pullAll();
    const r = await west.push([
      change('negotiation_issues', 'ni-west', 'insert', { worksheet_id: [null, 'ws-west'], name: [null, '价格'] }),
    ]);
    expect(r.results[0]!.outcome).toBe('applied');
    expect(rowIdsOf((await west.snapshot()).tables)).toContain('ni-west');
    expect(rowIdsOf((await team.as.repEast.snapshot()).tables)).not.toContain('ni-west');
    expect(rowIdsOf((await team.as.trainer.snapshot()).tables)).toContain('ni-west');
    // East cannot hang an issue under West's worksheet either.
    const east = await team.as.repEast.push([
      change('negotiation_issues', 'ni-east', 'insert', { worksheet_id: [null, 'ws-west'], name: [null, '账期'] }),
    ]);
    expect(east.results[0]).toMatchObject({ outcome: 'rejected', reason: 'forbidden' });
  });

  it('a database session as rep East (sw_app) sees none of West in rows or changes; so does the table owner under FORCE', async () => {
    const client = new pg.Client({ connectionString: team.cluster.url });
    await client.connect();
    try {
      const probe = async (role: string) => {
        await client.query('BEGIN');
        await client.query(`SELECT set_config('sw.person_id', $1, true)`, [PEOPLE.repEast.id]);
        await client.query(`SET LOCAL ROLE ${role}`);
        // The directory of people is the team's by design (family 'people'); everything else of West is not.
        const rows = await client.query<{ id: string; territory_id: string | null }>(
          "SELECT id, territory_id FROM rows WHERE family <> 'people'",
        );
        const changes = await client.query<{ row_id: string; territory_id: string | null }>(
          "SELECT row_id, territory_id FROM changes WHERE family <> 'people'",
        );
        const people = await client.query<{ id: string }>("SELECT id FROM rows WHERE family = 'people' AND territory_id = 'T-west'");
        const owner = await client.query<{ tableowner: string }>(`SELECT tableowner FROM pg_tables WHERE tablename = 'rows'`);
        await client.query('ROLLBACK');
        return { rows: rows.rows, changes: changes.rows, people: people.rows, owner: owner.rows[0]!.tableowner };
      };
      for (const role of ['sw_app', 'sw_owner']) {
        const seen = await probe(role);
        expect(seen.rows.length).toBeGreaterThan(3);
        expect(seen.rows.filter((r) => r.territory_id === 'T-west')).toEqual([]);
        expect(seen.rows.map((r) => r.id)).not.toContain('acc-west');
        expect(seen.changes.filter((r) => r.territory_id === 'T-west')).toEqual([]);
        expect(seen.people.map((r) => r.id)).toEqual(['p-rep-west']);
        expect(seen.owner).toBe('sw_owner');
      }
      // The same SQL as the superuser (no RLS at all) does see West: the empty answers above are the policy's.
      const all = await client.query<{ n: string }>(`SELECT count(*) AS n FROM rows WHERE territory_id = 'T-west'`);
      expect(Number(all.rows[0]!.n)).toBeGreaterThan(3);
      const forced = await client.query<{ relname: string; relforcerowsecurity: boolean }>(
        `SELECT relname, relforcerowsecurity FROM pg_class WHERE relname IN ('rows', 'changes', 'conflicts', 'people', 'sessions') ORDER BY relname`,
      );
      expect(forced.rows.every((r) => r.relforcerowsecurity)).toBe(true);
    } finally {
      await client.end();
    }
  });

  it('finance sees receivables and accounts of every territory, but edits accounts only in the receivable figure; the trainer sees training, not accounts', async () => {
    const fin = await team.as.finance.snapshot();
    expect(rowIdsOf(fin.tables)).toEqual(expect.arrayContaining(['inv-east', 'inv-west', 'acc-east', 'acc-west']));
    expect(rowIdsOf(fin.tables)).not.toContain('opp-west');
    await team.as.finance.pullAll();
    const r = await team.as.finance.push([
      change('accounts', 'acc-east', 'update', { receivable_fen: [0, 1_000_000] }),
      change('accounts', 'acc-east', 'update', { name: ['东方机械', '改名'] }),
    ]);
    expect(r.results.map((x) => x.outcome)).toEqual(['applied', 'rejected']);

    const trainer = await team.as.trainer.snapshot();
    expect(rowIdsOf(trainer.tables)).toEqual(expect.arrayContaining(['ts-1', 'ws-west']));
    expect(rowIdsOf(trainer.tables)).not.toContain('acc-east');
  });
});

describe('merge rules through push and pull', () => {
  it('different fields of one account: both land', async () => {
    const { repEast: rep, managerEast: mgr } = team.as;
    await rep.pullAll();
    await mgr.pullAll();
    await rep.push([change('accounts', 'acc-east', 'update', { phone: [null, '021-1'] })]);
    await mgr.push([change('accounts', 'acc-east', 'update', { city: [null, '上海'] })]);
    const row = (await rep.snapshot()).tables.accounts!.find((a) => a.id === 'acc-east')!;
    expect(row).toMatchObject({ phone: '021-1', city: '上海' });
    const pulled = await rep.pullAll();
    expect(pulled.conflicts).toEqual([]);
    expect(pulled.changes.map((c) => c.changes)).toContainEqual({ city: [null, '上海'] });
  });

  it('the same field: the later in server order wins, the overwritten person gets the conflict', async () => {
    const { repEast: rep, managerEast: mgr } = team.as;
    await rep.pullAll();
    await mgr.pullAll();
    const base = rep.last;
    const [first] = (await mgr.push([change('accounts', 'acc-east', 'update', { city: ['上海', '杭州'] })])).results;
    const [second] = (await rep.push([change('accounts', 'acc-east', 'update', { city: ['上海', '南京'] })], base)).results;
    expect(first!.outcome).toBe('applied');
    expect(second!.outcome).toBe('applied');
    expect(second!.position).toBeGreaterThan(first!.position!);
    expect((await rep.snapshot()).tables.accounts!.find((a) => a.id === 'acc-east')!.city).toBe('南京');
    const mgrPull = await mgr.pullAll();
    expect(mgrPull.conflicts).toContainEqual(
      expect.objectContaining({ table: 'accounts', rowId: 'acc-east', field: 'city', kind: 'same-field', mine: '杭州', theirs: '南京' }),
    );
    // The applied change carries the value it overwrote, as applied: the field history keeps the loser.
    expect(mgrPull.changes.find((c) => c.position === second!.position)!.changes).toEqual({ city: ['杭州', '南京'] });
    expect((await rep.pullAll()).conflicts.filter((c) => c.field === 'city')).toEqual([]);

    const conflict = mgrPull.conflicts.find((c) => c.field === 'city')!;
    await mgr.ok('POST', `/v1/conflicts/${conflict.id}/resolve`);
    expect((await mgr.pullAll()).conflicts.map((c) => c.id)).not.toContain(conflict.id);
    // Someone else's conflict cannot be resolved by id.
    expect((await rep.call('POST', `/v1/conflicts/${conflict.id}/resolve`)).status).toBe(404);
  });

  it('delete versus edit: the record stays deleted, the edit is listed (both orders)', async () => {
    const { repEast: rep, managerEast: mgr } = team.as;
    const add = change('contacts', 'con-e2', 'insert', {
      account_id: [null, 'acc-east'],
      territory_id: [null, 'T-east'],
      name: [null, '赵六'],
    });
    await rep.push([add]);
    await rep.pullAll();
    await mgr.pullAll();
    const base = mgr.last;
    // The manager deletes first; the rep's later edit (offline) is not applied.
    await mgr.push([change('contacts', 'con-e2', 'delete', { deleted_at: [null, '2026-12-02T09:00:00.000Z'] })]);
    const edit = await rep.push([change('contacts', 'con-e2', 'update', { name: ['赵六', '赵六六'] })], base);
    expect(edit.results[0]!.outcome).toBe('conflict');
    const contact = (await rep.snapshot()).tables.contacts!.find((c) => c.id === 'con-e2')!;
    expect(contact).toMatchObject({ name: '赵六', deleted_at: '2026-12-02T09:00:00.000Z' });
    expect((await rep.pullAll()).conflicts).toContainEqual(
      expect.objectContaining({ rowId: 'con-e2', kind: 'edit-on-deleted', field: 'name', mine: '赵六六' }),
    );

    // The other order: the rep edits, then the manager (not having pulled it) deletes: deleted, the rep is told.
    await rep.push([change('contacts', 'con-east', 'update', { name: ['张三', '张三丰'] })]);
    const del = await mgr.push([change('contacts', 'con-east', 'delete', { deleted_at: [null, '2026-12-02T10:00:00.000Z'] })], base);
    expect(del.results[0]!.outcome).toBe('applied');
    expect((await rep.snapshot()).tables.contacts!.find((c) => c.id === 'con-east')!.deleted_at).toBe('2026-12-02T10:00:00.000Z');
    expect((await rep.pullAll()).conflicts).toContainEqual(
      expect.objectContaining({ rowId: 'con-east', kind: 'edit-on-deleted', mine: { name: '张三丰' } }),
    );
  });

  it('a payment by finance while the rep edits the account: both kept; payments are appended, never edited', async () => {
    const { repEast: rep, finance: fin } = team.as;
    await rep.pullAll();
    await fin.pullAll();
    const pay = change('rcv_payments', 'pay-1', 'insert', {
      account_id: [null, 'acc-east'],
      territory_id: [null, 'T-east'],
      paid_on: [null, '2026-12-01'],
      amount_fen: [null, 300_000],
    });
    const alloc = change('rcv_allocations', 'al-1', 'insert', {
      payment_id: [null, 'pay-1'],
      invoice_id: [null, 'inv-east'],
      account_id: [null, 'acc-east'],
      territory_id: [null, 'T-east'],
      applied_on: [null, '2026-12-01'],
      amount_fen: [null, 300_000],
    });
    const fr = await fin.push([pay, alloc]);
    const rr = await rep.push([change('accounts', 'acc-east', 'update', { grade: ['B', 'A'] })]);
    expect([...fr.results, ...rr.results].map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied']);
    const rows = (await rep.snapshot()).tables;
    expect(rows.rcv_payments!.map((p) => p.id)).toEqual(['pay-1']);
    expect(rows.accounts!.find((a) => a.id === 'acc-east')!.grade).toBe('A');
    const edit = await fin.push([change('rcv_payments', 'pay-1', 'update', { amount_fen: [300_000, 1] })]);
    expect(edit.results[0]).toMatchObject({ outcome: 'rejected', reason: 'append-only' });
  });

  it('an allocation over the invoice is rejected with its reason and listed for the pusher', async () => {
    const fin = team.as.finance;
    await fin.pullAll();
    const pay = change('rcv_payments', 'pay-2', 'insert', {
      account_id: [null, 'acc-east'],
      territory_id: [null, 'T-east'],
      paid_on: [null, '2026-12-02'],
      amount_fen: [null, 2_000_000],
    });
    // inv-east is 1,000,000 fen and 300,000 are allocated: 700,001 is one fen over.
    const over = change('rcv_allocations', 'al-over', 'insert', {
      payment_id: [null, 'pay-2'],
      invoice_id: [null, 'inv-east'],
      account_id: [null, 'acc-east'],
      territory_id: [null, 'T-east'],
      applied_on: [null, '2026-12-02'],
      amount_fen: [null, 700_001],
    });
    const r = await fin.push([pay, over]);
    expect(r.results[0]!.outcome).toBe('applied');
    expect(r.results[1]).toMatchObject({ outcome: 'rejected', position: null });
    expect(r.results[1]!.reason).toMatch(/over-allocated: the invoice has 700000 fen outstanding/);
    expect((await fin.snapshot()).tables.rcv_allocations!.map((a) => a.id)).toEqual(['al-1']);
    expect((await fin.pullAll()).conflicts).toContainEqual(expect.objectContaining({ id: over.id, kind: 'rejected', rowId: 'al-over' }));
    // Exactly the outstanding amount is fine.
    const exact = {
      ...over,
      id: over.id + '-exact',
      rowId: 'al-exact',
      changes: { ...over.changes, amount_fen: [null, 700_000] as [unknown, unknown] },
    };
    expect((await fin.push([exact])).results[0]!.outcome).toBe('applied');
  });

  it('the same push twice: duplicate with the original positions, nothing doubled', async () => {
    const rep = team.as.repEast;
    await rep.pullAll();
    const batch = [
      change('contacts', 'con-dup', 'insert', { account_id: [null, 'acc-east'], territory_id: [null, 'T-east'], name: [null, '钱七'] }),
      change('contacts', 'con-dup', 'update', { name: ['钱七', '钱七七'] }),
    ];
    const first = await rep.push(batch);
    const again = await rep.push(batch);
    expect(first.results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    expect(again.results).toEqual(first.results.map((r) => ({ ...r, outcome: 'duplicate' })));
    const pulled = await rep.pullAll();
    expect(pulled.changes.filter((c) => c.rowId === 'con-dup')).toHaveLength(2);
    const contact = (await rep.snapshot()).tables.contacts!.filter((c) => c.id === 'con-dup');
    expect(contact).toEqual([expect.objectContaining({ name: '钱七七', version: 2 })]);
  });
});

describe('commit order', () => {
  it('concurrent pushers and a puller looping after=last: every position seen exactly once, in order, no gaps', async () => {
    const admin = team.as.admin;
    await admin.pullAll();
    const start = admin.last;
    const writers = [
      { client: team.as.repEast, account: 'acc-east', field: 'phone' },
      { client: team.as.managerEast, account: 'acc-east', field: 'city' },
      { client: team.as.repWest, account: 'acc-west', field: 'phone' },
      { client: team.as.admin, account: 'acc-west', field: 'city' },
    ];
    const pushers = writers.map(({ client: c }) => {
      const twin = new TeamClient(c.url);
      twin.token = c.token;
      return twin;
    });
    const watcher = new TeamClient(admin.url);
    watcher.token = admin.token;
    watcher.last = start;
    let done = false;
    const seen: number[] = [];
    const puller = (async () => {
      for (;;) {
        const finished = done;
        const page = await watcher.pullAll(7);
        seen.push(...page.changes.map((c) => c.position));
        if (finished) return;
      }
    })();
    let n = 0;
    await Promise.all(
      pushers.map(async (p, i) => {
        for (let round = 0; round < 8; round++) {
          const batch = Array.from({ length: 5 }, () => {
            n++;
            return change('accounts', writers[i]!.account, 'update', { [writers[i]!.field]: [null, `p${i}-${round}-${n}`] });
          });
          const r = await p.push(batch, 0);
          expect(r.results.map((x) => x.outcome)).toEqual(Array(5).fill('applied'));
        }
      }),
    );
    done = true;
    await puller;
    const expected = Array.from({ length: 4 * 8 * 5 }, (_, k) => start + 1 + k);
    expect(seen).toEqual(expected);
  });
});
